// Duplicate and overlapping segments across all contours: lines are grouped by their carrier line (direction
// and offset, rounded) and their projected intervals checked for overlap; arcs by circle (centre and radius,
// rounded) and their angular intervals. Both are sort-and-sweep, no all-pairs comparison.
import type { Contour } from '../geometry/contours';
import { TAU } from '../geometry/segments';
import type { Vec2 } from '../geometry/types';

export interface Overlap {
  at: Vec2;
  contourIds: [string, string];
  lengthMm: number;
}

const Q = 1e-3;
const round = (v: number): number => Math.round(v / Q);

interface Interval {
  lo: number;
  hi: number;
  contour: string;
  at: (t: number) => Vec2;
}

function sweep(groups: Map<string, Interval[]>, minOverlap: number, out: Overlap[], scale: (v: number) => number): void {
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.lo - b.lo);
    let reach = list[0];
    for (let i = 1; i < list.length; i++) {
      const cur = list[i];
      const overlap = Math.min(reach.hi, cur.hi) - cur.lo;
      if (scale(overlap) > minOverlap) {
        out.push({ at: cur.at((cur.lo + Math.min(reach.hi, cur.hi)) / 2), contourIds: [reach.contour, cur.contour], lengthMm: scale(overlap) });
      }
      if (cur.hi > reach.hi) reach = cur;
    }
  }
}

export function findOverlaps(contours: Contour[], minOverlapMm = 0.01): Overlap[] {
  const lines = new Map<string, Interval[]>();
  const arcs = new Map<string, Interval[]>();
  const radius = new Map<string, number>();
  for (const c of contours) {
    for (const s of c.segments) {
      if (s.kind === 'line') {
        const dx = s.b.x - s.a.x;
        const dy = s.b.y - s.a.y;
        const len = Math.hypot(dx, dy);
        if (len < minOverlapMm) continue;
        let ux = dx / len;
        let uy = dy / len;
        if (ux < -1e-12 || (Math.abs(ux) <= 1e-12 && uy < 0)) {
          ux = -ux;
          uy = -uy;
        }
        const offset = s.a.x * -uy + s.a.y * ux;
        const key = `${round(ux * 1000)},${round(uy * 1000)},${round(offset)}`;
        const t0 = s.a.x * ux + s.a.y * uy;
        const t1 = s.b.x * ux + s.b.y * uy;
        const ox = -uy * offset, oy = ux * offset;
        const entry: Interval = { lo: Math.min(t0, t1), hi: Math.max(t0, t1), contour: c.id, at: (t) => ({ x: ox + ux * t, y: oy + uy * t }) };
        const list = lines.get(key);
        if (list) list.push(entry);
        else lines.set(key, [entry]);
      } else {
        const key = `${round(s.center.x)},${round(s.center.y)},${round(s.radius)}`;
        radius.set(key, s.radius);
        let lo = s.sweep >= 0 ? s.startAngle : s.startAngle + s.sweep;
        lo = ((lo % TAU) + TAU) % TAU;
        const span = Math.min(Math.abs(s.sweep), TAU);
        const { center, radius: r } = s;
        const at = (t: number): Vec2 => ({ x: center.x + r * Math.cos(t), y: center.y + r * Math.sin(t) });
        // An interval crossing 2π is split so that all intervals live in [0, 2π).
        const parts: [number, number][] = lo + span > TAU ? [[lo, TAU], [0, lo + span - TAU]] : [[lo, lo + span]];
        const list = arcs.get(key) ?? [];
        for (const [a, b] of parts) list.push({ lo: a, hi: b, contour: c.id, at });
        arcs.set(key, list);
      }
    }
  }
  const out: Overlap[] = [];
  sweep(lines, minOverlapMm, out, (v) => v);
  for (const [key, list] of arcs) sweep(new Map([[key, list]]), minOverlapMm, out, (v) => v * (radius.get(key) ?? 0));
  return out;
}
