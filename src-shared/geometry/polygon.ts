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
