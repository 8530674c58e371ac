// Channels of the quoting area: the material and machine-profile libraries (list/get/save, `$$` import; named
// machineProfiles.* because machines.* are the connected lasers of the machines area), the pricing
// rules, live quotes (quote.compute: nothing saved, fast enough to run on every change in the quote panel),
// saved quotes with their numbers and the PDF quote document.
import { z } from 'zod';
import type { QuoteComputation } from '../../estimate/quote-engine';
import { grblProfileSettingsSchema, machineProfileSchema } from '../../materials/machine-schema';
import { materialSchema, sheetSchema } from '../../materials/material-schema';
import { pricingRulesSchema, quoteOptionsSchema } from '../../pricing/rules';
import { channel } from '../define';
import { findingSchema, layerSchema, pathSchema } from '../geometry-schemas';

const idInput = z.object({ id: z.string().min(1).max(100) }).strict();

/** The design to quote: one from the design library, or geometry given inline (an import not saved yet). */
export const quoteDesignSchema = z.union([
  z.object({ designId: z.string().uuid(), revision: z.number().int().positive().optional() }).strict(),
  z.object({
    name: z.string().trim().min(1).max(200),
    paths: z.array(pathSchema).max(500_000),
    layers: z.array(layerSchema).max(10_000),
    findings: z.array(findingSchema).default([]),
    /** Stable key of this geometry (e.g. the import's file hash) so re-quotes reuse its analysis. */
    key: z.string().max(200).optional(),
  }).strict(),
]);

export const quoteRequestSchema = z.object({
  design: quoteDesignSchema,
  materialId: z.string().min(1).max(100),
  thicknessMm: z.number().positive().max(100).optional(),
  /** Default: the setting defaultMachineId, else the first machine of the library. */
  machineId: z.string().min(1).max(100).optional(),
  quantity: z.number().int().min(1).max(1_000_000),
  options: quoteOptionsSchema.default({}),
  currency: z.string().regex(/^[A-Z]{3}$/).default('IDR'),
  lang: z.enum(['en', 'id']).default('en'),
  /** Sheets used by a nest of the whole order (nested material mode). */
  nest: z.object({ sheetId: z.string().max(100).optional(), sheets: z.number().int().min(0) }).strict().optional(),
}).strict();
export type QuoteRequestInput = z.input<typeof quoteRequestSchema>;
export type QuoteRequestData = z.output<typeof quoteRequestSchema>;

export const quoteSaveSchema = quoteRequestSchema.extend({
  customerName: z.string().trim().max(200).default(''),
  /** Overrides the pricing rules' validity period. */
  validityDays: z.number().int().min(1).max(365).optional(),
}).strict();
export type QuoteSaveInput = z.input<typeof quoteSaveSchema>;
export type QuoteSaveData = z.output<typeof quoteSaveSchema>;

const vec2 = z.object({ x: z.number(), y: z.number() });
const priceLineSchema = z.object({
  code: z.enum(['material', 'machine', 'setup', 'startup', 'flame-polish', 'edge-polish', 'bending', 'engraving', 'quantity-discount', 'rush', 'minimum-order']),
  label: z.string(),
  formula: z.string(),
  amountIdr: z.number().int(),
  amount: z.number(),
});

export const quoteComputationSchema = z.object({
  parts: z.number().int(),
  uniqueParts: z.number().int(),
  quantity: z.number().int(),
  material: z.object({ id: z.string(), name: z.string(), thicknessMm: z.number(), kerfMm: z.number(), sheetId: z.string() }),
  machine: z.object({ id: z.string(), name: z.string() }),
  cutLengthMm: z.number(),
  scoreLengthMm: z.number(),
  pierces: z.number().int(),
  engraveAreaMm2: z.number(),
  travelMm: z.number(),
  machineTimeS: z.number(),
  time: z.object({
    model: z.string(),
    perCopyS: z.number(),
    cutS: z.number(),
    travelS: z.number(),
    dwellS: z.number(),
    idleDelayS: z.number(),
    engraveS: z.number(),
    overheadS: z.number(),
    jobS: z.number(),
    naivePerCopyS: z.number(),
  }),
  materialUse: z.object({
    mode: z.enum(['bbox', 'nested']),
    sheet: sheetSchema,
    sheets: z.number().int(),
    sheetShare: z.number(),
    spacingMm: z.number(),
    usedAreaMm2PerCopy: z.number(),
    netAreaMm2PerCopy: z.number(),
    materialAreaMm2: z.number(),
    massKg: z.number(),
  }),
  materialAreaMm2: z.number(),
  sheets: z.number().int(),
  complexity: z.object({
    score: z.number(),
    difficulty: z.enum(['simple', 'moderate', 'complex', 'very-complex']),
    difficultyLabel: z.string(),
    factors: z.array(z.object({
      code: z.enum(['vertex-density', 'loop-density', 'feature-vs-kerf', 'text', 'curves']),
      label: z.string(),
      value: z.number(),
      unit: z.string(),
      points: z.number(),
      weight: z.number(),
    })),
  }),
  price: z.object({
    currency: z.string(),
    rate: z.number(),
    quantity: z.number().int(),
    lines: z.array(priceLineSchema),
    subtotalIdr: z.number().int(),
    taxIdr: z.number().int(),
    totalIdr: z.number().int(),
    subtotal: z.number(),
    tax: z.number(),
    total: z.number(),
    unitPrice: z.number(),
    taxLabel: z.string(),
    taxRatePct: z.number(),
    discountPct: z.number(),
  }),
  warnings: z.array(findingSchema.extend({ at: vec2.optional() })),
  manualReview: z.boolean(),
  reviewReasons: z.array(z.string()),
}) satisfies z.ZodType<QuoteComputation, z.ZodTypeDef, unknown>;

