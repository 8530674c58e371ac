// Manufacturability checks that depend on the chosen material and machine (the geometry-only ones come from the
// import and contour building). A finding of severity `error` sends the quote to manual review: it is still
// priced, but marked as not to be confirmed without a person looking at it.
import type { Finding } from '../geometry/types';
import type { MachineProfile } from '../materials/machine-schema';
import type { Material, MaterialSheet, ThicknessVariant } from '../materials/material-schema';
import type { Lang } from '../pricing/format';
import { formatFigure } from '../pricing/format';
import type { DesignAnalysis } from './analyze';

export interface DfmContext {
  material: Material;
  variant: ThicknessVariant;
  machine: MachineProfile;
  lang: Lang;
}

const fits = (w: number, h: number, W: number, H: number) => (w <= W && h <= H) || (w <= H && h <= W);

export function sheetFits(sheet: MaterialSheet, w: number, h: number): boolean {
  return fits(w, h, sheet.widthMm, sheet.heightMm);
}

export function dfmFindings(a: DesignAnalysis, ctx: DfmContext): Finding[] {
  const { material, variant, machine, lang } = ctx;
  const n = (v: number) => formatFigure(v, lang, 2);
  const t = (en: string, id: string) => (lang === 'id' ? id : en);
  const out: Finding[] = [];

  if (a.openCutContours.length > 0) {
    const c = a.openCutContours[0];
    out.push({
      code: 'OPEN_CUT_CONTOUR',
      severity: 'warning',
      message: t(`${a.openCutContours.length} open contour(s) on cut layers: they cut as lines, not parts.`,
        `${a.openCutContours.length} kontur terbuka pada layer potong: dipotong sebagai garis, bukan part.`),
      layer: c.layer,
      at: c.segments[0].kind === 'line' ? c.segments[0].a : undefined,
    });
  }
  if (material.transparent && machine.kind === 'diode') {
    out.push({
      code: 'DIODE_CANNOT_CUT_CLEAR',
      severity: 'error',
      message: t(`A diode laser's blue beam passes through ${material.name.toLowerCase()}: choose a CO2 machine or an opaque colour.`,
        `Sinar biru laser dioda menembus ${material.nameId.toLowerCase()}: pilih mesin CO2 atau warna yang tidak bening.`),
    });
  }
  if (variant.thicknessMm > machine.maxCutThicknessMm) {
    out.push({
      code: 'TOO_THICK_FOR_MACHINE',
      severity: 'error',
      message: t(`${n(variant.thicknessMm)} mm is thicker than ${machine.name} cuts (up to ${n(machine.maxCutThicknessMm)} mm).`,
        `${n(variant.thicknessMm)} mm lebih tebal dari kemampuan ${machine.name} (maks. ${n(machine.maxCutThicknessMm)} mm).`),
    });
  }
  for (const p of a.parts) {
    const at = { x: p.bbox.minX, y: p.bbox.minY };
    if (!variant.sheets.some((s) => sheetFits(s, p.width, p.height))) {
      out.push({
        code: 'PART_LARGER_THAN_SHEET',
        severity: 'error',
        message: t(`Part ${p.id} (${n(p.width)} × ${n(p.height)} mm) does not fit any sheet of this material.`,
          `Part ${p.id} (${n(p.width)} × ${n(p.height)} mm) tidak muat di lembaran bahan ini.`),
        at,
      });
    }
    if (!fits(p.width, p.height, machine.bedMm.x, machine.bedMm.y)) {
      out.push({
        code: 'PART_LARGER_THAN_BED',
        severity: 'error',
        message: t(`Part ${p.id} (${n(p.width)} × ${n(p.height)} mm) is larger than the ${n(machine.bedMm.x)} × ${n(machine.bedMm.y)} mm bed.`,
          `Part ${p.id} (${n(p.width)} × ${n(p.height)} mm) lebih besar dari meja ${n(machine.bedMm.x)} × ${n(machine.bedMm.y)} mm.`),
        at,
      });
    }
    const smallest = Math.min(p.width, p.height);
    if (smallest < variant.kerfMm * 2) {
      out.push({
        code: 'FEATURE_BELOW_KERF',
        severity: 'error',
        message: t(`Part ${p.id} is ${n(smallest)} mm wide, under twice the ${n(variant.kerfMm)} mm kerf: it would burn away.`,
          `Part ${p.id} selebar ${n(smallest)} mm, kurang dari dua kali kerf ${n(variant.kerfMm)} mm: akan habis terbakar.`),
        at,
      });
    } else if (smallest < variant.minFeatureMm) {
      out.push({
        code: 'FEATURE_BELOW_MINIMUM',
        severity: 'warning',
        message: t(`Part ${p.id} is ${n(smallest)} mm wide, under the ${n(variant.minFeatureMm)} mm minimum for ${n(variant.thicknessMm)} mm.`,
          `Part ${p.id} selebar ${n(smallest)} mm, di bawah minimum ${n(variant.minFeatureMm)} mm untuk ${n(variant.thicknessMm)} mm.`),
        at,
      });
    }
    if (p.smallestHoleMm < variant.kerfMm * 2) {
      out.push({
        code: 'HOLE_BELOW_KERF',
        severity: 'error',
        message: t(`Part ${p.id} has a ${n(p.smallestHoleMm)} mm hole, under twice the ${n(variant.kerfMm)} mm kerf.`,
          `Part ${p.id} memiliki lubang ${n(p.smallestHoleMm)} mm, kurang dari dua kali kerf ${n(variant.kerfMm)} mm.`),
        at,
      });
    } else if (p.smallestHoleMm < variant.minHoleMm) {
      out.push({
        code: 'HOLE_BELOW_MINIMUM',
        severity: 'warning',
        message: t(`Part ${p.id} has a ${n(p.smallestHoleMm)} mm hole, under the ${n(variant.minHoleMm)} mm minimum for ${n(variant.thicknessMm)} mm ${material.name.toLowerCase()}.`,
          `Part ${p.id} memiliki lubang ${n(p.smallestHoleMm)} mm, di bawah minimum ${n(variant.minHoleMm)} mm untuk ${n(variant.thicknessMm)} mm.`),
        at,
      });
    }
  }
  return capPerCode(out, lang);
}

/** Keeps the first `max` findings of each code and sums up the rest in one finding (5,000 small holes → 21). */
function capPerCode(findings: Finding[], lang: Lang, max = 20): Finding[] {
  const count = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = (count.get(f.code) ?? 0) + 1;
    count.set(f.code, k);
    if (k <= max) out.push(f);
  }
  for (const [code, k] of count) {
    if (k <= max) continue;
    const first = out.find((f) => f.code === code)!;
    out.push({
      code,
      severity: first.severity,
      message: lang === 'id' ? `…dan ${k - max} temuan ${code} lainnya.` : `…and ${k - max} more ${code} findings.`,
    });
  }
  return out;
}
