// FEATURE_TOO_NARROW: material webs and slots narrower than the kerf. A morphological opening (shrink by kerf/2,
// grow back) removes material thinner than the kerf; a closing (grow, shrink back) fills slots narrower than it.
// What changes is the too-narrow region; rounding slivers along curved edges are discarded by eroding each
// region a little before keeping it. All parts go through Clipper2 (clipper2-ts, pure TS) in one call per
// operation: the contours are oriented (outers CCW, holes CW), so nested parts offset correctly together.
import { Clipper, EndType, FillRule, JoinType, type PathsD } from 'clipper2-ts';
import type { PartGeom } from '../geometry/contours';
import { segmentsToRing } from '../geometry/polygon';
import type { Vec2 } from '../geometry/types';

export interface NarrowFeature {
  kind: 'web' | 'slot';
  at: Vec2;
  areaMm2: number;
}

/** Designs beyond this many ring points are not checked (the check would dominate the import time). */
const MAX_POINTS = 400_000;
const PRECISION = 4;
/** At most this many candidate regions per kind are examined (each costs one more offset). */
const MAX_REGIONS = 500;

function centroid(ring: PathsD[number]): Vec2 {
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p.x;
    y += p.y;
  }
  return { x: x / ring.length, y: y / ring.length };
}

/** Narrow webs and slots of all the parts (islands included), or null when the design is too big to check. */
export function narrowFeatures(parts: PartGeom[], kerfMm: number): NarrowFeature[] | null {
  if (!(kerfMm > 0) || parts.length === 0) return [];
  const tol = Math.max(0.01, kerfMm / 10);
  const rings: PathsD = [];
  for (const part of parts) for (const c of [part.outer, ...part.holes]) rings.push(segmentsToRing(c.segments, tol));
  if (rings.reduce((n, r) => n + r.length, 0) > MAX_POINTS) return null;
  const d = kerfMm / 2;
  const arcTol = kerfMm / 50;
  const offset = (p: PathsD, delta: number): PathsD => Clipper.inflatePathsD(p, delta, JoinType.Round, EndType.Polygon, 2, PRECISION, arcTol);
  const opened = offset(offset(rings, -d), d);
  const closed = offset(offset(rings, d), -d);
  const webs = Clipper.differenceD(rings, opened, FillRule.NonZero, PRECISION);
  const slots = Clipper.differenceD(closed, rings, FillRule.NonZero, PRECISION);
  const out: NarrowFeature[] = [];
  for (const [kind, polys] of [['web', webs], ['slot', slots]] as const) {
    for (const poly of polys.slice(0, MAX_REGIONS)) {
      // Regions thinner than 30 % of the kerf are offset noise (chords vs. arcs), not features.
      if (offset([poly], -kerfMm * 0.15).length === 0) continue;
      out.push({ kind, at: centroid(poly), areaMm2: Math.abs(Clipper.areaD(poly)) });
    }
  }
  return out;
}
