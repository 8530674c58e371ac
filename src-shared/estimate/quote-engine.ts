// One quote of one design: the estimate (lengths, pierces, engraving, travel, planner machine time, material
// use, complexity, manufacturability findings) and its price. Pure: the caller supplies the material, machine
// and pricing rules (from the library) and the design analysis (from the cache), so the same input always gives
// the same output and a re-quote only redoes what the change affects.
import type { Finding } from '../geometry/types';
import { toGrblSettings, type MachineProfile } from '../materials/machine-schema';
import type { Material, ThicknessVariant } from '../materials/material-schema';
import { presetsForMachine, selectThickness, type MachinePresets } from '../materials/select';
import { computePrice, type PriceBreakdown } from '../pricing/compute';
import type { Lang } from '../pricing/format';
import type { PricingRules, QuoteOptions } from '../pricing/rules';
import type { DesignAnalysis } from './analyze';
import { computeComplexity, type Complexity } from './complexity';
import { dfmFindings } from './dfm';
import { rasterTime } from './engrave';
import { materialUse, type MaterialUse, type NestUse } from './material-use';
import { defaultTimeModel, type MachineTimeModel, type MotionParams } from './time-model';

export interface QuoteRequest {
  quantity: number;
  thicknessMm?: number;
  options: QuoteOptions;
  currency?: string;
  lang?: Lang;
  /** Sheets used by a nest of the whole order, when one was run. */
  nest?: NestUse;
}

export interface QuoteContext {
  material: Material;
  machine: MachineProfile;
  rules: PricingRules;
  timeModel?: MachineTimeModel;
}

export interface MachineTimeBreakdown {
  model: string;
  /** One copy of the design: vector cutting and scoring, travel, pierce dwells, idle delays, raster engraving. */
  perCopyS: number;
  cutS: number;
  travelS: number;
  dwellS: number;
  idleDelayS: number;
  engraveS: number;
  /** Once per job. */
  overheadS: number;
  /** perCopyS × quantity + overheadS: what is priced. */
  jobS: number;
  /** Length ÷ feed for one copy (what most tools show), for comparison. */
  naivePerCopyS: number;
}

export interface QuoteComputation {
  parts: number;
  uniqueParts: number;
  quantity: number;
  material: { id: string; name: string; thicknessMm: number; kerfMm: number; sheetId: string };
  machine: { id: string; name: string };
  cutLengthMm: number;
  scoreLengthMm: number;
  pierces: number;
  engraveAreaMm2: number;
  travelMm: number;
  /** Machine time of the whole order (= time.jobS), s. */
  machineTimeS: number;
  time: MachineTimeBreakdown;
  materialUse: MaterialUse;
  materialAreaMm2: number;
  sheets: number;
  complexity: Complexity;
  price: PriceBreakdown;
  warnings: Finding[];
  manualReview: boolean;
  /** Messages of the findings that send the quote to manual review. */
  reviewReasons: string[];
}

export class QuoteInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuoteInputError';
  }
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

/** What the time model needs from a material's thickness variant and its presets on a machine. */
export function motionParamsOf(presets: MachinePresets, variant: ThicknessVariant, machine: MachineProfile): MotionParams {
  return {
    settings: toGrblSettings(machine.grbl),
    cut: { feedMmPerMin: presets.cut.speedMmPerMin, passes: presets.cut.passes },
    score: { feedMmPerMin: presets.score.speedMmPerMin, passes: presets.score.passes },
    pierceS: variant.pierceTimeS,
  };
}

