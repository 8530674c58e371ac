// Fill engraving: horizontal scan lines at the line pitch, clipped to the region (even-odd, so holes and text
// counters stay clear) with clipper2-ts, run back and forth, each lit span extended by the overscan with the
// laser off so the head is already at speed when it fires and still at speed when it stops.
import { ClipType, FillRule, PolyTreeD, booleanOpDWithPolyTree, type PathsD, type PolyPathD } from 'clipper2-ts';
import type { BBox, Ring, Segment, Vec2 } from '../geometry/types';
import { CLIPPER_PRECISION, clipLinesToRegion } from './kerf';

/**
 * Separates a layer's fill rings (even-odd) into connected regions, each an outline with its holes, so
 * separate logos or words are engraved one after another instead of scan lines running across the gaps.
 */
export function fillRegions(rings: readonly Ring[]): Ring[][] {
  const tree = new PolyTreeD();
  booleanOpDWithPolyTree(ClipType.Union, rings.map((r) => r.map((p) => ({ x: p.x, y: p.y }))), null, tree, FillRule.EvenOdd, CLIPPER_PRECISION);
  const regions: Ring[][] = [];
  const visit = (node: PolyPathD): void => {
    for (let i = 0; i < node.count; i++) {
      const outer = node.child(i);
      const region: Ring[] = [toRing(outer.poly)];
      for (let j = 0; j < outer.count; j++) {
        const hole = outer.child(j);
        region.push(toRing(hole.poly));
        visit(hole); // islands inside the hole are regions of their own
      }
      regions.push(region);
    }
  };
  visit(tree);
  return regions;
}

function toRing(path: PathsD[number] | null): Ring {
  return (path ?? []).map((p) => ({ x: p.x, y: p.y }));
}

export function ringsBBox(rings: readonly Ring[]): BBox {
  const b: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const r of rings) {
    for (const p of r) {
      b.minX = Math.min(b.minX, p.x);
      b.minY = Math.min(b.minY, p.y);
      b.maxX = Math.max(b.maxX, p.x);
      b.maxY = Math.max(b.maxY, p.y);
    }
  }
  return b;
}

export interface HatchSpan {
  y: number;
  x0: number;
  x1: number;
}

/** Lit spans of every scan line, bottom to top, each left to right. */
export function hatchSpans(rings: readonly Ring[], bbox: BBox, pitch: number): HatchSpan[] {
  if (!(pitch > 0)) throw new Error(`line pitch must be positive, got ${pitch}`);
  const lines: PathsD = [];
  for (let y = bbox.minY + pitch / 2; y < bbox.maxY; y += pitch) {
    lines.push([
      { x: bbox.minX - 1, y },
      { x: bbox.maxX + 1, y },
    ]);
  }
  if (lines.length === 0) return [];
  const clipped = clipLinesToRegion(lines, rings.map((r) => r.map((p) => ({ x: p.x, y: p.y }))));
  const spans: HatchSpan[] = [];
  for (const piece of clipped) {
    if (piece.length < 2) continue;
    const xs = piece.map((p) => p.x);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    if (x1 - x0 > 1e-6) spans.push({ y: piece[0].y, x0, x1 });
  }
  spans.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  return spans;
}

/**
 * The spans as one back-and-forth run: every other scan line right to left; overscan and the moves between
 * spans with the laser off.
 */
export function hatchPieces(spans: readonly HatchSpan[], overscan: number): { start: Vec2; pieces: { seg: Segment; on: boolean }[] } | null {
  if (spans.length === 0) return null;
  const rows: HatchSpan[][] = [];
  for (const s of spans) {
    const last = rows[rows.length - 1];
    if (last && Math.abs(last[0].y - s.y) < 1e-9) last.push(s);
    else rows.push([s]);
  }
  const pieces: { seg: Segment; on: boolean }[] = [];
  let cur: Vec2 | null = null;
  let start: Vec2 | null = null;
  const moveTo = (p: Vec2, on: boolean): void => {
    if (cur && Math.hypot(p.x - cur.x, p.y - cur.y) > 1e-9) pieces.push({ seg: { kind: 'line', a: cur, b: p }, on });
    cur = p;
  };
  rows.forEach((row, r) => {
    const forward = r % 2 === 0;
    const dir = forward ? 1 : -1;
    const ordered = forward ? row : [...row].reverse();
    ordered.forEach((s, k) => {
      const a = forward ? s.x0 : s.x1;
      const b = forward ? s.x1 : s.x0;
      // A span close behind the previous one on this row: run straight on, laser off, no overscan in between.
      const joined = k > 0;
      if (!joined) {
        const lead = { x: a - dir * overscan, y: s.y };
        if (!start) {
          start = lead;
          cur = lead;
        } else moveTo(lead, false);
      }
      moveTo({ x: a, y: s.y }, false);
      moveTo({ x: b, y: s.y }, true);
      const next = ordered[k + 1];
      const nextA = next ? (forward ? next.x0 : next.x1) : null;
      if (nextA === null || (nextA - b) * dir > 2 * overscan) moveTo({ x: b + dir * overscan, y: s.y }, false);
    });
  });
  return { start: start as unknown as Vec2, pieces };
}
