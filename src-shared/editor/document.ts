// The editable design document and every edit the 2D editor can make, as pure functions returning a new
// document (paths not touched are shared, so undo snapshots are cheap). Geometry stays exact where the edit is a
// similarity (move, rotate, mirror, uniform scale); non-uniform scale flattens arcs (see geometry/transform.ts).
import { compose, rotation, scaling, transformSegments, translation, type Affine } from '../geometry/transform';
import { emptyBBox, isEmptyBBox, segmentsBBox, unionBBox, CHORD_TOLERANCE_MM } from '../geometry/segments';
import type { BBox, LayerInfo, Operation, Path } from '../geometry/types';

export interface EditorDoc {
  paths: Path[];
  layers: LayerInfo[];
}

export function pathsBBox(paths: readonly Path[]): BBox {
  const box = emptyBBox();
  for (const p of paths) unionBBox(box, segmentsBBox(p.segments));
  return box;
}

export function bboxCenter(b: BBox): { x: number; y: number } {
  return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
}

/** Paths that may be edited: on a visible, unlocked layer. */
export function editableIds(doc: EditorDoc, ids: ReadonlySet<string>): Set<string> {
  const locked = new Set(doc.layers.filter((l) => l.locked || !l.visible).map((l) => l.name));
  return new Set(doc.paths.filter((p) => ids.has(p.id) && !locked.has(p.layer)).map((p) => p.id));
}

export function transformPaths(doc: EditorDoc, ids: ReadonlySet<string>, m: Affine): EditorDoc {
  const allowed = editableIds(doc, ids);
  if (!allowed.size) return doc;
  return {
    ...doc,
    paths: doc.paths.map((p) => (allowed.has(p.id) ? { ...p, segments: transformSegments(p.segments, m, CHORD_TOLERANCE_MM) } : p)),
  };
}

/** A transform about a pivot point: translate(pivot) ∘ m ∘ translate(−pivot). */
export function about(pivot: { x: number; y: number }, m: Affine): Affine {
  return compose(translation(pivot.x, pivot.y), compose(m, translation(-pivot.x, -pivot.y)));
}

function selectionPivot(doc: EditorDoc, ids: ReadonlySet<string>) {
  return bboxCenter(pathsBBox(doc.paths.filter((p) => ids.has(p.id))));
}

export const moveBy = (doc: EditorDoc, ids: ReadonlySet<string>, dx: number, dy: number) => transformPaths(doc, ids, translation(dx, dy));

export const rotateBy = (doc: EditorDoc, ids: ReadonlySet<string>, degrees: number) =>
  transformPaths(doc, ids, about(selectionPivot(doc, ids), rotation((degrees * Math.PI) / 180)));

export const scaleBy = (doc: EditorDoc, ids: ReadonlySet<string>, sx: number, sy = sx) => {
  if (!(sx > 0 && sy > 0 && Number.isFinite(sx) && Number.isFinite(sy))) throw new Error('Scale must be a positive number');
  return transformPaths(doc, ids, about(selectionPivot(doc, ids), scaling(sx, sy)));
};

export const mirror = (doc: EditorDoc, ids: ReadonlySet<string>, axis: 'horizontal' | 'vertical') =>
  transformPaths(doc, ids, about(selectionPivot(doc, ids), axis === 'horizontal' ? scaling(-1, 1) : scaling(1, -1)));

export function deletePaths(doc: EditorDoc, ids: ReadonlySet<string>): EditorDoc {
  const allowed = editableIds(doc, ids);
  return allowed.size ? { ...doc, paths: doc.paths.filter((p) => !allowed.has(p.id)) } : doc;
}

/** New ids are derived from the old id and a counter so results are deterministic. */
function copyPath(p: Path, suffix: string, m: Affine): Path {
  return { ...p, id: `${p.id}~${suffix}`, segments: transformSegments(p.segments, m, CHORD_TOLERANCE_MM) };
}

export function uniqueSuffix(doc: EditorDoc, base: string): string {
  let n = 1;
  while (doc.paths.some((p) => p.id.includes(`~${base}${n}.`))) n++;
  return `${base}${n}`;
}