export const savedQuoteSchema = z.object({
  id: z.string().uuid(),
  number: z.string(),
  customerName: z.string(),
  designName: z.string(),
  createdAt: z.string(),
  validUntil: z.string(),
  request: z.unknown(),
  result: quoteComputationSchema,
});
export type SavedQuote = z.infer<typeof savedQuoteSchema>;

export const quoteSummarySchema = z.object({
  id: z.string().uuid(),
  number: z.string(),
  customerName: z.string(),
  designName: z.string(),
  materialId: z.string(),
  quantity: z.number().int(),
  currency: z.string(),
  totalIdr: z.number().int(),
  manualReview: z.boolean(),
  validUntil: z.string(),
  createdAt: z.string(),
});
export type QuoteSummary = z.infer<typeof quoteSummarySchema>;

export const grblImportResultSchema = z.object({
  settings: grblProfileSettingsSchema,
  raw: z.record(z.string()),
  missing: z.array(z.string()),
  /** The machine after the import, when one was named and saved. */
  machine: machineProfileSchema.optional(),
});

export const quoteChannels = {
  'materials.list': channel({
    description: 'The material library (every material with its thicknesses, sheets, prices and presets).',
    input: z.object({}).strict(),
    output: z.array(materialSchema),
  }),
  'materials.get': channel({ description: 'One material.', input: idInput, output: materialSchema }),
  'materials.save': channel({
    description: 'Create or replace a material (validated); returns it as stored.',
    input: materialSchema,
    output: materialSchema,
  }),
  'machineProfiles.list': channel({
    description: 'The machine profiles (GRBL settings, bed, laser power, overhead, hourly rate).',
    input: z.object({}).strict(),
    output: z.array(machineProfileSchema),
  }),
  'machineProfiles.get': channel({ description: 'One machine profile.', input: idInput, output: machineProfileSchema }),
  'machineProfiles.save': channel({
    description: 'Create or replace a machine profile (validated); returns it as stored.',
    input: machineProfileSchema,
    output: machineProfileSchema,
  }),
  'machineProfiles.importGrbl': channel({
    description: 'Read a pasted $$ dump; with machineId, also store the settings in that machine profile.',
    input: z.object({ dump: z.string().min(1).max(100_000), machineId: z.string().min(1).max(100).optional() }).strict(),
    output: grblImportResultSchema,
  }),
  'pricing.get': channel({ description: 'The pricing rules.', input: z.object({}).strict(), output: pricingRulesSchema }),
  'pricing.save': channel({
    description: 'Replace the pricing rules (missing fields take their defaults); returns them as stored.',
    input: pricingRulesSchema,
    output: pricingRulesSchema,
  }),
  'quote.compute': channel({
    description: 'Live quote: estimate and price without saving. Re-quotes of the same design reuse its analysis.',
    input: quoteRequestSchema,
    output: quoteComputationSchema,
  }),
  'quote.save': channel({
    description: 'Compute and save a quote with all its inputs under a new number (all or nothing).',
    input: quoteSaveSchema,
    output: savedQuoteSchema,
  }),
  'quotes.list': channel({
    description: 'Saved quotes, newest first, optionally filtered by number, customer or design name.',
    input: z.object({ search: z.string().max(200).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(quoteSummarySchema),
  }),
  'quotes.get': channel({ description: 'One saved quote.', input: z.object({ id: z.string().uuid() }).strict(), output: savedQuoteSchema }),
  'quote.pdf': channel({
    description: 'The quote document as PDF: returned as base64, or written to `path` (a location the user chose).',
    input: z.object({
      id: z.string().uuid(),
      lang: z.enum(['en', 'id']).optional(),
      path: z.string().min(1).max(4096).optional(),
    }).strict(),
    output: z.object({ bytes: z.number().int(), base64: z.string().optional(), path: z.string().optional() }),
  }),
};
