// Elliptical arcs (DXF ELLIPSE, HATCH ellipse edges, arcs under non-uniform transforms) flattened to chords
// within a tolerance. A circle (ratio 1) stays an exact arc.
import { arcChordCount } from './segments';
import type { Segment, Vec2 } from './types';

export interface EllipseArc {
  center: Vec2;
  /** Major semi-axis vector (from the centre to the end of the major axis). */
  major: Vec2;
  /** Minor semi-axis vector (perpendicular to major for a true ellipse; any vector for a projected one). */
  minor: Vec2;
  /** Parameter range: point(t) = center + major·cos t + minor·sin t, t from start to start + sweep. */
  start: number;
  sweep: number;
}

export function ellipsePoint(e: EllipseArc, t: number): Vec2 {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return { x: e.center.x + e.major.x * c + e.minor.x * s, y: e.center.y + e.major.y * c + e.minor.y * s };
}

/** Line segments (or one exact arc when the ellipse is a circle) approximating the arc within tol. */
export function ellipseToSegments(e: EllipseArc, tol: number): Segment[] {
  const rMaj = Math.hypot(e.major.x, e.major.y);
  const rMin = Math.hypot(e.minor.x, e.minor.y);
  const dot = e.major.x * e.minor.x + e.major.y * e.minor.y;
  if (rMaj > 0 && Math.abs(rMaj - rMin) <= 1e-9 * rMaj && Math.abs(dot) <= 1e-9 * rMaj * rMaj) {
    const cross = e.major.x * e.minor.y - e.major.y * e.minor.x;
    const base = Math.atan2(e.major.y, e.major.x);
    const dir = cross >= 0 ? 1 : -1;
    return [{ kind: 'arc', center: e.center, radius: rMaj, startAngle: base + dir * e.start, sweep: dir * e.sweep }];
  }
  // With uniform parameter steps dt the sagitta is about max(a, b)·dt²/8 everywhere on the ellipse (curvature
  // and speed compensate), so the circle of the larger semi-axis gives the step count.
  const n = Math.min(20_000, arcChordCount(Math.max(rMaj, rMin), e.sweep, tol));
  const out: Segment[] = [];
  let prev = ellipsePoint(e, e.start);
  for (let i = 1; i <= n; i++) {
    const next = ellipsePoint(e, e.start + (e.sweep * i) / n);
    out.push({ kind: 'line', a: prev, b: next });
    prev = next;
  }
  return out;
}
