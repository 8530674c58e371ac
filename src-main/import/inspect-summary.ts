// The `acrylichub inspect --json` shape (issue 3): a compact, stable summary of an ImportResult in mm.
import type { ImportResult } from './import-result';

export interface InspectSummary {
  file: string;
  format: string;
  version: string | null;
  units: { source: string; scaleToMm: number; unit: string };
  bbox: { minX: number; minY: number; maxX: number; maxY: number } | null;
  entities: Record<string, number>;
  unsupported: Record<string, number>;
  contours: { closed: number; open: number };
  parts: number;
  cutLengthMm: number;
  textCount: number;
  warnings: { code: string; message: string; layer?: string; handle?: string; at?: { x: number; y: number } }[];
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

export function inspectSummary(r: ImportResult): InspectSummary {
  let closed = 0;
  for (const c of r.contours) if (c.closed) closed++;
  const countParts = (ps: ImportResult['parts']): number => ps.reduce((n, p) => n + 1 + countParts(p.islands), 0);
  return {
    file: r.file,
    format: r.format,
    version: r.version ?? null,
    units: { source: r.units.source, scaleToMm: r.units.scaleToMm, unit: r.units.unit },
    bbox: r.bbox ? { minX: round(r.bbox.minX), minY: round(r.bbox.minY), maxX: round(r.bbox.maxX), maxY: round(r.bbox.maxY) } : null,
    entities: r.entities,
    unsupported: r.unsupported,
    contours: { closed, open: r.contours.length - closed },
    parts: countParts(r.parts),
    cutLengthMm: round(r.cutLengthMm),
    textCount: r.textCount,
    warnings: r.findings.map((f) => ({
      code: f.code,
      message: f.message,
      ...(f.layer !== undefined ? { layer: f.layer } : {}),
      ...(f.handle !== undefined ? { handle: f.handle } : {}),
      ...(f.at ? { at: { x: round(f.at.x), y: round(f.at.y) } } : {}),
    })),
  };
}