/** Duplicates the editable selection, offset by (dx, dy); returns the doc and the new ids. */
export function duplicatePaths(doc: EditorDoc, ids: ReadonlySet<string>, dx: number, dy: number): { doc: EditorDoc; ids: Set<string> } {
  return arrayPaths(doc, ids, { rows: 1, cols: 2, dx, dy, rowDy: 0 });
}

/**
 * Copies the selection in a grid of cols × rows (the original is the cell 0,0). Column step (dx, dy), row step
 * (0, rowDy). Returns the new ids only.
 */
export function arrayPaths(
  doc: EditorDoc,
  ids: ReadonlySet<string>,
  grid: { rows: number; cols: number; dx: number; dy: number; rowDy: number },
): { doc: EditorDoc; ids: Set<string> } {
  const { rows, cols } = grid;
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 1 && cols >= 1 && rows * cols <= 10_000)) {
    throw new Error('An array needs 1–10,000 copies in whole rows and columns');
  }
  const allowed = editableIds(doc, ids);
  const source = doc.paths.filter((p) => allowed.has(p.id));
  const added: Path[] = [];
  const suffix = uniqueSuffix(doc, 'c');
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (r === 0 && c === 0) continue;
      const m = translation(c * grid.dx, c * grid.dy + r * grid.rowDy);
      for (const p of source) added.push(copyPath(p, `${suffix}.${r}.${c}`, m));
    }
  }
  return { doc: { ...doc, paths: [...doc.paths, ...added] }, ids: new Set(added.map((p) => p.id)) };
}

export type Alignment = 'left' | 'right' | 'top' | 'bottom' | 'centerX' | 'centerY';

/** Aligns each selected path's box to the selection's box edge or centre line. */
export function alignPaths(doc: EditorDoc, ids: ReadonlySet<string>, how: Alignment): EditorDoc {
  const allowed = editableIds(doc, ids);
  const box = pathsBBox(doc.paths.filter((p) => allowed.has(p.id)));
  if (isEmptyBBox(box)) return doc;
  return {
    ...doc,
    paths: doc.paths.map((p) => {
      if (!allowed.has(p.id)) return p;
      const b = segmentsBBox(p.segments);
      const dx = how === 'left' ? box.minX - b.minX : how === 'right' ? box.maxX - b.maxX : how === 'centerX' ? (box.minX + box.maxX - b.minX - b.maxX) / 2 : 0;
      const dy = how === 'bottom' ? box.minY - b.minY : how === 'top' ? box.maxY - b.maxY : how === 'centerY' ? (box.minY + box.maxY - b.minY - b.maxY) / 2 : 0;
      return dx || dy ? { ...p, segments: transformSegments(p.segments, translation(dx, dy), CHORD_TOLERANCE_MM) } : p;
    }),
  };
}

/** Adds paths; a layer that does not exist yet is created with `newLayerOperation`. */
export function addPaths(doc: EditorDoc, paths: Path[], newLayerOperation: Operation = 'cut'): EditorDoc {
  const layers = [...doc.layers];
  for (const p of paths) {
    if (!layers.some((l) => l.name === p.layer)) layers.push({ name: p.layer, operation: newLayerOperation, visible: true, locked: false, color: p.color });
  }
  return { paths: [...doc.paths, ...paths], layers };
}

export function updateLayer(doc: EditorDoc, name: string, change: Partial<Pick<LayerInfo, 'operation' | 'visible' | 'locked'>>): EditorDoc {
  return { ...doc, layers: doc.layers.map((l) => (l.name === name ? { ...l, ...change } : l)) };
}

export function moveToLayer(doc: EditorDoc, ids: ReadonlySet<string>, layer: string, operation: Operation = 'cut'): EditorDoc {
  const allowed = editableIds(doc, ids);
  const withLayer = doc.layers.some((l) => l.name === layer) ? doc.layers : [...doc.layers, { name: layer, operation, visible: true, locked: false }];
  return { layers: withLayer, paths: doc.paths.map((p) => (allowed.has(p.id) ? { ...p, layer } : p)) };
}
