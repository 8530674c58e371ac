// Snap candidates for the cursor: path endpoints, segment midpoints, arc centres and the grid. The nearest
// candidate within the pixel radius wins; geometric points beat the grid.
import { segEnd, segStart } from '../../../../src-shared/geometry/segments';
import type { Path, Vec2 } from '../../../../src-shared/geometry/types';

export type SnapKind = 'endpoint' | 'midpoint' | 'center' | 'grid' | 'none';

export function snapPoint(paths: readonly Path[], p: Vec2, radiusMm: number, gridMm: number | null): { point: Vec2; kind: SnapKind } {
  let best: { point: Vec2; kind: SnapKind; d: number } = { point: p, kind: 'none', d: radiusMm };
  const consider = (q: Vec2, kind: SnapKind) => {
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d < best.d) best = { point: q, kind, d };
  };
  for (const path of paths) {
    for (const s of path.segments) {
      const a = segStart(s);
      const b = segEnd(s);
      consider(a, 'endpoint');
      consider(b, 'endpoint');
      if (s.kind === 'line') consider({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, 'midpoint');
      else consider(s.center, 'center');
    }
  }
  if (best.kind === 'none' && gridMm) {
    const g = { x: Math.round(p.x / gridMm) * gridMm, y: Math.round(p.y / gridMm) * gridMm };
    if (Math.hypot(g.x - p.x, g.y - p.y) < radiusMm) return { point: g, kind: 'grid' };
  }
  return { point: best.point, kind: best.kind };
}
