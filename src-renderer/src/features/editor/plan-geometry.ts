// Turns design paths into GPU line buffers for the 2D plan: one position array of segment pairs per colour
// group, so a 100k-segment drawing is a handful of draw calls. Arcs are flattened for display only, with a
// chord tolerance chosen from the zoom (the exact geometry is untouched).
import { flattenSegments } from '../../../../src-shared/geometry/segments';
import type { LayerInfo, Operation, Path } from '../../../../src-shared/geometry/types';

export const operationColors: Record<Operation, number> = {
  cut: 0xd93025,
  score: 0x1a73e8,
  engrave: 0x188038,
  ignore: 0x9aa0a6,
};

/** Segment-pair positions (x0,y0,0,x1,y1,0, …) of the given paths. */
export function linePositions(paths: readonly Path[], tolerance: number): Float32Array {
  const chunks: number[] = [];
  for (const p of paths) {
    const pts = flattenSegments(p.segments, tolerance);
    for (let i = 1; i < pts.length; i++) chunks.push(pts[i - 1].x, pts[i - 1].y, 0, pts[i].x, pts[i].y, 0);
  }
  return new Float32Array(chunks);
}

/** Visible paths grouped by the operation of their layer (colour = operation, as in laser software). */
export function groupByOperation(paths: readonly Path[], layers: readonly LayerInfo[]): Map<Operation, Path[]> {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const groups = new Map<Operation, Path[]>();
  for (const p of paths) {
    const layer = byName.get(p.layer);
    if (layer && !layer.visible) continue;
    const op = layer?.operation ?? 'cut';
    const list = groups.get(op) ?? [];
    list.push(p);
    groups.set(op, list);
  }
  return groups;
}

/** Distance from point to the nearest chord of a path (for click selection). */
export function distanceToPath(p: Path, x: number, y: number, tolerance: number): number {
  const pts = flattenSegments(p.segments, tolerance);
  let best = Infinity;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(a.x + t * dx - x, a.y + t * dy - y));
  }
  return best;
}
