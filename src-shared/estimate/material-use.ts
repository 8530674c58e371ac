// How much sheet a job takes. Bounding-box mode (no nest yet): every part's box grown by the part spacing, times
// the quantity, spread over the sheet size that costs least in whole sheets (an offcut only when the whole order
// fits on one). Nested mode: the sheets a nest of the
// whole order actually used.
import type { MaterialSheet, ThicknessVariant } from '../materials/material-schema';
import type { NestResult } from '../nest/types';
import type { PartSummary } from './analyze';
import { sheetFits } from './dfm';

/** Gap kept between parts besides the kerf, mm. */
export const PART_GAP_MM = 2;

export interface NestUse {
  /** Sheet size the nest used (a sheet id of the variant); default the first full sheet. */
  sheetId?: string;
  /** Sheets the nest used for the whole order. */
  sheets: number;
}

export interface MaterialUse {
  mode: 'bbox' | 'nested';
  sheet: MaterialSheet;
  /** Whole sheets needed for the order. */
  sheets: number;
  /** Fraction of sheets the order takes (bbox mode: used area × waste ÷ sheet area). */
  sheetShare: number;
  spacingMm: number;
  usedAreaMm2PerCopy: number;
  netAreaMm2PerCopy: number;
  /** Sheet area the order takes: used area × quantity (bbox) or sheets × sheet area (nested). */
  materialAreaMm2: number;
  /** Mass of the parts (net area × thickness × density), kg, for the whole order. */
  massKg: number;
}

export class MaterialUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaterialUseError';
  }
}

export function materialUse(
  parts: readonly PartSummary[],
  variant: ThicknessVariant,
  densityGPerCm3: number,
  quantity: number,
  wasteFactor: number,
  nest?: NestUse,
): MaterialUse {
  const spacingMm = variant.kerfMm + PART_GAP_MM;
  let usedAreaMm2PerCopy = 0;
  let netAreaMm2PerCopy = 0;
  for (const p of parts) {
    usedAreaMm2PerCopy += (p.width + spacingMm) * (p.height + spacingMm);
    netAreaMm2PerCopy += p.netAreaMm2;
  }
  const massKg = (netAreaMm2PerCopy * quantity * variant.thicknessMm * densityGPerCm3) / 1e6;
  if (nest) {
    const sheet = nest.sheetId ? variant.sheets.find((s) => s.id === nest.sheetId) : variant.sheets.find((s) => !s.offcut) ?? variant.sheets[0];
    if (!sheet) throw new MaterialUseError(`the nest used sheet "${nest.sheetId}", which this material does not list (${variant.sheets.map((s) => s.id).join(', ')})`);
    const area = sheet.widthMm * sheet.heightMm;
    return { mode: 'nested', sheet, sheets: nest.sheets, sheetShare: nest.sheets, spacingMm, usedAreaMm2PerCopy, netAreaMm2PerCopy, materialAreaMm2: nest.sheets * area, massKg };
  }
  const need = usedAreaMm2PerCopy * quantity * wasteFactor;
  // Offcuts are single pieces in stock: use one only when the whole order fits on it.
  const candidates = variant.sheets.filter((s) =>
    parts.every((p) => sheetFits(s, p.width + spacingMm, p.height + spacingMm)) && (!s.offcut || need <= s.widthMm * s.heightMm));
  const pool = candidates.length > 0 ? candidates : [...variant.sheets].sort((a, b) => b.widthMm * b.heightMm - a.widthMm * a.heightMm).slice(0, 1);
  let best = pool[0];
  let bestCost = Infinity;
  let bestPerArea = Infinity;
  for (const s of pool) {
    const area = s.widthMm * s.heightMm;
    const cost = Math.max(1, Math.ceil(need / area)) * s.priceIdr;
    const perArea = s.priceIdr / area;
    if (cost < bestCost || (cost === bestCost && perArea < bestPerArea)) {
      best = s;
      bestCost = cost;
      bestPerArea = perArea;
    }
  }
  const area = best.widthMm * best.heightMm;
  return {
    mode: 'bbox',
    sheet: best,
    sheets: Math.max(1, Math.ceil(need / area)),
    sheetShare: need / area,
    spacingMm,
    usedAreaMm2PerCopy,
    netAreaMm2PerCopy,
    materialAreaMm2: usedAreaMm2PerCopy * quantity,
    massKg,
  };
}

/**
 * The nest input of a quote from a nester result: how many sheets it filled and which of the variant's sheet
 * sizes they are (by the result's sheet id, else by size in either orientation).
 */
export function nestUseFromResult(result: Pick<NestResult, 'sheets'>, variant: ThicknessVariant): NestUse {
  if (result.sheets.length === 0) return { sheets: 0 };
  const ids = new Set<string>();
  for (const s of result.sheets) {
    const match = variant.sheets.find((v) => v.id === s.sheetId)
      ?? variant.sheets.find((v) => (v.widthMm === s.width && v.heightMm === s.height) || (v.widthMm === s.height && v.heightMm === s.width));
    if (!match) throw new MaterialUseError(`the nest used a ${s.width} × ${s.height} mm sheet, which this material does not list`);
    ids.add(match.id);
  }
  if (ids.size > 1) throw new MaterialUseError(`the nest mixed sheet sizes (${[...ids].join(', ')}): quote each size separately`);
  return { sheetId: [...ids][0], sheets: result.sheets.length };
}
