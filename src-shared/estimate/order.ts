// The cutting order the estimate times: vector engraving (score) first, then open cut lines, then the parts —
// each part's islands, then its holes, then its outer contour (inner before outer, so a part never drops out
// before its holes are cut). Contours within each group, and the groups themselves, follow a greedy
// nearest-neighbour tour from the machine origin. It is computed once per design and kept in the analysis, so
// a re-quote only re-runs the planner. Why not the toolpath generator's program: building it (kerf offsets,
// 2-opt) and timing its G-code text is 10–100× slower, too slow to re-quote live; on cut-only fixtures the two
// times agree within 3 % (src-main/quote/test/fixtures.test.ts checks it).
import type { Contour, PartGeom } from '../geometry/contours';
import { segEnd, segStart } from '../geometry/segments';
import type { Segment, Vec2 } from '../geometry/types';

export type RunOperation = 'cut' | 'score';

export interface MotionRun {
  op: RunOperation;
  segments: readonly Segment[];
  closed: boolean;
}

export interface MotionPlan {
  runs: MotionRun[];
  /** Straight-line rapid distance between runs (from the origin, not back), mm. */
  travelMm: number;
}

/** Greedy nearest-neighbour order of items by their start points, from `from`; returns the items and the end point. */
function nearestTour<T>(items: readonly T[], start: (t: T) => Vec2, end: (t: T) => Vec2, from: Vec2): { order: T[]; at: Vec2 } {
  const n = items.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  items.forEach((it, i) => {
    const p = start(it);
    xs[i] = p.x;
    ys[i] = p.y;
  });
  const used = new Uint8Array(n);
  const order: T[] = [];
  let at = from;
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const dx = xs[i] - at.x;
      const dy = ys[i] - at.y;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    used[best] = 1;
    order.push(items[best]);
    at = end(items[best]);
  }
  return { order, at };
}

const first = (c: Contour) => segStart(c.segments[0]);
const last = (c: Contour) => segEnd(c.segments[c.segments.length - 1]);

/** Appends a part's contours in cutting order (islands recursively, holes, outer); returns where the head ends. */
function appendPart(p: PartGeom, from: Vec2, out: Contour[]): Vec2 {
  let at = from;
  for (const island of nearestTour(p.islands, (i) => first(i.outer), (i) => last(i.outer), at).order) at = appendPart(island, at, out);
  const holes = nearestTour(p.holes, first, last, at);
  out.push(...holes.order, p.outer);
  return last(p.outer);
}

export function planMotion(score: readonly Contour[], openCuts: readonly Contour[], parts: readonly PartGeom[], origin: Vec2 = { x: 0, y: 0 }): MotionPlan {
  const runs: MotionRun[] = [];
  const s = nearestTour(score, first, last, origin);
  for (const c of s.order) runs.push({ op: 'score', segments: c.segments, closed: c.closed });
  const o = nearestTour(openCuts, first, last, s.at);
  for (const c of o.order) runs.push({ op: 'cut', segments: c.segments, closed: false });
  const cuts: Contour[] = [];
  let at = o.at;
  for (const p of nearestTour(parts, (q) => first(q.outer), (q) => last(q.outer), at).order) at = appendPart(p, at, cuts);
  for (const c of cuts) runs.push({ op: 'cut', segments: c.segments, closed: true });
  let travelMm = 0;
  let head = origin;
  for (const r of runs) {
    const a = segStart(r.segments[0]);
    travelMm += Math.hypot(a.x - head.x, a.y - head.y);
    head = segEnd(r.segments[r.segments.length - 1]);
  }
  return { runs, travelMm };
}
