// Integer-grid polygon helpers for the nester, on top of clipper2-ts (boolean ops, offsetting, Minkowski sums).
//
// Scaling: clipper works on integer coordinates. A job picks one scale (integer units per input unit) so that its
// largest extent maps to about 10^6–10^7 units: `chooseScale`. For millimetre sheets up to ~10 m that is 1000
// units/mm (1 µm grid); ESICUP instances get 10^k with the same rule. Products of coordinates stay far below 2^53.
//
// Exactness: every polygon the nester uses is grown by SAFETY units beyond half the spacing (see prepare.ts), which
// absorbs the rounding of rotated vertices, of offset arcs and of clipper's intersection points, so placements
// read back as floating-point millimetres are separated by at least the requested spacing (the verifier checks).
import { Clipper, FillRule, JoinType, EndType, ClipperOffset, type Path64, type Paths64 } from 'clipper2-ts';
import type { Ring, Vec2 } from '../geometry/types';
import { convexSum } from './convex';

/** Integer units added around every part on top of half the spacing: covers ≤ 3 roundings of ≤ 0.71 units. */
export const SAFETY = 3;

export function chooseScale(maxExtent: number): number {
  if (!(maxExtent > 0)) return 1000;
  const k = Math.floor(Math.log10(5e6 / maxExtent));
  return 10 ** Math.max(-2, Math.min(6, k));
}

export interface IntBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function toPath64(ring: Ring, scale: number): Path64 {
  return ring.map((p) => ({ x: Math.round(p.x * scale), y: Math.round(p.y * scale) }));
}

export function signedArea(ring: readonly Vec2[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
  return a / 2;
}

export function boxOfPaths(paths: Paths64): IntBox {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const path of paths) {
    for (const p of path) {
      if (p.x < b.minX) b.minX = p.x;
      if (p.x > b.maxX) b.maxX = p.x;
      if (p.y < b.minY) b.minY = p.y;
      if (p.y > b.maxY) b.maxY = p.y;
    }
  }
  return b;
}

export function boxesOverlap(a: IntBox, b: IntBox, dx = 0, dy = 0): boolean {
  return a.minX + dx < b.maxX && a.maxX + dx > b.minX && a.minY + dy < b.maxY && a.maxY + dy > b.minY;
}

export function rectPath(b: IntBox): Path64 {
  return [
    { x: b.minX, y: b.minY },
    { x: b.maxX, y: b.minY },
    { x: b.maxX, y: b.maxY },
    { x: b.minX, y: b.maxY },
  ];
}

export function translate(paths: Paths64, dx: number, dy: number): Paths64 {
  return paths.map((path) => path.map((p) => ({ x: p.x + dx, y: p.y + dy })));
}

/** Normalised region: union with NonZero, so outers are positive and holes negative, no self-overlap. */
export function normalise(paths: Paths64): Paths64 {
  return Clipper.union(paths, FillRule.NonZero);
}

/**
 * Grows a region by `delta` units. Round joins: `arcTolerance` bounds the chord sag of the arcs and the caller adds
 * it to delta so the grown region contains the exact offset. Miter joins (limit 2) contain the exact offset too and
 * add no vertices: used when only the few SAFETY units are added.
 */
export function inflate(paths: Paths64, delta: number, arcTolerance: number, join: 'round' | 'miter' = 'round'): Paths64 {
  if (delta === 0) return normalise(paths);
  const co = new ClipperOffset(2, arcTolerance);
  co.addPaths(paths, join === 'round' ? JoinType.Round : JoinType.Miter, EndType.Polygon);
  const out: Paths64 = [];
  co.execute(delta, out);
  return out;
}

/**
 * Reduces the vertex count of a region without ever shrinking it: grow by 1.5·epsilon, drop vertices closer than
 * epsilon to the simplified chord (Ramer–Douglas–Peucker), then union with the unsimplified region so no part of
 * the original can poke out where RDP cut a corner (rare: the chords stay ≥ epsilon/2 outside it).
 */
export function simplifyOutward(paths: Paths64, epsilon: number, arcTolerance: number): Paths64 {
  const grown = inflate(paths, Math.ceil(epsilon * 1.5), Math.max(arcTolerance, epsilon / 4));
  const reduced = grown.map((p) => Clipper.ramerDouglasPeucker(closeForRdp(p), epsilon).slice(0, -1));
  return Clipper.union(reduced.filter((p) => p.length >= 3), paths, FillRule.NonZero);
}

function closeForRdp(p: Path64): Path64 {
  return [...p, p[0]];
}

/**
 * No-fit polygon of a moving region B around a fixed region A, both given as convex pieces (see convex.ts) with
 * reference points at their own origins: the set of translations t for which B + t overlaps the interior of A,
 * i.e. A ⊕ (−B) = ∪ᵢⱼ (Aᵢ ⊕ −Bⱼ). Holes of A (not covered by its pieces) large enough for B stay holes of the
 * NFP, which is what part-in-part needs.
 */
export function noFitPolygon(piecesA: Paths64, piecesB: Paths64): Paths64 {
  // Union per piece of B first (its sums with A's pieces only touch along seams), then the partial results:
  // ~3× faster than one union of all k·l sums on curvy parts.
  const partial: Paths64 = [];
  for (const pb of piecesB) {
    const neg = pb.map((p) => ({ x: -p.x, y: -p.y }));
    const sums = piecesA.map((pa) => convexSum(pa, neg)).filter((s) => s.length >= 3);
    for (const path of piecesA.length > 1 ? Clipper.union(sums, FillRule.NonZero) : sums) partial.push(path);
  }
  return Clipper.union(partial, FillRule.NonZero);
}

export { Clipper, FillRule };
export type { Path64, Paths64 };
