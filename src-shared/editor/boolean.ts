// Union and difference of closed shapes chosen in the editor, with clipper2-ts (a maintained port of Clipper2).
// Curves are flattened at the chord tolerance first; the result is closed polylines on the first shape's layer.
import { differenceD, FillRule, unionD, type PathD, type PathsD } from 'clipper2-ts';
import { flattenSegments, CHORD_TOLERANCE_MM } from '../geometry/segments';
import type { Path, Vec2 } from '../geometry/types';
import { editableIds, type EditorDoc } from './document';

export type BooleanOp = 'union' | 'difference';

const toPathD = (p: Path): PathD => {
  const pts = flattenSegments(p.segments, CHORD_TOLERANCE_MM);
  if (pts.length > 1 && pts[0].x === pts[pts.length - 1].x && pts[0].y === pts[pts.length - 1].y) pts.pop();
  return pts.map((q) => ({ x: q.x, y: q.y }));
};

function toPath(ring: PathD, id: string, like: Path): Path {
  const pts: Vec2[] = ring.map((q) => ({ x: q.x, y: q.y }));
  return {
    id,
    layer: like.layer,
    color: like.color,
    entity: 'BOOLEAN',
    closed: true,
    segments: pts.map((a, i) => ({ kind: 'line' as const, a, b: pts[(i + 1) % pts.length] })),
  };
}

/**
 * union: all selected closed shapes merged. difference: the first selected shape (in drawing order) minus the
 * others. Open paths in the selection are refused with a message rather than silently dropped.
 */
export function booleanPaths(doc: EditorDoc, ids: ReadonlySet<string>, op: BooleanOp): { doc: EditorDoc; ids: Set<string> } {
  const allowed = editableIds(doc, ids);
  const chosen = doc.paths.filter((p) => allowed.has(p.id));
  if (chosen.length < 2) throw new Error('Select at least two closed shapes');
  const open = chosen.find((p) => !p.closed);
  if (open) throw new Error(`Shape ${open.id} (layer ${open.layer}) is open; booleans need closed shapes`);
  const [first, ...rest] = chosen;
  const precision = 4;
  const result: PathsD =
    op === 'union'
      ? unionD(chosen.map(toPathD), FillRule.NonZero)
      : differenceD([toPathD(first)], rest.map(toPathD), FillRule.NonZero, precision);
  const base = `${first.id}~${op}`;
  const made = result.filter((r) => r.length >= 3).map((r, i) => toPath(r, `${base}${i}`, first));
  return {
    doc: { ...doc, paths: [...doc.paths.filter((p) => !allowed.has(p.id)), ...made] },
    ids: new Set(made.map((p) => p.id)),
  };
}
