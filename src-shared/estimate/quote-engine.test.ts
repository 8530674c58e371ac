import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LayerInfo, Path, Segment } from '../geometry/types';
import { machineProfileSchema } from '../materials/machine-schema';
import { materialSchema } from '../materials/material-schema';
import { defaultPricingRules, quoteOptionsSchema } from '../pricing/rules';
import { analyzeDesign } from './analyze';
import { AnalysisCache } from './cache';
import { computeQuote, QuoteInputError } from './quote-engine';
import { nestUseFromResult } from './material-use';
import { fullReplan } from './test/full-replan';
import { GrblPlannerTimeModel, type MachineTimeModel } from './time-model';
import { syntheticDesign } from './synthetic';

const seed = (dir: string, id: string) => JSON.parse(readFileSync(new URL(`../../resources/${dir}/${id}.json`, import.meta.url), 'utf8'));
const castClear = materialSchema.parse(seed('materials', 'acrylic-cast-clear'));
const castColour = materialSchema.parse(seed('materials', 'acrylic-cast-colour'));
const co2 = machineProfileSchema.parse(seed('machines', 'co2-60w-1300x900'));
const diode = machineProfileSchema.parse(seed('machines', 'diode-20w-400x400'));

const L = (ax: number, ay: number, bx: number, by: number): Segment => ({ kind: 'line', a: { x: ax, y: ay }, b: { x: bx, y: by } });
const rect = (x: number, y: number, w: number, h: number): Segment[] => [L(x, y, x + w, y), L(x + w, y, x + w, y + h), L(x + w, y + h, x, y + h), L(x, y + h, x, y)];
const circle = (x: number, y: number, r: number): Segment[] => [{ kind: 'arc', center: { x, y }, radius: r, startAngle: 0, sweep: 2 * Math.PI }];
const layers: LayerInfo[] = [
  { name: 'CUT', operation: 'cut', visible: true, locked: false },
  { name: 'SCORE', operation: 'score', visible: true, locked: false },
  { name: 'ENG', operation: 'engrave', visible: true, locked: false },
  { name: 'NOTES', operation: 'ignore', visible: true, locked: false },
];
function plate(): Path[] {
  return [
    { id: 'outer', layer: 'CUT', entity: 'LWPOLYLINE', segments: rect(0, 0, 100, 50), closed: true },
    { id: 'h1', layer: 'CUT', entity: 'CIRCLE', segments: circle(15, 25, 5), closed: true },
    { id: 'h2', layer: 'CUT', entity: 'CIRCLE', segments: circle(85, 25, 5), closed: true },
    { id: 's1', layer: 'SCORE', entity: 'LINE', segments: [L(10, 5, 90, 5)], closed: false },
    { id: 'f1', layer: 'ENG', entity: 'HATCH', segments: rect(30, 30, 40, 10), closed: true, fill: true },
    { id: 'f2', layer: 'ENG', entity: 'HATCH', segments: rect(45, 33, 10, 4), closed: true, fill: true },
    { id: 'n1', layer: 'NOTES', entity: 'TEXT', segments: rect(0, 60, 10, 10), closed: true },
  ];
}
const options = quoteOptionsSchema.parse({});
const ctx = { material: castClear, machine: co2, rules: defaultPricingRules };

describe('analyzeDesign', () => {
  it('measures cut length, pierces, engraved area (even-odd) and part areas', () => {
    const a = analyzeDesign({ paths: plate(), layers });
    expect(a.parts).toHaveLength(1);
    expect(a.parts[0].holes).toBe(2);
    expect(a.lengths.cutMm).toBeCloseTo(300 + 2 * 2 * Math.PI * 5, 9);
    expect(a.lengths.scoreMm).toBe(80);
    expect(a.pierces).toEqual({ cut: 3, score: 1 });
    expect(a.engrave.areaMm2).toBeCloseTo(400 - 40, 9);
    expect(a.parts[0].netAreaMm2).toBeCloseTo(5000 - 2 * Math.PI * 25, 9);
    expect(a.counts.ignored).toBe(1);
    // Holes before the outer contour; the score line first.
    expect(a.motion.runs.map((r) => r.op)).toEqual(['score', 'cut', 'cut', 'cut']);
    expect(a.motion.runs[3].segments).toHaveLength(4);
  });
});

