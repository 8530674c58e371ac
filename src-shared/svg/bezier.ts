// Flattening of quadratic and cubic Bézier curves to polylines at a chord tolerance, shared by the SVG importer
// and the text tool (glyph outlines are quadratic or cubic Béziers). Hand-written because the step count comes
// from a closed-form bound, not from a library's heuristic: for a curve with second derivative |B''| ≤ M, a
// polyline of n uniform parameter steps deviates at most M / (8 n²) from it, so n = ⌈√(M / (8·tol))⌉ keeps
// every chord within `tol` (millimetres) of the curve. Deterministic, no recursion, bounded step count.
import type { Vec2 } from '../geometry/types';

/** Upper bound on steps per curve, so a corrupt control point far away cannot make millions of segments. */
export const MAX_CURVE_STEPS = 4096;

function stepsFor(secondDerivativeBound: number, tol: number): number {
  if (!(secondDerivativeBound > 0) || !(tol > 0)) return 1;
  const n = Math.ceil(Math.sqrt(secondDerivativeBound / (8 * tol)));
  return Math.max(1, Math.min(MAX_CURVE_STEPS, n));
}

/** Points after p0 (p2 included) of a quadratic Bézier flattened so no chord is farther than `tol` from it. */
export function flattenQuadratic(p0: Vec2, p1: Vec2, p2: Vec2, tol: number): Vec2[] {
  const m = 2 * Math.hypot(p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y);
  const n = stepsFor(m, tol);
  const out: Vec2[] = [];
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push(i === n ? { x: p2.x, y: p2.y } : {
      x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x,
      y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y,
    });
  }
  return out;
}

/** Points after p0 (p3 included) of a cubic Bézier flattened so no chord is farther than `tol` from it. */
export function flattenCubic(p0: Vec2, p1: Vec2, p2: Vec2, p3: Vec2, tol: number): Vec2[] {
  // B''(t) is linear in t, so its norm is largest at an end: 6·|P0 − 2P1 + P2| or 6·|P1 − 2P2 + P3|.
  const m = 6 * Math.max(
    Math.hypot(p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y),
    Math.hypot(p1.x - 2 * p2.x + p3.x, p1.y - 2 * p2.y + p3.y),
  );
  const n = stepsFor(m, tol);
  const out: Vec2[] = [];
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push(i === n ? { x: p3.x, y: p3.y } : {
      x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
      y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
    });
  }
  return out;
}
