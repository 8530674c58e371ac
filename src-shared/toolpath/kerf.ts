// Kerf compensation: the beam removes a strip kerfMm wide centred on its path, so the path of an outer contour
// moves outward and the path of a hole moves inward by kerf/2 to leave the drawn size. Circles (the most common
// holes) are offset exactly and stay arcs (G2/G3); everything else goes through clipper2-ts's polygon offset with
// round joins (exact for lines, corners rounded at the chord tolerance) and comes back as line segments, except
// that shapes made of lines and arcs keep true arcs when their exact offset (arc-offset.ts) matches it.
import { ClipperD, EndType, FillRule, ClipType, JoinType, inflatePathsD, type PathsD } from 'clipper2-ts';
import { segmentsToRing, ringArea } from '../geometry/polygon';
import { segmentsLength, signedArea } from '../geometry/segments';
import type { ArcSeg, Ring, Segment } from '../geometry/types';
import { offsetChainExact } from './arc-offset';

/** Clipper works in integers: coordinates are scaled by 10^PRECISION (0.1 µm). */
export const CLIPPER_PRECISION = 4;

/** The centre and radius when the closed chain is one full circle (arcs on one circle adding up to 2π). */
export function asCircle(segs: readonly Segment[]): { arc: ArcSeg } | null {
  if (segs.length === 0 || segs.some((s) => s.kind !== 'arc')) return null;
  const arcs = segs as ArcSeg[];
  const c = arcs[0].center;
  const r = arcs[0].radius;
  const eps = 1e-9 * Math.max(1, r);
  let sweep = 0;
  for (const a of arcs) {
    if (Math.abs(a.center.x - c.x) > eps || Math.abs(a.center.y - c.y) > eps || Math.abs(a.radius - r) > eps) return null;
    if (Math.sign(a.sweep) !== Math.sign(arcs[0].sweep)) return null;
    sweep += a.sweep;
  }
  if (Math.abs(Math.abs(sweep) - 2 * Math.PI) > 1e-9) return null;
  return { arc: { kind: 'arc', center: { ...c }, radius: r, startAngle: arcs[0].startAngle, sweep: Math.sign(sweep) * 2 * Math.PI } };
}

export function ringToSegments(ring: Ring): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < ring.length; i++) out.push({ kind: 'line', a: ring[i], b: ring[(i + 1) % ring.length] });
  return out;
}

function orient(ring: Ring, ccw: boolean): Ring {
  return ringArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

/**
 * The cutting path(s) of a closed contour: `grow` > 0 moves the path outward (outer contours), < 0 inward
 * (holes). Returns [] when a hole is too small to fit the beam path. Orientation follows the input.
 */
export function offsetClosedContour(segs: readonly Segment[], grow: number, chordToleranceMm: number): Segment[][] {
  if (grow === 0) return [segs.slice()];
  const circle = asCircle(segs);
  if (circle) {
    const radius = circle.arc.radius + grow;
    if (radius <= chordToleranceMm) return [];
    return [[{ ...circle.arc, radius }]];
  }
  const ring = segmentsToRing(segs, chordToleranceMm);
  const ccw = ringArea(ring) > 0;
  const result = inflatePathsD([ring], grow, JoinType.Round, EndType.Polygon, 2, CLIPPER_PRECISION, chordToleranceMm);
  // Growing an outline can close a narrow inlet into an enclosed pocket: keep only the outline itself.
  const kept = grow > 0 ? result.filter((r) => ringArea(r) > 0) : result;
  const polygons = kept.filter((r) => r.length >= 3);
  // Shapes with arcs keep them when the exact offset agrees with the polygon offset (one loop, same area
  // within what the chords can explain): no self-intersection was hidden by the exact construction.
  const exact = polygons.length === 1 ? offsetChainExact(segs, grow) : null;
  if (exact) {
    const polygonArea = Math.abs(ringArea(polygons[0]));
    const perimeter = segmentsLength(exact);
    if (Math.abs(Math.abs(signedArea(exact)) - polygonArea) <= perimeter * chordToleranceMm + 1e-6) return [exact];
  }
  return polygons.map((r) => ringToSegments(orient(r.map((p) => ({ x: p.x, y: p.y })), ccw)));
}

/**
 * Clips open polylines (e.g. hatch lines) to a region given as rings under the even-odd rule (so holes in
 * the region are respected). Returns the pieces inside.
 */
export function clipLinesToRegion(lines: PathsD, rings: PathsD): PathsD {
  const c = new ClipperD(CLIPPER_PRECISION);
  c.addOpenSubjectPaths(lines);
  c.addClipPaths(rings);
  const closed: PathsD = [];
  const open: PathsD = [];
  c.execute(ClipType.Intersection, FillRule.EvenOdd, closed, open);
  return open;
}
