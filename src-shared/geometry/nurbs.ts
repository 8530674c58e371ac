// NURBS evaluation (de Boor on homogeneous points), adaptive flattening to a chord tolerance, and the global
// cubic interpolation used for fit-point-only splines (chord-length parameters, end tangents given or estimated,
// as AutoCAD and ezdxf do). Written by hand: no maintained pure-TS NURBS package evaluates rational splines with
// arbitrary knots; the algorithms are the textbook ones (Piegl & Tiller, The NURBS Book, A2.1/A4.1/A9.1).
import type { Vec2 } from './types';

export interface Nurbs {
  degree: number;
  knots: number[];
  control: Vec2[];
  /** Same length as control, or empty for a non-rational spline. */
  weights: number[];
}

/** Why the definition cannot describe a curve (wrong knot count, bad degree), or null when it can. */
export function validateNurbs(n: Nurbs): string | null {
  const p = n.degree;
  if (!Number.isInteger(p) || p < 1 || p > 25) return `degree ${p} is not between 1 and 25`;
  if (n.control.length < p + 1) return `${n.control.length} control points are too few for degree ${p}`;
  if (n.knots.length !== n.control.length + p + 1)
    return `${n.knots.length} knots do not match ${n.control.length} control points of degree ${p}`;
  for (let i = 1; i < n.knots.length; i++) if (!(n.knots[i] >= n.knots[i - 1])) return 'knots are not increasing';
  if (n.weights.length && n.weights.length !== n.control.length) return 'weight count differs from control points';
  return null;
}

/** Knot span index k with knots[k] <= t < knots[k+1], clamped to the valid range [p, nCtrl-1]. */
function findSpan(knots: readonly number[], p: number, nCtrl: number, t: number): number {
  if (t >= knots[nCtrl]) return nCtrl - 1;
  if (t <= knots[p]) return p;
  let lo = p;
  let hi = nCtrl;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t < knots[mid]) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** A reusable evaluator: holds scratch arrays so evaluating many points allocates only the results. */
export class NurbsEvaluator {
  private readonly hx: Float64Array;
  private readonly hy: Float64Array;
  private readonly hw: Float64Array;
  constructor(private readonly n: Nurbs) {
    this.hx = new Float64Array(n.degree + 1);
    this.hy = new Float64Array(n.degree + 1);
    this.hw = new Float64Array(n.degree + 1);
  }

  get domain(): [number, number] {
    return [this.n.knots[this.n.degree], this.n.knots[this.n.control.length]];
  }

  point(t: number): Vec2 {
    const { degree: p, knots, control, weights } = this.n;
    const k = findSpan(knots, p, control.length, t);
    const { hx, hy, hw } = this;
    for (let j = 0; j <= p; j++) {
      const c = control[k - p + j];
      const w = weights.length ? weights[k - p + j] : 1;
      hx[j] = c.x * w;
      hy[j] = c.y * w;
      hw[j] = w;
    }
    for (let r = 1; r <= p; r++) {
      for (let j = p; j >= r; j--) {
        const i = k - p + j;
        const denom = knots[i + p - r + 1] - knots[i];
        const alpha = denom === 0 ? 0 : (t - knots[i]) / denom;
        hx[j] = (1 - alpha) * hx[j - 1] + alpha * hx[j];
        hy[j] = (1 - alpha) * hy[j - 1] + alpha * hy[j];
        hw[j] = (1 - alpha) * hw[j - 1] + alpha * hw[j];
      }
    }
    const w = hw[p] || 1;
    return { x: hx[p] / w, y: hy[p] / w };
  }
}

function chordDeviation(a: Vec2, b: Vec2, m: Vec2): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(m.x - a.x, m.y - a.y);
  return Math.abs((m.x - a.x) * dy - (m.y - a.y) * dx) / len;
}

/**
 * Polyline approximating the curve within `tol`: each non-empty knot span is cut into a few pieces, then each
 * piece is halved until the points at its quarter, middle and three-quarter parameters are within tol of the
 * chord (depth-limited so that a pathological definition cannot explode).
 */
