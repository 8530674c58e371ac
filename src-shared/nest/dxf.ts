// The nest result as DXF for the laser: one layer per sheet (SHEET_1, SHEET_2, ...; STRIP in strip mode) holding
// the sheet outline and every placed part's outline and holes, sheets laid side by side with a gap. Written with
// dxf-writer; nest-specific because the shared exporter (src-shared/dxf-export) writes one layer per operation from
// Paths, while a nest is rings placed on sheets and needs one layer per sheet.
import Drawing from 'dxf-writer';
import type { Ring } from '../geometry/types';
import type { NestJob, NestResult, Placement } from './types';
import { transform } from './prepare';

/** Gap between sheets in the drawing, as a fraction of the widest sheet. */
const SHEET_GAP = 0.1;

export function nestToDxf(job: NestJob, result: NestResult): string {
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
