// The nest result as DXF for the laser: one layer per sheet (SHEET_1, SHEET_2, ...; STRIP in strip mode) holding
// the sheet outline and every placed part, sheets laid side by side with a gap. Written with dxf-writer;
// nest-specific because the shared exporter (src-shared/dxf-export) writes one layer per operation, while a nest
// needs one layer per sheet. A part given with its drawing's cut paths is written from them (arcs stay arcs, as
// LWPOLYLINE bulges, through the shared exporter's polyline conversion); otherwise its outline and holes as
// polylines.
import Drawing from 'dxf-writer';
import type { Path, Ring } from '../geometry/types';
import type { NestJob, NestResult, Placement } from './types';
import { transform } from './prepare';
import { placePaths } from '../editor/design-parts';
import { pathToPolylines } from '../dxf-export/export-dxf';

/** Gap between sheets in the drawing, as a fraction of the widest sheet. */
const SHEET_GAP = 0.1;

/** `exact`: part id → the part's cut paths in the part's own frame (the frame its outline is given in). */
export function nestToDxf(job: NestJob, result: NestResult, exact?: ReadonlyMap<string, Path[]>): string {
  const d = new Drawing();
  d.setUnits('Millimeters');
  const parts = new Map(job.parts.map((p) => [p.id, p]));
  const gap = SHEET_GAP * Math.max(1, ...result.sheets.map((s) => s.width));
  let offset = 0;
  for (const sheet of result.sheets) {
    const layer = job.strip ? 'STRIP' : `SHEET_${sheet.index + 1}`;
    d.addLayer(layer, Drawing.ACI.WHITE, 'CONTINUOUS');
    d.setActiveLayer(layer);
    d.drawRect(offset, 0, offset + sheet.width, sheet.height);
    for (const p of sheet.placements) {
      const part = parts.get(p.part);
      if (!part) continue;
      const paths = exact?.get(p.part);
      if (paths?.length) {
        for (const path of placePaths({ id: part.id, shape: part.shape, paths }, { ...p, x: p.x + offset })) {
          // dxf-writer's type says [x, y], but it writes a third element as the vertex bulge (code 42).
          for (const pl of pathToPolylines(path)) d.drawPolyline(pl.vertices as unknown as [number, number][], pl.closed);
        }
        continue;
      }
      for (const ring of [part.shape.outer, ...(part.shape.holes ?? [])]) {
        d.drawPolyline(placeRing(ring, p, offset).map((q) => [q.x, q.y]), true);
      }
    }
    offset += sheet.width + gap;
  }
  return d.toDxfString();
}

function placeRing(ring: Ring, p: Placement, dx: number): Ring {
  return ring.map((q) => {
    const t = transform(q, p.rotation, p.mirrored);
    return { x: t.x + p.x + dx, y: t.y + p.y };
  });
}