export function flattenNurbs(n: Nurbs, tol: number, maxPoints = 200_000): Vec2[] {
  const ev = new NurbsEvaluator(n);
  const { knots, degree: p } = n;
  const out: Vec2[] = [];
  const [t0, t1] = ev.domain;
  out.push(ev.point(t0));
  const piecesPerSpan = Math.max(2, p);
  // Refines [ta, tb] whose midpoint m is already evaluated; the quarter points become the halves' midpoints, so
  // each level costs two evaluations.
  const refine = (ta: number, a: Vec2, tb: number, b: Vec2, m: Vec2, depth: number): void => {
    const tm = (ta + tb) / 2;
    if (depth < 18 && out.length < maxPoints) {
      const q1 = ev.point((ta + tm) / 2);
      const q3 = ev.point((tm + tb) / 2);
      if (chordDeviation(a, b, m) > tol || chordDeviation(a, b, q1) > tol || chordDeviation(a, b, q3) > tol) {
        refine(ta, a, tm, m, q1, depth + 1);
        refine(tm, m, tb, b, q3, depth + 1);
        return;
      }
    }
    out.push(b);
  };
  for (let i = p; i < n.control.length; i++) {
    const ka = Math.max(knots[i], t0);
    const kb = Math.min(knots[i + 1], t1);
    if (!(kb > ka)) continue;
    let ta = ka;
    let a = out[out.length - 1];
    for (let j = 1; j <= piecesPerSpan; j++) {
      const tb = ka + ((kb - ka) * j) / piecesPerSpan;
      const b = ev.point(tb);
      refine(ta, a, tb, b, ev.point((ta + tb) / 2), 0);
      ta = tb;
      a = b;
    }
  }
  return out;
}

/** Uniform clamped knot vector for nCtrl control points of degree p (used when a file omits knots). */
export function clampedUniformKnots(nCtrl: number, p: number): number[] {
  const knots: number[] = [];
  const inner = nCtrl - p;
  for (let i = 0; i <= p; i++) knots.push(0);
  for (let i = 1; i < inner; i++) knots.push(i / inner);
  for (let i = 0; i <= p; i++) knots.push(1);
  return knots;
}

/** Basis function values N_{span-p..span,p}(t) (The NURBS Book A2.2). */
function basisFunctions(span: number, t: number, p: number, knots: readonly number[]): number[] {
  const N = new Array<number>(p + 1).fill(0);
  const left = new Array<number>(p + 1).fill(0);
  const right = new Array<number>(p + 1).fill(0);
  N[0] = 1;
  for (let j = 1; j <= p; j++) {
    left[j] = t - knots[span + 1 - j];
    right[j] = knots[span + j] - t;
    let saved = 0;
    for (let r = 0; r < j; r++) {
      const denom = right[r + 1] + left[j - r];
      const temp = denom === 0 ? 0 : N[r] / denom;
      N[r] = saved + right[r + 1] * temp;
      saved = left[j - r] * temp;
    }
    N[j] = saved;
  }
  return N;
}

/** Solves a dense square system in place (Gaussian elimination with partial pivoting); null if singular. */
function solve(A: number[][], B: Vec2[]): Vec2[] | null {
  const n = A.length;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r][col]) > Math.abs(A[piv][col])) piv = r;
    if (Math.abs(A[piv][col]) < 1e-14) return null;
    [A[col], A[piv]] = [A[piv], A[col]];
    [B[col], B[piv]] = [B[piv], B[col]];
    for (let r = col + 1; r < n; r++) {
      const f = A[r][col] / A[col][col];
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r][c] -= f * A[col][c];
      B[r] = { x: B[r].x - f * B[col].x, y: B[r].y - f * B[col].y };
    }
  }
  const X: Vec2[] = new Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let x = B[r].x;
    let y = B[r].y;
    for (let c = r + 1; c < n; c++) {
      x -= A[r][c] * X[c].x;
      y -= A[r][c] * X[c].y;
    }
    X[r] = { x: x / A[r][r], y: y / A[r][r] };
  }
  return X;
}

