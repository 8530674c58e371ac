// The material library's data model: one record per sheet product family (e.g. cast clear acrylic), with one
// variant per thickness carrying what the estimator, the pricing rules and the toolpath need: sheet sizes and
// prices (IDR), kerf, laser presets per operation, pierce time and the smallest hole / feature that cuts cleanly.
// Zod schemas validate the seed files, edits from the UI and rows read back from SQLite.
import { z } from 'zod';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();
const idText = z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" or "-"');

/** A laser setting for one operation on one thickness, at the material's reference laser power. */
export const laserPresetSchema = z.object({
  /** Feed, mm/min. */
  speedMmPerMin: positive.max(200_000),
  /** Laser power, % of $30. */
  powerPct: z.number().finite().min(0).max(100),
  passes: z.number().int().min(1).max(50),
  airAssist: z.boolean(),
});
export type LaserPreset = z.infer<typeof laserPresetSchema>;

/** Fill (raster) engraving: a preset plus the scan line pitch and the overscan past each line's end. */
export const engravePresetSchema = laserPresetSchema.extend({
  linePitchMm: positive.max(5),
  overscanMm: nonNegative.max(50),
});
export type EngravePreset = z.infer<typeof engravePresetSchema>;

export const sheetSchema = z.object({
  id: idText,
  widthMm: positive.max(10_000),
  heightMm: positive.max(10_000),
  /** Price of one sheet, whole rupiah. */
  priceIdr: z.number().int().nonnegative(),
  /** A leftover piece kept in stock rather than a full sheet from the supplier. */
  offcut: z.boolean().default(false),
});
export type MaterialSheet = z.infer<typeof sheetSchema>;

export const thicknessVariantSchema = z.object({
  thicknessMm: positive.max(100),
  /** Width of the cut, mm (the toolpath offsets by half of it). */
  kerfMm: nonNegative.max(5),
  /** Time the beam dwells to pierce before moving, s. */
  pierceTimeS: nonNegative.max(60),
  /** Smallest hole diameter that cuts cleanly (acrylic: about the thickness). */
  minHoleMm: nonNegative.max(100),
  /** Smallest web or tab width that survives cutting. */
  minFeatureMm: nonNegative.max(100),
  sheets: z.array(sheetSchema).min(1).max(50),
  presets: z.object({
    cut: laserPresetSchema,
    score: laserPresetSchema,
    engrave: engravePresetSchema,
  }),
});
export type ThicknessVariant = z.infer<typeof thicknessVariantSchema>;

export const materialKinds = ['cast', 'extruded'] as const;
export const materialFinishes = ['clear', 'colour', 'mirror', 'frosted'] as const;

export const materialSchema = z
  .object({
    id: idText,
    name: z.string().trim().min(1).max(200),
    /** Indonesian name shown when the UI or a quote is in Indonesian. */
    nameId: z.string().trim().min(1).max(200),
    kind: z.enum(materialKinds),
    finish: z.enum(materialFinishes),
    /** Colours this product comes in (for clear: ["clear"]). */
    colours: z.array(z.string().trim().min(1).max(60)).min(1).max(100),
    /** Lets the beam through: a diode laser (445 nm) cannot cut it. */
    transparent: z.boolean(),
    densityGPerCm3: positive.max(25),
    /** The laser power (W) the presets were set on; other machines scale speeds by their power. */
    presetReferenceW: positive.max(10_000),
    thicknesses: z.array(thicknessVariantSchema).min(1).max(50),
    notes: z.string().max(2000).default(''),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<number>();
    m.thicknesses.forEach((t, i) => {
      if (seen.has(t.thicknessMm)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['thicknesses', i, 'thicknessMm'], message: `thickness ${t.thicknessMm} mm is listed twice` });
      }
      seen.add(t.thicknessMm);
      const ids = new Set<string>();
      t.sheets.forEach((s, j) => {
        if (ids.has(s.id)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['thicknesses', i, 'sheets', j, 'id'], message: `sheet id "${s.id}" is listed twice` });
        }
        ids.add(s.id);
      });
    });
  });
export type Material = z.infer<typeof materialSchema>;
export type MaterialInput = z.input<typeof materialSchema>;
