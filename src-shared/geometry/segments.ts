// Segment math shared by every importer and consumer: endpoints, exact lengths (lines and arcs), bounding boxes,
// reversal, bulge → arc, signed area and flattening to a chord tolerance. Hand-written because it is a few dozen
// lines of closed-form formulas over our own Segment type; no library speaks that vocabulary.
import type { ArcSeg, BBox, Segment, Vec2 } from './types';

export const TAU = Math.PI * 2;
/** Default chord tolerance for flattening curves, in millimetres. */
export const CHORD_TOLERANCE_MM = 0.01;

export function emptyBBox(): BBox {
  return { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
}

export function isEmptyBBox(b: BBox): boolean {
  return !(b.minX <= b.maxX && b.minY <= b.maxY);
}

export function addPointToBBox(b: BBox, x: number, y: number): void {
  if (x < b.minX) b.minX = x;
  if (x > b.maxX) b.maxX = x;
  if (y < b.minY) b.minY = y;
  if (y > b.maxY) b.maxY = y;
}

export function unionBBox(into: BBox, b: BBox): void {
  if (isEmptyBBox(b)) return;
  addPointToBBox(into, b.minX, b.minY);
  addPointToBBox(into, b.maxX, b.maxY);
}

export function arcPoint(arc: ArcSeg, angle: number): Vec2 {
  return { x: arc.center.x + arc.radius * Math.cos(angle), y: arc.center.y + arc.radius * Math.sin(angle) };
}

export function segStart(s: Segment): Vec2 {
  return s.kind === 'line' ? s.a : arcPoint(s, s.startAngle);
}

export function segEnd(s: Segment): Vec2 {
  return s.kind === 'line' ? s.b : arcPoint(s, s.startAngle + s.sweep);
}

export function segLength(s: Segment): number {
  if (s.kind === 'line') {
    const dx = s.b.x - s.a.x;
    const dy = s.b.y - s.a.y;
    return Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower in V8, and lengths are far from overflow
  }
  return s.radius * Math.abs(s.sweep);
}

export function segmentsLength(segs: readonly Segment[]): number {
  let sum = 0;
  for (const s of segs) sum += segLength(s);
  return sum;
}

export function reverseSegment(s: Segment): Segment {
  if (s.kind === 'line') return { kind: 'line', a: s.b, b: s.a };
  return { kind: 'arc', center: s.center, radius: s.radius, startAngle: s.startAngle + s.sweep, sweep: -s.sweep };
}

export function reverseSegments(segs: readonly Segment[]): Segment[] {
  const out: Segment[] = new Array(segs.length);
  for (let i = 0; i < segs.length; i++) out[segs.length - 1 - i] = reverseSegment(segs[i]);
  return out;
}

/** Adds a segment's exact extent to a bbox (arcs include the axis extremes they pass). */
export function addSegmentToBBox(b: BBox, s: Segment): void {
  if (s.kind === 'line') {
    addPointToBBox(b, s.a.x, s.a.y);
    addPointToBBox(b, s.b.x, s.b.y);
    return;
  }
  const { center: c, radius: r } = s;
  const a0 = s.sweep >= 0 ? s.startAngle : s.startAngle + s.sweep;
  const sweep = Math.abs(s.sweep);
  addPointToBBox(b, c.x + r * Math.cos(a0), c.y + r * Math.sin(a0));
  addPointToBBox(b, c.x + r * Math.cos(a0 + sweep), c.y + r * Math.sin(a0 + sweep));
  if (sweep >= TAU - 1e-12) {
    addPointToBBox(b, c.x - r, c.y - r);
    addPointToBBox(b, c.x + r, c.y + r);
    return;
  }
  // Axis extremes k·π/2 that lie within [a0, a0 + sweep].
  const first = Math.ceil(a0 / (Math.PI / 2));
  for (let k = first; k * (Math.PI / 2) <= a0 + sweep; k++) {
    const q = ((k % 4) + 4) % 4;
    addPointToBBox(b, c.x + (q === 0 ? r : q === 2 ? -r : 0), c.y + (q === 1 ? r : q === 3 ? -r : 0));
  }
}

export function segmentsBBox(segs: readonly Segment[], into: BBox = emptyBBox()): BBox {
  for (const s of segs) addSegmentToBBox(into, s);
  return into;
}

/**
 * The arc (or line, for bulge 0) from p0 to p1 with the DXF bulge b = tan(sweep/4); positive bulge turns
 * counter-clockwise.
 */
export function bulgeToSegment(p0: Vec2, p1: Vec2, bulge: number): Segment {
  const dx = p1.x - p0.x;
  const dy = p1.y - p0.y;
  const d = Math.hypot(dx, dy);
  if (!bulge || !Number.isFinite(bulge) || d === 0) return { kind: 'line', a: p0, b: p1 };
  const sweep = 4 * Math.atan(bulge);
  const t = d / 2 / Math.tan(sweep / 2); // signed distance from chord midpoint to centre, along the left normal
  const cx = (p0.x + p1.x) / 2 - (dy / d) * t;
  const cy = (p0.y + p1.y) / 2 + (dx / d) * t;
  const radius = Math.abs(d / 2 / Math.sin(sweep / 2));
  return { kind: 'arc', center: { x: cx, y: cy }, radius, startAngle: Math.atan2(p0.y - cy, p0.x - cx), sweep };
}

/** DXF bulge of an arc segment: tan(sweep/4). */
export function arcBulge(arc: ArcSeg): number {
  return Math.tan(arc.sweep / 4);
}

/** Chords of at most 2π/64 keep the length of a flattened arc within 0.04 % of the true length. */
const MAX_CHORD_ANGLE = TAU / 64;

/**
 * Number of chords keeping the sagitta of an arc of this radius and sweep under tol, and each chord under
 * 2π/64 of turn (so small arcs keep their length too, not only their position).
 */
export function arcChordCount(radius: number, sweep: number, tol: number): number {
  const abs = Math.abs(sweep);
  if (!(radius > tol) || !(tol > 0)) return Math.max(1, Math.ceil(abs / MAX_CHORD_ANGLE));
  const step = Math.min(MAX_CHORD_ANGLE, 2 * Math.acos(1 - tol / radius));
  return Math.min(100_000, Math.max(1, Math.ceil(abs / step)));
}

/** Appends the points of a segment after its start point (the caller has already emitted the start). */
export function flattenSegmentInto(s: Segment, tol: number, out: Vec2[]): void {
  if (s.kind === 'line') {
    out.push(s.b);
    return;
  }
  const n = arcChordCount(s.radius, s.sweep, tol);
  for (let i = 1; i <= n; i++) out.push(arcPoint(s, s.startAngle + (s.sweep * i) / n));
}

/** A polyline through the segments (start point of the first, then every chord end). */
export function flattenSegments(segs: readonly Segment[], tol = CHORD_TOLERANCE_MM): Vec2[] {
  if (segs.length === 0) return [];
  const out: Vec2[] = [segStart(segs[0])];
  for (const s of segs) flattenSegmentInto(s, tol, out);
  return out;
}

/**
 * Signed area enclosed by a closed chain of segments (counter-clockwise positive): the shoelace sum of the
 * chords plus, for each arc, its exact circular-segment area.
 */
export function signedArea(segs: readonly Segment[]): number {
  let twice = 0;
  for (const s of segs) twice += twiceAreaTerm(s);
  return twice / 2;
}

/** One segment's term of twice the signed area (for callers that sum it in a pass doing other work). */
export function twiceAreaTerm(s: Segment): number {
  if (s.kind === 'line') return s.a.x * s.b.y - s.b.x * s.a.y;
  const p = segStart(s);
  const q = segEnd(s);
  return p.x * q.y - q.x * p.y + s.radius * s.radius * (s.sweep - Math.sin(s.sweep));
}

export function distance(p: Vec2, q: Vec2): number {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  return Math.sqrt(dx * dx + dy * dy);
}
