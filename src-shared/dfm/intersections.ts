// Self-intersection of a closed contour: its chords (flattened at 0.01 mm) sorted by x, each compared only with
// chords whose x-range overlaps (a sweep), pairs whose y-ranges are apart and adjacent chords skipped. Returns the
// first crossing point found.
import { flattenSegments } from '../geometry/segments';
import type { Segment, Vec2 } from '../geometry/types';

function cross(ax: number, ay: number, bx: number, by: number): number {
  return ax * by - ay * bx;
}

/** Proper crossing point of p1p2 and p3p4 (touching at endpoints does not count), or null. */
function crossing(p1: Vec2, p2: Vec2, p3: Vec2, p4: Vec2): Vec2 | null {
  const rx = p2.x - p1.x, ry = p2.y - p1.y, sx = p4.x - p3.x, sy = p4.y - p3.y;
  const denom = cross(rx, ry, sx, sy);
  if (denom === 0) return null;
  const qx = p3.x - p1.x, qy = p3.y - p1.y;
  const t = cross(qx, qy, sx, sy) / denom;
  const u = cross(qx, qy, rx, ry) / denom;
  const eps = 1e-9;
  if (t <= eps || t >= 1 - eps || u <= eps || u >= 1 - eps) return null;
  return { x: p1.x + t * rx, y: p1.y + t * ry };
}

export function firstSelfIntersection(segments: readonly Segment[], maxChords = 200_000): Vec2 | null {
  const pts = flattenSegments(segments, 0.01);
  const n = pts.length - 1;
  if (n < 3 || n > maxChords) return null;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const loY = new Float64Array(n);
  const hiY = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = Math.min(pts[i].x, pts[i + 1].x);
    hi[i] = Math.max(pts[i].x, pts[i + 1].x);
    loY[i] = Math.min(pts[i].y, pts[i + 1].y);
    hiY[i] = Math.max(pts[i].y, pts[i + 1].y);
  }
  // A plain array: its sort (TimSort, stable like the typed one) takes the runs of a contour's chords in order.
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => lo[a] - lo[b]);
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi];
    const right = hi[i];
    const bottom = loY[i];
    const top = hiY[i];
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj];
      if (lo[j] > right) break;
      if (loY[j] > top || hiY[j] < bottom) continue; // a crossing lies in both chords' y-ranges
      const gap = Math.abs(i - j);
      if (gap <= 1 || gap === n - 1) continue;
      const hit = crossing(pts[i], pts[i + 1], pts[j], pts[j + 1]);
      if (hit) return hit;
    }
  }
  return null;
}
