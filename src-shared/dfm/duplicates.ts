// Duplicate and overlapping segments across all contours: lines are keyed by their carrier line (direction and
// offset, rounded to 1e-3) and arcs by their circle (centre and radius, rounded); the intervals (projection along
// the line, or angle) are sorted by key then start, and one linear sweep finds overlaps. No all-pairs comparison,
// no string keys, no object per segment: the intervals live in typed arrays (this runs on every import, over tens
// of thousands of segments, and garbage collection was most of its cost).
import type { Contour } from '../geometry/contours';
import { TAU } from '../geometry/segments';
import type { Vec2 } from '../geometry/types';

export interface Overlap {
  at: Vec2;
  contourIds: [string, string];
  lengthMm: number;
}

const Q = 1e-3;
/** Fields per interval: kind (0 line, 1 arc), k1, k2, k3 (rounded carrier), lo, hi, contour, ox, oy, ux, uy. */
const F = 11;

class Intervals {
  data: Float64Array;
  count = 0;
  /** `capacity`: the expected number of intervals (sized once: growing copies megabytes on a large drawing). */
  constructor(capacity: number) {
    this.data = new Float64Array(F * Math.max(16, capacity));
  }

  push(kind: number, k1: number, k2: number, k3: number, lo: number, hi: number, contour: number, ox: number, oy: number, ux: number, uy: number): void {
    if ((this.count + 1) * F > this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    const o = this.count++ * F;
    const d = this.data;
    d[o] = kind; d[o + 1] = k1; d[o + 2] = k2; d[o + 3] = k3; d[o + 4] = lo; d[o + 5] = hi;
    d[o + 6] = contour; d[o + 7] = ox; d[o + 8] = oy; d[o + 9] = ux; d[o + 10] = uy;
  }
}

export function findOverlaps(contours: Contour[], minOverlapMm = 0.01): Overlap[] {
  let segments = 0;
  for (const c of contours) segments += c.segments.length;
  const iv = new Intervals(segments + 16); // an arc crossing 2π makes two intervals: the rare extra ones grow it
  for (let ci = 0; ci < contours.length; ci++) {
    for (const s of contours[ci].segments) {
      if (s.kind === 'line') {
        const dx = s.b.x - s.a.x;
        const dy = s.b.y - s.a.y;
        const len = Math.sqrt(dx * dx + dy * dy);
        if (len < minOverlapMm) continue;
        let ux = dx / len;
        let uy = dy / len;
        if (ux < -1e-12 || (Math.abs(ux) <= 1e-12 && uy < 0)) {
          ux = -ux;
          uy = -uy;
        }
        const offset = s.a.x * -uy + s.a.y * ux;
        const t0 = s.a.x * ux + s.a.y * uy;
        const t1 = s.b.x * ux + s.b.y * uy;
        iv.push(0, Math.round(ux / Q), Math.round(uy / Q), Math.round(offset / Q), Math.min(t0, t1), Math.max(t0, t1), ci, -uy * offset, ux * offset, ux, uy);
      } else {
        let lo = s.sweep >= 0 ? s.startAngle : s.startAngle + s.sweep;
        lo = ((lo % TAU) + TAU) % TAU;
        const span = Math.min(Math.abs(s.sweep), TAU);
        const k1 = Math.round(s.center.x / Q), k2 = Math.round(s.center.y / Q), k3 = Math.round(s.radius / Q);
        // An interval crossing 2π is split so that all intervals live in [0, 2π).
        if (lo + span > TAU) {
          iv.push(1, k1, k2, k3, lo, TAU, ci, s.center.x, s.center.y, s.radius, 0);
          iv.push(1, k1, k2, k3, 0, lo + span - TAU, ci, s.center.x, s.center.y, s.radius, 0);
        } else iv.push(1, k1, k2, k3, lo, lo + span, ci, s.center.x, s.center.y, s.radius, 0);
      }
    }
  }
  const d = iv.data;
  const order = new Int32Array(iv.count);
  for (let i = 0; i < iv.count; i++) order[i] = i * F;
  order.sort((a, b) => d[a] - d[b] || d[a + 1] - d[b + 1] || d[a + 2] - d[b + 2] || d[a + 3] - d[b + 3] || d[a + 4] - d[b + 4]);
  const out: Overlap[] = [];
  let reach = -1;
  for (let i = 0; i < order.length; i++) {
    const cur = order[i];
    if (reach < 0 || d[reach] !== d[cur] || d[reach + 1] !== d[cur + 1] || d[reach + 2] !== d[cur + 2] || d[reach + 3] !== d[cur + 3]) {
      reach = cur;
      continue;
    }
    const end = Math.min(d[reach + 5], d[cur + 5]);
    const isLine = d[cur] === 0;
    const overlap = (end - d[cur + 4]) * (isLine ? 1 : d[cur + 9]);
    if (overlap > minOverlapMm) {
      const t = (d[cur + 4] + end) / 2;
      const at = isLine
        ? { x: d[cur + 7] + d[cur + 9] * t, y: d[cur + 8] + d[cur + 10] * t }
        : { x: d[cur + 7] + d[cur + 9] * Math.cos(t), y: d[cur + 8] + d[cur + 9] * Math.sin(t) };
      out.push({ at, contourIds: [contours[d[reach + 6]].id, contours[d[cur + 6]].id], lengthMm: overlap });
    }
    if (d[cur + 5] > d[reach + 5]) reach = cur;
  }
  return out;
}
