// Lays panel outlines flat on the XY plane, side by side in rows (shelves), so a mesh import yields ordinary
// closed paths like a DXF would: one layer per material and thickness, one copy per instance by default.
import type { Path, Ring, Segment } from '../geometry/types';
import type { Panel } from './types';

const ROW_WIDTH_MM = 1000;

export function panelLayer(p: Panel): string {
  const t = p.thicknessMm === null ? 'flat' : `${Number(p.thicknessMm.toFixed(2))}mm`;
  return `${p.material} ${t}`;
}

function ringPath(r: Ring, dx: number, dy: number, id: string, layer: string, handle: string): Path {
  const pts = r.map((p) => ({ x: p.x + dx, y: p.y + dy }));
  const segments: Segment[] = pts.map((a, i) => ({ kind: 'line', a, b: pts[(i + 1) % pts.length] }));
  return { id, layer, handle, entity: 'mesh:panel', segments, closed: true };
}

/** Closed paths of every panel (outer ring and holes), laid out in rows with `gap` millimetres between them. */
export function layoutPanels(panels: Panel[], gap: number, copies: 'all' | 'one'): Path[] {
  const widest = Math.max(0, ...panels.map((p) => Math.max(...p.outline.outer.map((q) => q.x))));
  const rowWidth = Math.max(ROW_WIDTH_MM, widest);
  const paths: Path[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const panel of panels) {
    const w = Math.max(...panel.outline.outer.map((q) => q.x));
    const h = Math.max(...panel.outline.outer.map((q) => q.y));
    const n = copies === 'all' ? panel.count : 1;
    for (let k = 0; k < n; k++) {
      if (x > 0 && x + w > rowWidth) {
        x = 0;
        y += rowHeight + gap;
        rowHeight = 0;
      }
      const layer = panelLayer(panel);
      [panel.outline.outer, ...panel.outline.holes].forEach((ring, r) => {
        paths.push(ringPath(ring, x, y, `${panel.id}-${k + 1}-${r}`, layer, panel.id));
      });
      x += w + gap;
      rowHeight = Math.max(rowHeight, h);
    }
  }
  return paths;
}