/**
 * Cubic B-spline through the fit points with end derivatives (global interpolation with end derivatives,
 * The NURBS Book §9.2.2), chord-length parameters. Tangent directions are given or estimated from the first /
 * last three points; their magnitude is the total chord length. Returns null for fewer than 2 distinct points or
 * more than 2000 (the dense solve would be too slow; the caller then joins the fit points).
 */
export function interpolateFitPoints(fit: Vec2[], startTangent?: Vec2, endTangent?: Vec2): Nurbs | null {
  const pts = fit.filter((q, i) => i === 0 || q.x !== fit[i - 1].x || q.y !== fit[i - 1].y);
  const n = pts.length;
  if (n < 2 || n > 2000) return null;
  const d: number[] = [0];
  for (let i = 1; i < n; i++) d.push(d[i - 1] + Math.hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y));
  const total = d[n - 1];
  if (!(total > 0)) return null;
  const u = d.map((v) => v / total);
  const unit = (v: Vec2): Vec2 => {
    const l = Math.hypot(v.x, v.y) || 1;
    return { x: (v.x / l) * total, y: (v.y / l) * total };
  };
  const t0 = unit(startTangent && (startTangent.x || startTangent.y) ? startTangent : estimateTangent(pts[0], pts[1], pts[2]));
  const t1 = unit(
    endTangent && (endTangent.x || endTangent.y)
      ? endTangent
      : negate(estimateTangent(pts[n - 1], pts[n - 2], pts[n - 3])),
  );
  const p = 3;
  const m = n + 2; // control points
  // Knots (NURBS Book eq. 9.22, degree 3): four zeros, the interior parameters u1..u(n-2), four ones.
  const knots: number[] = [0, 0, 0, 0, ...u.slice(1, n - 1), 1, 1, 1, 1];
  const A: number[][] = [];
  const B: Vec2[] = [];
  const row = (t: number): number[] => {
    const r = new Array<number>(m).fill(0);
    const span = findSpan(knots, p, m, t);
    const N = basisFunctions(span, t, p, knots);
    for (let j = 0; j <= p; j++) r[span - p + j] = N[j];
    return r;
  };
  A.push(row(0));
  B.push(pts[0]);
  // Derivative at the start: P1 - P0 = (knots[p+1] / p) · D0.
  const first = new Array<number>(m).fill(0);
  first[0] = -1;
  first[1] = 1;
  A.push(first);
  B.push({ x: (knots[p + 1] / p) * t0.x, y: (knots[p + 1] / p) * t0.y });
  for (let i = 1; i < n - 1; i++) {
    A.push(row(u[i]));
    B.push(pts[i]);
  }
  const last = new Array<number>(m).fill(0);
  last[m - 2] = -1;
  last[m - 1] = 1;
  A.push(last);
  B.push({ x: ((1 - knots[m - 1]) / p) * t1.x, y: ((1 - knots[m - 1]) / p) * t1.y });
  A.push(row(1));
  B.push(pts[n - 1]);
  const control = solve(A, B);
  return control ? { degree: p, knots, control, weights: [] } : null;
}

function negate(v: Vec2): Vec2 {
  return { x: -v.x, y: -v.y };
}

/** Direction leaving `a` along the parabola through a, b, c (Bessel end condition), or along a→b. */
function estimateTangent(a: Vec2, b: Vec2, c?: Vec2): Vec2 {
  const d1 = Math.hypot(b.x - a.x, b.y - a.y);
  const d2 = c ? Math.hypot(c.x - b.x, c.y - b.y) : 0;
  if (!c || !(d1 > 0) || !(d2 > 0)) return { x: b.x - a.x, y: b.y - a.y };
  const ka = -1 / d1 - 1 / (d1 + d2);
  const kb = (d1 + d2) / (d1 * d2);
  const kc = -d1 / (d2 * (d1 + d2));
  return { x: ka * a.x + kb * b.x + kc * c.x, y: ka * a.y + kb * b.y + kc * c.y };
}
