// From a design to nestable parts and back: the cut layers' closed contours become parts (outer ring + holes;
// islands inside holes become parts of their own), and a nest placement maps a part's exact paths onto the
// sheet (mirror in X, rotate, translate — the nester's convention in src-shared/nest/types.ts).
import { allParts, buildContours, type PartGeom } from '../geometry/contours';
import { segmentsToRing } from '../geometry/polygon';
import { compose, rotation, scaling, transformSegments, translation, type Affine } from '../geometry/transform';
import { CHORD_TOLERANCE_MM, segmentsBBox } from '../geometry/segments';
import type { LayerInfo, Path, PolygonWithHoles } from '../geometry/types';

export interface DesignPart {
  id: string;
  shape: PolygonWithHoles;
  /** Every visible, non-ignored path whose bounding box lies inside this part's outer contour. */
  paths: Path[];
}

function cutPaths(paths: readonly Path[], layers: readonly LayerInfo[]): Path[] {
  const ops = new Map(layers.map((l) => [l.name, l.operation]));
  return paths.filter((p) => (ops.get(p.layer) ?? 'cut') === 'cut');
}

function insideBox(p: Path, part: PartGeom): boolean {
  const b = part.outer.bbox;
  const q = segmentsBBox(p.segments);
  const eps = 1e-6;
  return q.minX >= b.minX - eps && q.maxX <= b.maxX + eps && q.minY >= b.minY - eps && q.maxY <= b.maxY + eps;
}

/** Parts of a design, with ids `${prefix}#${n}` in a stable order (by position, then size). */
export function designParts(prefix: string, paths: readonly Path[], layers: readonly LayerInfo[]): DesignPart[] {
  const { parts } = buildContours(cutPaths(paths, layers));
  const flat = allParts(parts).sort((a, b) => a.outer.bbox.minY - b.outer.bbox.minY || a.outer.bbox.minX - b.outer.bbox.minX);
  const ops = new Map(layers.map((l) => [l.name, l]));
  const shown = paths.filter((p) => ops.get(p.layer)?.visible !== false && ops.get(p.layer)?.operation !== 'ignore');
  const claimed = new Set<string>();
  // Smallest parts first, so an island claims its own paths before the part around it does.
  const bySize = [...flat].sort((a, b) => Math.abs(a.outer.area) - Math.abs(b.outer.area));
  const owned = new Map<PartGeom, Path[]>();
  for (const part of bySize) {
    const mine = shown.filter((p) => !claimed.has(p.id) && insideBox(p, part));
    mine.forEach((p) => claimed.add(p.id));
    owned.set(part, mine);
  }
  return flat.map((part, i) => ({
    id: `${prefix}#${i + 1}`,
    shape: { outer: segmentsToRing(part.outer.segments), holes: part.holes.map((h) => segmentsToRing(h.segments)) },
    paths: owned.get(part) ?? [],
  }));
}

export function placementTransform(pl: { x: number; y: number; rotation: number; mirrored: boolean }): Affine {
  return compose(translation(pl.x, pl.y), compose(rotation((pl.rotation * Math.PI) / 180), scaling(pl.mirrored ? -1 : 1, 1)));
}

/** A part's paths placed on its sheet, with ids made unique per instance. */
export function placePaths(part: DesignPart, pl: { instance: number; x: number; y: number; rotation: number; mirrored: boolean }): Path[] {
  const m = placementTransform(pl);
  return part.paths.map((p) => ({ ...p, id: `${p.id}@${part.id}.${pl.instance}`, segments: transformSegments(p.segments, m, CHORD_TOLERANCE_MM) }));
}
