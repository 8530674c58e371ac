// Mesh file units. COLLADA says how long its unit is in metres (SketchUp: 0.0254, written by SketchUp 8 as
// 0.02539999969303608); OBJ and STL say nothing, so millimetres are assumed with a warning unless overridden.
import type { Finding, UnitsInfo } from '../geometry/types';

export const UNIT_MM: Record<string, number> = { mm: 1, cm: 10, m: 1000, in: 25.4, ft: 304.8 };

/** Units from an explicit override; throws on an unknown unit name. */
export function overrideUnits(unit: string): UnitsInfo {
  const scale = UNIT_MM[unit];
  if (!scale) throw new Error(`Unknown unit "${unit}" (use mm, cm, m, in or ft) / Satuan "${unit}" tidak dikenal (pakai mm, cm, m, in atau ft)`);
  return { source: 'override', unit, scaleToMm: scale };
}

/** Units from COLLADA's <unit meter=…>: snapped to a known unit when within 1e-6, kept as is otherwise. */
export function colladaUnits(meter: number | undefined, findings: Finding[]): UnitsInfo {
  if (meter === undefined || !(meter > 0) || !Number.isFinite(meter)) {
    findings.push({
      code: 'UNITS_ASSUMED',
      severity: 'warning',
      message: 'The COLLADA file states no unit; metres assumed (COLLADA default) / Berkas COLLADA tidak menyebut satuan; dianggap meter (bawaan COLLADA)',
    });
    return { source: 'default', unit: 'm', scaleToMm: 1000 };
  }
  const mm = meter * 1000;
  for (const [unit, scale] of Object.entries(UNIT_MM)) {
    if (Math.abs(mm - scale) <= scale * 1e-6) return { source: 'header', unit, scaleToMm: scale };
  }
  return { source: 'header', unit: `${meter} m`, scaleToMm: mm };
}

/** OBJ/STL: no unit in the file, millimetres assumed and said so. */
export function assumedMillimetres(format: string, findings: Finding[]): UnitsInfo {
  findings.push({
    code: 'UNITS_ASSUMED',
    severity: 'warning',
    message: `${format} files carry no unit; millimetres assumed — set the unit if the model was exported in inches or metres / Berkas ${format} tidak menyimpan satuan; dianggap milimeter — atur satuannya bila model diekspor dalam inci atau meter`,
  });
  return { source: 'default', unit: 'mm', scaleToMm: 1 };
}
