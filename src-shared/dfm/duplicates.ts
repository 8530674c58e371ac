// Duplicate and overlapping segments across all contours: lines are keyed by their carrier line (direction and
// offset, rounded to 1e-3) and arcs by their circle (centre and radius, rounded); the intervals (projection along
// the line, or angle) are sorted by key then start, and one linear sweep finds overlaps. No all-pairs comparison,
// no string keys (this runs on every import, over tens of thousands of segments).
import type { Contour } from '../geometry/contours';
import { TAU } from '../geometry/segments';
import type { Vec2 } from '../geometry/types';

export interface Overlap {
  at: Vec2;
  contourIds: [string, string];
  lengthMm: number;
}

const Q = 1e-3;

interface Interval {
  /** 0 = line, 1 = arc. */
  kind: number;
  k1: number;
  k2: number;
  k3: number;
  lo: number;
  hi: number;
  contour: number;
  /** Line: unit direction (ux, uy) and foot point (ox, oy); arc: centre (ox, oy) and radius (ux). */
  ox: number;
  oy: number;
  ux: number;
  uy: number;
}

function pointAt(iv: Interval, t: number): Vec2 {
  if (iv.kind === 0) return { x: iv.ox + iv.ux * t, y: iv.oy + iv.uy * t };
  return { x: iv.ox + iv.ux * Math.cos(t), y: iv.oy + iv.ux * Math.sin(t) };
}

function sameCarrier(a: Interval, b: Interval): boolean {
  return a.kind === b.kind && a.k1 === b.k1 && a.k2 === b.k2 && a.k3 === b.k3;
}

export function findOverlaps(contours: Contour[], minOverlapMm = 0.01): Overlap[] {
  const list: Interval[] = [];
  contours.forEach((c, ci) => {
    for (const s of c.segments) {
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
        list.push({
          kind: 0, k1: Math.round(ux / Q), k2: Math.round(uy / Q), k3: Math.round(offset / Q),
          lo: Math.min(t0, t1), hi: Math.max(t0, t1), contour: ci, ox: -uy * offset, oy: ux * offset, ux, uy,
        });
      } else {
        let lo = s.sweep >= 0 ? s.startAngle : s.startAngle + s.sweep;
        lo = ((lo % TAU) + TAU) % TAU;
        const span = Math.min(Math.abs(s.sweep), TAU);
        const base = { kind: 1, k1: Math.round(s.center.x / Q), k2: Math.round(s.center.y / Q), k3: Math.round(s.radius / Q), contour: ci, ox: s.center.x, oy: s.center.y, ux: s.radius, uy: 0 };
        // An interval crossing 2π is split so that all intervals live in [0, 2π).
        if (lo + span > TAU) {
          list.push({ ...base, lo, hi: TAU });
          list.push({ ...base, lo: 0, hi: lo + span - TAU });
        } else list.push({ ...base, lo, hi: lo + span });
      }
    }
  });
  list.sort((a, b) => a.kind - b.kind || a.k1 - b.k1 || a.k2 - b.k2 || a.k3 - b.k3 || a.lo - b.lo);
  const out: Overlap[] = [];
  let reach: Interval | null = null;
  for (const cur of list) {
    if (!reach || !sameCarrier(reach, cur)) {
      reach = cur;
      continue;
    }
    const end = Math.min(reach.hi, cur.hi);
    const overlap = (end - cur.lo) * (cur.kind === 0 ? 1 : cur.ux);
    if (overlap > minOverlapMm) {
      out.push({ at: pointAt(cur, (cur.lo + end) / 2), contourIds: [contours[reach.contour].id, contours[cur.contour].id], lengthMm: overlap });
    }
    if (cur.hi > reach.hi) reach = cur;
  }
  return out;
}
