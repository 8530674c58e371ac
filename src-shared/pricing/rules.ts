// The shop's editable pricing rules (stored as a setting, edited in Settings). All money is whole rupiah; other
// currencies are shown by a configurable rate (IDR per unit). Defaults are seed values for a small Indonesian
// acrylic shop, meant to be edited.
import { z } from 'zod';

const idr = z.number().int().nonnegative();
const pct = z.number().finite().min(0).max(100);

export const quantityBreakSchema = z.object({
  minQty: z.number().int().min(2),
  discountPct: z.number().finite().min(0).max(90),
});

export const pricingRulesSchema = z.object({
  /**
   * `sheet-share`: the share of the sheet the parts' bounding boxes (plus spacing) take, times the waste factor,
   * at the sheet price. `area`: the parts' net area times the waste factor at the sheet's price per mm².
   * A nest result, when given, overrides both: whole sheets used × sheet price.
   */
  materialMode: z.enum(['sheet-share', 'area']).default('sheet-share'),
  wasteFactor: z.number().finite().min(1).max(5).default(1.15),
  /** Replaces the machine profile's hourly rate when set. */
  machineRateIdrPerHour: idr.optional(),
  setupPerUniquePartIdr: idr.default(15_000),
  startupPerMaterialIdr: idr.default(25_000),
  minimumOrderIdr: idr.default(100_000),
  quantityBreaks: z.array(quantityBreakSchema).max(20).default([
    { minQty: 10, discountPct: 5 },
    { minQty: 50, discountPct: 10 },
    { minQty: 200, discountPct: 15 },
  ]),
  finishing: z.object({
    flamePolishPerMeterIdr: idr.default(6_000),
    edgePolishPerMeterIdr: idr.default(15_000),
    bendingPerBendIdr: idr.default(7_500),
    engravingPerCm2Idr: idr.default(150),
  }).default({}),
  rushSurchargePct: pct.default(25),
  taxRatePct: pct.default(11),
  taxLabel: z.string().trim().min(1).max(20).default('PPN'),
  /** Lines are rounded half-up to this many rupiah (1 = to the rupiah). */
  roundToIdr: z.number().int().min(1).max(100_000).default(1),
  /** IDR per unit of another currency (seed rates; edit them). */
  exchangeRates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().finite().positive()).default({ USD: 16_500, SGD: 12_700, EUR: 18_000, MYR: 3_700 }),
  /** Days a quote stays valid. */
  validityDays: z.number().int().min(1).max(365).default(14),
});
export type PricingRules = z.infer<typeof pricingRulesSchema>;
export type PricingRulesInput = z.input<typeof pricingRulesSchema>;

export const defaultPricingRules: PricingRules = pricingRulesSchema.parse({});

/** Finishing and service options a customer picks for a quote. */
export const quoteOptionsSchema = z.object({
  flamePolish: z.boolean().default(false),
  edgePolish: z.boolean().default(false),
  /** Bends per piece (line bending on a heated wire). */
  bends: z.number().int().min(0).max(100).default(0),
  /** Engraving added as a service (logo, text) in cm² per piece, on top of what the design engraves. */
  engravingCm2: z.number().finite().min(0).max(1_000_000).default(0),
  rush: z.boolean().default(false),
});
export type QuoteOptions = z.infer<typeof quoteOptionsSchema>;
