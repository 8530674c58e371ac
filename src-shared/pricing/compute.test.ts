import { describe, expect, it } from 'vitest';
import { computePrice, PricingError, taxCaption, type PriceInput } from './compute';
import { pricingRulesSchema, quoteOptionsSchema } from './rules';
import { formatMoney, formatNumber } from './format';

// Rules fixed in the test (not the defaults) so the hand computations below stay valid when seeds change.
const rules = pricingRulesSchema.parse({
  materialMode: 'sheet-share',
  wasteFactor: 1.15,
  setupPerUniquePartIdr: 15_000,
  startupPerMaterialIdr: 25_000,
  minimumOrderIdr: 100_000,
  quantityBreaks: [{ minQty: 10, discountPct: 5 }, { minQty: 50, discountPct: 10 }],
  finishing: { flamePolishPerMeterIdr: 6_000, edgePolishPerMeterIdr: 15_000, bendingPerBendIdr: 7_500, engravingPerCm2Idr: 150 },
  rushSurchargePct: 25,
  taxRatePct: 11,
  exchangeRates: { USD: 16_500 },
});

function input(over: Partial<PriceInput> = {}): PriceInput {
  return {
    quantity: 10,
    uniqueParts: 2,
    material: {
      name: 'Cast clear 3 mm', sheetLabel: '1220×2440', sheetPriceIdr: 920_000, sheetAreaMm2: 1220 * 2440,
      usedAreaMm2PerCopy: 10_000, netAreaMm2PerCopy: 7_500,
    },
    machine: { name: 'CO2 60 W', hourlyRateIdr: 150_000, timePerCopyS: 60, jobOverheadS: 300 },
    edgeLengthMmPerCopy: 400,
    options: quoteOptionsSchema.parse({ flamePolish: true }),
    ...over,
  };
}
const amounts = (b: ReturnType<typeof computePrice>) => Object.fromEntries(b.lines.map((l) => [l.code, l.amountIdr]));

