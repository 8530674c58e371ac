// 2D affine transforms (block inserts, OCS projection, units scaling) and their action on segments. An arc
// stays an exact arc under a similarity (rotation, uniform scale, mirror: the sweep flips sign when the
// determinant is negative); under a non-uniform scale or shear it becomes an ellipse, which our Segment type
// cannot hold, so it is flattened to chords at the requested tolerance.
import { arcChordCount, arcPoint } from './segments';
import type { Segment, Vec2 } from './types';

/** x' = a·x + c·y + e, y' = b·x + d·y + f (the SVG matrix order). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** m1 ∘ m2: apply m2 first, then m1. */
export function compose(m1: Affine, m2: Affine): Affine {
  return {
    a: m1.a * m2.a + m1.c * m2.b,
    b: m1.b * m2.a + m1.d * m2.b,
    c: m1.a * m2.c + m1.c * m2.d,
    d: m1.b * m2.c + m1.d * m2.d,
    e: m1.a * m2.e + m1.c * m2.f + m1.e,
    f: m1.b * m2.e + m1.d * m2.f + m1.f,
  };
}

export function translation(x: number, y: number): Affine {
  return { a: 1, b: 0, c: 0, d: 1, e: x, f: y };
}

export function rotation(rad: number): Affine {
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  return { a: cos, b: sin, c: -sin, d: cos, e: 0, f: 0 };
}

export function scaling(sx: number, sy: number): Affine {
  return { a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 };
}

export function isIdentity(m: Affine): boolean {
  return m.a === 1 && m.b === 0 && m.c === 0 && m.d === 1 && m.e === 0 && m.f === 0;
}

export function determinant(m: Affine): number {
  return m.a * m.d - m.b * m.c;
}

export function applyToPoint(m: Affine, p: Vec2): Vec2 {
  return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
}

/** Scale of a similarity (√|det|) or 0 when the matrix is not a similarity (within a relative 1e-9). */
export function similarityScale(m: Affine): number {
  const l1 = Math.hypot(m.a, m.b);
  const l2 = Math.hypot(m.c, m.d);
  const dot = m.a * m.c + m.b * m.d;
  const tol = 1e-9 * Math.max(l1, l2);
  return Math.abs(l1 - l2) <= tol && Math.abs(dot) <= tol * Math.max(l1, l2) ? l1 : 0;
}

/** The smallest factor by which the transform shrinks a length (for choosing a flattening tolerance). */
export function minScale(m: Affine): number {
  // Singular values of [[a c][b d]].
  const s1 = m.a * m.a + m.b * m.b + m.c * m.c + m.d * m.d;
  const det = Math.abs(determinant(m));
  const disc = Math.sqrt(Math.max(0, s1 * s1 - 4 * det * det));
  return Math.sqrt(Math.max(0, (s1 - disc) / 2));
}

/**
 * Transforms segments, appending to `out`. `tol` is the chord tolerance in output units, used only when an arc
 * must be flattened because the transform is not a similarity.
 */
export function transformSegmentsInto(segs: readonly Segment[], m: Affine, tol: number, out: Segment[]): void {
  const scale = similarityScale(m);
  const mirrored = determinant(m) < 0;
  for (const s of segs) {
    if (s.kind === 'line') {
      out.push({ kind: 'line', a: applyToPoint(m, s.a), b: applyToPoint(m, s.b) });
    } else if (scale > 0) {
      const center = applyToPoint(m, s.center);
      const start = applyToPoint(m, arcPoint(s, s.startAngle));
      out.push({
        kind: 'arc',
        center,
        radius: s.radius * scale,
        startAngle: Math.atan2(start.y - center.y, start.x - center.x),
        sweep: mirrored ? -s.sweep : s.sweep,
      });
    } else {
      const k = minScale(m);
      const n = arcChordCount(s.radius, s.sweep, k > 0 ? tol / k : tol);
      let prev = applyToPoint(m, arcPoint(s, s.startAngle));
      for (let i = 1; i <= n; i++) {
        const next = applyToPoint(m, arcPoint(s, s.startAngle + (s.sweep * i) / n));
        out.push({ kind: 'line', a: prev, b: next });
        prev = next;
      }
    }
  }
}

export function transformSegments(segs: readonly Segment[], m: Affine, tol: number): Segment[] {
  const out: Segment[] = [];
  transformSegmentsInto(segs, m, tol, out);
  return out;
}