describe('computeQuote', () => {
  it('prices a plate with every line explained, and is deterministic', () => {
    const a = analyzeDesign({ paths: plate(), layers });
    const q = computeQuote(a, { quantity: 3, options }, ctx);
    expect(q.parts).toBe(1);
    expect(q.pierces).toBe(4);
    expect(q.material.thicknessMm).toBe(3);
    // bbox mode: (100 + 0.15 kerf + 2 gap) × (50 + 2.15) per copy
    expect(q.materialUse.usedAreaMm2PerCopy).toBeCloseTo(102.15 * 52.15, 6);
    expect(q.materialAreaMm2).toBeCloseTo(3 * 102.15 * 52.15, 2);
    expect(q.time.perCopyS).toBeGreaterThan(q.time.naivePerCopyS * 0.99);
    expect(q.time.dwellS).toBeGreaterThan(0);
    expect(q.machineTimeS).toBeCloseTo(q.time.perCopyS * 3 + co2.jobOverheadS, 2);
    expect(q.price.lines.every((l) => l.formula.length > 0 && l.label.length > 0)).toBe(true);
    expect(q.price.totalIdr).toBe(q.price.subtotalIdr + q.price.taxIdr);
    expect(q.manualReview).toBe(false);
    const again = computeQuote(analyzeDesign({ paths: plate(), layers }), { quantity: 3, options }, { ...ctx, timeModel: new GrblPlannerTimeModel() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(q));
  });

  it('a faster preset (thinner sheet) gives a shorter time; same feeds reuse the planner run', () => {
    const a = analyzeDesign({ paths: plate(), layers });
    const model = new GrblPlannerTimeModel();
    const thick = computeQuote(a, { quantity: 1, thicknessMm: 8, options }, { ...ctx, timeModel: model });
    const thin = computeQuote(a, { quantity: 1, thicknessMm: 2, options }, { ...ctx, timeModel: model });
    expect(thin.time.cutS).toBeLessThan(thick.time.cutS);
    // Colour 3 mm has the clear 3 mm presets: the memoised planner run is reused.
    const clear3 = computeQuote(a, { quantity: 1, options }, { ...ctx, timeModel: model });
    const colour3 = computeQuote(a, { quantity: 1, options }, { ...ctx, material: castColour, timeModel: model });
    expect(colour3.time.cutS).toBe(clear3.time.cutS);
    expect(colour3.price.lines[0].amountIdr).toBeGreaterThan(clear3.price.lines[0].amountIdr);
  });

  it('sends a quote to manual review for DFM errors but still prices it', () => {
    const a = analyzeDesign({ paths: plate(), layers });
    const q = computeQuote(a, { quantity: 1, options }, { ...ctx, machine: diode });
    expect(q.manualReview).toBe(true);
    expect(q.warnings.map((w) => w.code)).toContain('DIODE_CANNOT_CUT_CLEAR');
    const big = analyzeDesign({ paths: [{ id: 'p', layer: 'CUT', entity: 'LWPOLYLINE', segments: rect(0, 0, 1500, 1000), closed: true }], layers });
    const qb = computeQuote(big, { quantity: 1, options }, ctx);
    expect(qb.warnings.map((w) => w.code)).toContain('PART_LARGER_THAN_BED');
    expect(qb.price.totalIdr).toBeGreaterThan(0);
    const holes = analyzeDesign({ paths: [...plate(), { id: 'tiny', layer: 'CUT', entity: 'CIRCLE', segments: circle(50, 20, 0.2), closed: true }], layers });
    const qh = computeQuote(holes, { quantity: 1, thicknessMm: 5, options }, ctx);
    expect(qh.warnings.find((w) => w.code === 'HOLE_BELOW_KERF')?.message).toMatch(/0\.4 mm hole, under twice the 0\.2 mm kerf/);
  });

  it('rejects bad input with a clear message', () => {
    const a = analyzeDesign({ paths: plate(), layers });
    expect(() => computeQuote(a, { quantity: 0, options }, ctx)).toThrow(/^quantity must be a whole number of 1 or more, got 0 \/ jumlah harus/);
    expect(() => computeQuote(a, { quantity: -2, options }, ctx)).toThrow(QuoteInputError);
    expect(() => computeQuote(a, { quantity: 1, thicknessMm: 7, options }, ctx)).toThrow(/no 7 mm thickness/);
    const open = analyzeDesign({ paths: [{ id: 'l', layer: 'CUT', entity: 'LINE', segments: [L(0, 0, 10, 0)], closed: false }], layers });
    expect(() => computeQuote(open, { quantity: 1, options }, ctx)).toThrow(/no closed contour on a cut layer \(1 open contour/);
    expect(() => computeQuote(analyzeDesign({ paths: [], layers }), { quantity: 1, options }, ctx)).toThrow(/nothing on a cut layer/);
  });
});

describe('AnalysisCache', () => {
  it('reuses the analysis of a design by key and by paths identity', () => {
    const cache = new AnalysisCache(2);
    const d = syntheticDesign(200);
    const a = cache.get(d, 'k1');
    expect(cache.get({ ...d }, 'k1')).toBe(a);
    expect(cache.get(d)).toBe(cache.get(d));
    cache.get(d, 'k2');
    cache.get(d, 'k3');
    expect(cache.size).toBe(2);
    expect(cache.get(d, 'k1')).not.toBe(a);
  });
});

describe('nested material mode', () => {
  it('charges the whole sheets a nest used, matched by size', () => {
    const variant = castClear.thicknesses.find((t) => t.thicknessMm === 3)!;
    const sheet = { width: 2440, height: 1220, utilisation: 0.8, placements: [] };
    const nest = nestUseFromResult({ sheets: [{ ...sheet, index: 0 }, { ...sheet, index: 1 }] }, variant);
    expect(nest).toEqual({ sheetId: '1220x2440', sheets: 2 });
    const a = analyzeDesign({ paths: plate(), layers });
    const q = computeQuote(a, { quantity: 40, options, nest }, ctx);
    expect(q.materialUse.mode).toBe('nested');
    expect(q.sheets).toBe(2);
    expect(q.price.lines[0].amountIdr).toBe(2 * variant.sheets[0].priceIdr);
    expect(() => nestUseFromResult({ sheets: [{ ...sheet, index: 0, width: 999 }] }, variant)).toThrow(/999 × 1220 mm sheet/);
  });
});

describe('machine time of a re-quote', () => {
  it('is what a full replan of the G-code moves gives, quote for quote, after material changes', () => {
    const analysis = analyzeDesign(syntheticDesign(1500));
    const model = new GrblPlannerTimeModel();
    const full: MachineTimeModel = { name: model.name, time: fullReplan };
    for (const material of [castClear, castColour, castClear]) {
      for (const thicknessMm of [3, 5]) {
        const req = { quantity: 7, thicknessMm, options: quoteOptionsSchema.parse({}) };
        const fast = computeQuote(analysis, req, { ...ctx, material, timeModel: model });
        expect(fast).toEqual(computeQuote(analysis, req, { ...ctx, material, timeModel: full }));
      }
    }
  });
});
