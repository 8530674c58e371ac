// Ring (polygon) helpers: point-in-ring by crossing number, and conversion of closed segment chains into the
// rings that polygon consumers (clipper, nester) take.
import { CHORD_TOLERANCE_MM, flattenSegments } from './segments';
import type { Ring, Segment, Vec2 } from './types';

/** True when p is strictly inside the ring (points exactly on an edge may go either way). */
export function pointInRing(p: Vec2, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** The closed chain as a ring without the repeated closing point. */
export function segmentsToRing(segs: readonly Segment[], tol = CHORD_TOLERANCE_MM): Ring {
  const pts = flattenSegments(segs, tol);
  if (pts.length > 1) {
    const a = pts[0];
    const b = pts[pts.length - 1];
    if (Math.abs(a.x - b.x) < 1e-9 && Math.abs(a.y - b.y) < 1e-9) pts.pop();
  }
  return pts;
}

export function ringArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  return twice / 2;
}

/**
 * Point-in-ring tests against one ring many times (containment tree): edges are bucketed into horizontal bands,
 * so a query walks only the edges of the band holding p.y — O(√n) per query instead of O(n) for large rings.
 */
export class RingTester {
  private readonly bands: Int32Array[] = [];
  private readonly minY: number;
  private readonly bandH: number;

  constructor(private readonly ring: Ring) {
    const n = ring.length;
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of ring) {
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
    const count = Math.max(1, Math.min(4096, Math.ceil(Math.sqrt(n))));
    this.minY = lo;
    this.bandH = (hi - lo) / count || 1;
    const lists: number[][] = Array.from({ length: count }, () => []);
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const a = Math.min(ring[i].y, ring[j].y);
      const b = Math.max(ring[i].y, ring[j].y);
      const first = Math.max(0, Math.floor((a - lo) / this.bandH));
      const last = Math.min(count - 1, Math.floor((b - lo) / this.bandH));
      for (let k = first; k <= last; k++) lists[k].push(i);
    }
    this.bands = lists.map((l) => Int32Array.from(l));
  }

  contains(p: Vec2): boolean {
    const k = Math.floor((p.y - this.minY) / this.bandH);
    if (!(k >= 0 && k < this.bands.length)) return false;
    const ring = this.ring;
    const n = ring.length;
    let inside = false;
    for (const i of this.bands[k]) {
      const a = ring[i];
      const b = ring[i === 0 ? n - 1 : i - 1];
      if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  }
}