export function computeQuote(analysis: DesignAnalysis, req: QuoteRequest, ctx: QuoteContext): QuoteComputation {
  const lang: Lang = req.lang ?? 'en';
  if (!Number.isInteger(req.quantity) || req.quantity < 1) {
    throw new QuoteInputError(`quantity must be a whole number of 1 or more, got ${req.quantity} / jumlah harus bilangan bulat 1 atau lebih`);
  }
  if (analysis.parts.length === 0) {
    throw new QuoteInputError(
      analysis.cutContours.length > 0
        ? `the design has no closed contour on a cut layer (${analysis.cutContours.length} open contour(s)): nothing would drop out as a part / desain tidak punya kontur tertutup pada layer potong`
        : 'the design has nothing on a cut layer: assign a layer to "cut" first / desain tidak punya apa pun pada layer potong',
    );
  }
  const { material, machine, rules } = ctx;
  const variant = selectThickness(material, req.thicknessMm);
  const presets = presetsForMachine(material, variant, machine);
  const model = ctx.timeModel ?? defaultTimeModel;
  const t = model.time(analysis.motion, motionParamsOf(presets, variant, machine));
  const raster = rasterTime(analysis.engrave.regions, presets.engrave, machine.grbl.$120, machine.grbl.$121);
  const perCopyS = t.timeS + raster.timeS;
  const jobS = perCopyS * req.quantity + machine.jobOverheadS;

  const use = materialUse(analysis.parts, variant, material.densityGPerCm3, req.quantity, rules.wasteFactor, req.nest);
  const complexity = computeComplexity(analysis.complexity, variant.kerfMm, lang);
  const warnings = [...analysis.findings, ...dfmFindings(analysis, { material, variant, machine, lang })];
  const reviewReasons = warnings.filter((f) => f.severity === 'error').map((f) => f.message);
  const materialName = `${lang === 'id' ? material.nameId : material.name} ${variant.thicknessMm} mm`;
  const price = computePrice(
    {
      quantity: req.quantity,
      uniqueParts: analysis.uniqueParts,
      material: {
        name: materialName,
        sheetLabel: `${use.sheet.widthMm}×${use.sheet.heightMm}`,
        sheetPriceIdr: use.sheet.priceIdr,
        sheetAreaMm2: use.sheet.widthMm * use.sheet.heightMm,
        usedAreaMm2PerCopy: use.usedAreaMm2PerCopy,
        netAreaMm2PerCopy: use.netAreaMm2PerCopy,
        nestedSheets: use.mode === 'nested' ? use.sheets : undefined,
      },
      machine: { name: machine.name, hourlyRateIdr: machine.hourlyRateIdr, timePerCopyS: perCopyS, jobOverheadS: machine.jobOverheadS },
      edgeLengthMmPerCopy: analysis.lengths.cutMm,
      options: req.options,
      currency: req.currency,
      lang,
    },
    rules,
  );
  return {
    parts: analysis.parts.length,
    uniqueParts: analysis.uniqueParts,
    quantity: req.quantity,
    material: { id: material.id, name: materialName, thicknessMm: variant.thicknessMm, kerfMm: variant.kerfMm, sheetId: use.sheet.id },
    machine: { id: machine.id, name: machine.name },
    cutLengthMm: round(analysis.lengths.cutMm),
    scoreLengthMm: round(analysis.lengths.scoreMm),
    pierces: analysis.pierces.cut + analysis.pierces.score,
    engraveAreaMm2: round(analysis.engrave.areaMm2),
    travelMm: round(analysis.motion.travelMm),
    machineTimeS: round(jobS),
    time: {
      model: model.name,
      perCopyS: round(perCopyS),
      cutS: round(t.cutTimeS),
      travelS: round(t.travelTimeS),
      dwellS: round(t.dwellTimeS),
      idleDelayS: round(t.idleDelayS),
      engraveS: round(raster.timeS),
      overheadS: machine.jobOverheadS,
      jobS: round(jobS),
      naivePerCopyS: round(t.naiveTimeS + raster.distanceMm / presets.engrave.speedMmPerMin * 60),
    },
    materialUse: use,
    materialAreaMm2: round(use.materialAreaMm2),
    sheets: use.sheets,
    complexity,
    price,
    warnings,
    manualReview: reviewReasons.length > 0,
    reviewReasons,
  };
}
