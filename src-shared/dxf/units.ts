// Drawing units: $INSUNITS when it names a unit, else inferred from the extents (a 0.5 × 0.3 drawing is not
// millimetres: inches, or metres when $MEASUREMENT says metric), else millimetres by default; an explicit
// override always wins. Every guess is reported as UNITS_INFERRED so the UI can ask the user to confirm.
import type { BBox, Finding, UnitsInfo } from '../geometry/types';

/** $INSUNITS code → [unit name, millimetres per unit]. */
export const INSUNITS: Record<number, [string, number]> = {
  1: ['in', 25.4],
  2: ['ft', 304.8],
  3: ['mi', 1_609_344],
  4: ['mm', 1],
  5: ['cm', 10],
  6: ['m', 1000],
  7: ['km', 1e6],
  8: ['µin', 25.4e-6],
  9: ['mil', 0.0254],
  10: ['yd', 914.4],
  11: ['Å', 1e-7],
  12: ['nm', 1e-6],
  13: ['µm', 1e-3],
  14: ['dm', 100],
  15: ['dam', 1e4],
  16: ['hm', 1e5],
  17: ['Gm', 1e12],
  18: ['AU', 1.495978707e14],
  19: ['ly', 9.4607304725808e18],
  20: ['pc', 3.0856775814914e19],
};

export const UNIT_NAMES = ['mm', 'cm', 'm', 'in', 'ft'] as const;
export type UnitName = (typeof UNIT_NAMES)[number];
const UNIT_SCALE: Record<UnitName, number> = { mm: 1, cm: 10, m: 1000, in: 25.4, ft: 304.8 };

export function overrideUnits(unit: UnitName): UnitsInfo {
  return { source: 'override', unit, scaleToMm: UNIT_SCALE[unit] };
}

export function headerUnits(insunits: number | undefined): UnitsInfo | null {
  const u = insunits === undefined ? undefined : INSUNITS[insunits];
  return u ? { source: 'header', unit: u[0], scaleToMm: u[1] } : null;
}

/** Drawings whose larger side is below this many drawing units are taken as inches (or metres). */
const SMALL_DRAWING = 3;

/** Units from the extents (in drawing units) when the header has none, with the warning that says so. */
export function inferUnits(extents: BBox | null, measurement: number | undefined, insunits: number | undefined): { units: UnitsInfo; finding: Finding } {
  const why = insunits === undefined ? 'The file does not say its units ($INSUNITS missing)' : `The file says its units are "unitless" ($INSUNITS = ${insunits})`;
  const size = extents ? Math.max(extents.maxX - extents.minX, extents.maxY - extents.minY) : 0;
  const dims = extents ? `${fmt(extents.maxX - extents.minX)} × ${fmt(extents.maxY - extents.minY)}` : 'empty';
  if (size > 0 && size < SMALL_DRAWING) {
    const metric = measurement === 1;
    const units: UnitsInfo = metric ? { source: 'inferred', unit: 'm', scaleToMm: 1000 } : { source: 'inferred', unit: 'in', scaleToMm: 25.4 };
    return {
      units,
      finding: {
        code: 'UNITS_INFERRED',
        severity: 'warning',
        message: `${why}; the drawing is only ${dims} units, so it was read in ${metric ? 'metres' : 'inches'}. Confirm or choose the units.`,
      },
    };
  }
  return {
    units: { source: 'default', unit: 'mm', scaleToMm: 1 },
    finding: {
      code: 'UNITS_INFERRED',
      severity: 'warning',
      message: `${why}; the drawing (${dims} units) was read in millimetres. Confirm or choose the units.`,
    },
  };
}

function fmt(v: number): string {
  return Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : '?';
}

/**
 * A header unit that makes the drawing implausible for a laser bed while millimetres would not (a keyboard plate
 * drawn in mm but labelled inches comes out 7 m wide): a warning that names both sizes, units unchanged.
 */
export function suspiciousUnits(units: UnitsInfo, extentsMm: BBox | null): Finding | null {
  if (!extentsMm || units.source !== 'header' || units.scaleToMm <= 1) return null;
  const size = Math.max(extentsMm.maxX - extentsMm.minX, extentsMm.maxY - extentsMm.minY);
  const asMm = size / units.scaleToMm;
  if (size <= 3000 || asMm < 10 || asMm > 1500) return null;
  return {
    code: 'UNITS_SUSPICIOUS',
    severity: 'warning',
    message: `The file says its units are ${units.unit}, which makes the drawing ${fmt(size / 1000)} m across; read as millimetres it would be ${fmt(asMm)} mm. Check the units.`,
  };
}
