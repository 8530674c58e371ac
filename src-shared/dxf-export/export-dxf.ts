// DXF export of a cleaned design or a nest with dxf-writer: every path becomes an LWPOLYLINE (arcs kept exact as
// bulges; arcs over 180° split in two since a bulge cannot describe a full turn), one layer per operation (CUT,
// SCORE, ENGRAVE; 'ignore' paths are left out), $INSUNITS = 4 (millimetres). Re-importing the file gives the same
// geometry (tested). Fill paths (engrave areas) keep their outline on the ENGRAVE layer.
import Drawing from 'dxf-writer';
import { arcPoint, segEnd, segStart } from '../geometry/segments';
import type { Operation, Path, Segment, Vec2 } from '../geometry/types';

export const OPERATION_LAYERS: Record<Exclude<Operation, 'ignore'>, { name: string; aci: number }> = {
  cut: { name: 'CUT', aci: 1 },
  score: { name: 'SCORE', aci: 5 },
  engrave: { name: 'ENGRAVE', aci: 7 },
};

export interface DxfExportOptions {
  /** Operation of each path (default: 'engrave' for fills, else 'cut'). */
  operationOf?: (path: Path) => Operation;
}

type Vertex = [number, number, number];

/** Splits arcs so every piece turns by at most 180° (bulge ≤ 1 in magnitude). */
function bulgeSegments(s: Segment): { start: Vec2; bulge: number }[] {
  if (s.kind === 'line') return [{ start: s.a, bulge: 0 }];
  const pieces = Math.max(1, Math.ceil(Math.abs(s.sweep) / Math.PI - 1e-9));
  const step = s.sweep / pieces;
  const out: { start: Vec2; bulge: number }[] = [];
  for (let i = 0; i < pieces; i++) out.push({ start: arcPoint(s, s.startAngle + step * i), bulge: Math.tan(step / 4) });
  return out;
}

const near = (a: Vec2, b: Vec2): boolean => Math.abs(a.x - b.x) < 1e-9 && Math.abs(a.y - b.y) < 1e-9;

/** The path as polylines (a new one wherever the chain is broken), each with its closed flag. */
export function pathToPolylines(path: Path): { vertices: Vertex[]; closed: boolean }[] {
  const out: { vertices: Vertex[]; closed: boolean }[] = [];
  let current: Vertex[] = [];
  let end: Vec2 | null = null;
  const flush = (closed: boolean) => {
    if (current.length) {
      if (!closed && end) current.push([end.x, end.y, 0]);
      out.push({ vertices: current, closed });
    }
    current = [];
  };
  for (const s of path.segments) {
    if (end && !near(end, segStart(s))) flush(false);
    for (const piece of bulgeSegments(s)) current.push([piece.start.x, piece.start.y, piece.bulge]);
    end = segEnd(s);
  }
  const first = path.segments.length ? segStart(path.segments[0]) : null;
  flush(!!(path.closed && end && first && out.length === 0 && near(end, first)));
  return out;
}

export function exportDxf(paths: Path[], opts: DxfExportOptions = {}): string {
  const d = new Drawing();
  d.setUnits('Millimeters');
  for (const { name, aci } of Object.values(OPERATION_LAYERS)) d.addLayer(name, aci, 'CONTINUOUS');
  const operationOf = opts.operationOf ?? ((p: Path) => (p.fill ? 'engrave' : 'cut'));
  for (const path of paths) {
    const op = operationOf(path);
    if (op === 'ignore') continue;
    d.setActiveLayer(OPERATION_LAYERS[op].name);
    for (const { vertices, closed } of pathToPolylines(path)) {
      // dxf-writer's type says [x, y], but it writes a third element as the vertex bulge (code 42).
      d.drawPolyline(vertices as unknown as [number, number][], closed);
    }
  }
  return d.toDxfString();
}