describe('computePrice', () => {
  it('sheet share, machine time, setup, start-up, flame polish, 5 % quantity break and PPN 11 % (hand computed)', () => {
    const b = computePrice(input(), rules);
    // material: 10,000 mm² × 10 × 1.15 ÷ 2,976,800 mm² × 920,000 = 35,541.52 → 35,542
    // machine: (60 s × 10 + 300 s) ÷ 3600 × 150,000 = 37,500
    // flame polish: 0.4 m × 10 × 6,000 = 24,000; discount: −5 % × (35,542 + 37,500 + 24,000) = −4,852.1 → −4,852
    expect(amounts(b)).toEqual({
      material: 35_542, machine: 37_500, setup: 30_000, startup: 25_000, 'flame-polish': 24_000, 'quantity-discount': -4_852,
    });
    expect(b.subtotalIdr).toBe(147_190);
    expect(b.taxIdr).toBe(16_191); // 16,190.9 rounded half up
    expect(b.totalIdr).toBe(163_381);
    expect(b.discountPct).toBe(5);
    expect(b.lines.find((l) => l.code === 'material')!.formula).toBe(
      'Cast clear 3 mm: 100 cm² × 10 × 1.15 waste ÷ 29,768 cm² (1220×2440) × Rp 920,000',
    );
    expect(b.lines.find((l) => l.code === 'machine')!.formula).toBe('(60 s × 10 + 300 s overhead) ÷ 3600 × Rp 150,000/h (CO2 60 W)');
  });

  it('tops up to the minimum order before tax', () => {
    const b = computePrice(input({ quantity: 1, uniqueParts: 1, options: quoteOptionsSchema.parse({}) }), rules);
    // 3,554 + 15,000 + 15,000 + 25,000 = 58,554 → top-up 41,446
    expect(amounts(b)).toEqual({ material: 3_554, machine: 15_000, setup: 15_000, startup: 25_000, 'minimum-order': 41_446 });
    expect([b.subtotalIdr, b.taxIdr, b.totalIdr]).toEqual([100_000, 11_000, 111_000]);
  });

  it('area mode, 10 % break at 50 and a rush surcharge on the discounted sum (hand computed)', () => {
    const b = computePrice(input({
      quantity: 50, uniqueParts: 1,
      machine: { name: 'CO2', hourlyRateIdr: 150_000, timePerCopyS: 20, jobOverheadS: 300 },
      options: quoteOptionsSchema.parse({ rush: true }),
    }), { ...rules, materialMode: 'area' });
    // material: 7,500 × 50 × 1.15 × 920,000 ÷ 2,976,800 = 133,280.70 → 133,281
    // machine: 1,300 s ÷ 3600 × 150,000 = 54,166.67 → 54,167; discount −10 % × 187,448 = −18,744.8 → −18,745
    // rush: 25 % × 208,703 = 52,175.75 → 52,176
    expect(amounts(b)).toEqual({
      material: 133_281, machine: 54_167, setup: 15_000, startup: 25_000, 'quantity-discount': -18_745, rush: 52_176,
    });
    expect([b.subtotalIdr, b.taxIdr, b.totalIdr]).toEqual([260_879, 28_697, 289_576]);
  });

  it('charges whole nested sheets, bends and engraving', () => {
    const b = computePrice(input({
      material: { ...input().material, nestedSheets: 2 },
      options: quoteOptionsSchema.parse({ bends: 2, engravingCm2: 12.5, edgePolish: true }),
    }), rules);
    expect(amounts(b).material).toBe(1_840_000);
    expect(amounts(b).bending).toBe(150_000); // 2 × 10 × 7,500
    expect(amounts(b).engraving).toBe(18_750); // 12.5 × 10 × 150
    expect(amounts(b)['edge-polish']).toBe(60_000); // 0.4 × 10 × 15,000
  });

  it('rounds lines to the configured unit and converts to another currency', () => {
    const b = computePrice(input({ currency: 'USD' }), { ...rules, roundToIdr: 100 });
    expect(amounts(b).material).toBe(35_500);
    expect(b.rate).toBe(16_500);
    expect(b.total).toBe(Math.round((b.totalIdr / 16_500) * 100) / 100);
    expect(b.lines[0].amount).toBe(2.15); // 35,500 ÷ 16,500 = 2.1515
  });

  it('writes Indonesian labels and number formats', () => {
    const b = computePrice(input({ lang: 'id' }), rules);
    expect(b.lines[0].label).toBe('Bahan');
    expect(b.lines[0].formula).toContain('29.768 cm²');
    expect(b.lines[0].formula).toContain('Rp 920.000');
    expect(taxCaption(b, 'id')).toBe('PPN 11 %');
  });

  it('rejects impossible input with a clear message', () => {
    expect(() => computePrice(input({ quantity: 0 }), rules)).toThrow(new PricingError('quantity must be a whole number ≥ 1, got 0'));
    expect(() => computePrice(input({ quantity: -3 }), rules)).toThrow(/quantity/);
    expect(() => computePrice(input({ quantity: 1.5 }), rules)).toThrow(/quantity/);
    expect(() => computePrice(input({ currency: 'JPY' }), rules)).toThrow('no exchange rate for JPY (known: IDR, USD)');
    expect(() => computePrice(input({ machine: { ...input().machine, timePerCopyS: NaN } }), rules)).toThrow(/machine time/);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(computePrice(input(), rules))).toBe(JSON.stringify(computePrice(input(), rules)));
  });
});

describe('format', () => {
  it('groups thousands per language and rounds half up', () => {
    expect(formatNumber(1234567.891, 'en', 2)).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'id', 2)).toBe('1.234.567,89');
    expect(formatNumber(2.5, 'en', 0)).toBe('3');
    expect(formatNumber(-4852.5, 'en', 0)).toBe('-4,853');
    expect(formatMoney(163381, 'IDR', 'id')).toBe('Rp 163.381');
    expect(formatMoney(9.9, 'USD', 'en')).toBe('USD 9.90');
  });
});
