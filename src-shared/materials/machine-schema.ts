// A machine profile: the GRBL settings the time model needs (kept under their `$N` names, as the user reads them
// in a `$$` dump), the bed, the laser, and what an hour of the machine costs. `toGrblSettings` turns the profile
// into the planner's GrblSettings.
import { z } from 'zod';
import { GRBL_DEFAULT_SETTINGS, type GrblSettings } from '../planner/settings';

const positive = z.number().finite().positive();

export const grblProfileSettingsSchema = z.object({
  $1: z.number().int().min(0).max(255),
  $11: positive.max(10),
  $12: positive.max(10),
  $30: positive.max(100_000),
  $31: z.number().finite().nonnegative().max(100_000),
  $32: z.union([z.literal(0), z.literal(1)]),
  $100: positive.max(100_000).default(80),
  $101: positive.max(100_000).default(80),
  $102: positive.max(100_000).default(80),
  $110: positive.max(1_000_000),
  $111: positive.max(1_000_000),
  $112: positive.max(1_000_000),
  $120: positive.max(1_000_000),
  $121: positive.max(1_000_000),
  $122: positive.max(1_000_000),
}).refine((g) => g.$30 > g.$31, { message: '$30 (max spindle/laser S) must be greater than $31', path: ['$30'] });
export type GrblProfileSettings = z.infer<typeof grblProfileSettingsSchema>;

export const machineKinds = ['co2', 'diode', 'fiber'] as const;

export const machineProfileSchema = z.object({
  id: z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" or "-"'),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(machineKinds),
  laserPowerW: positive.max(10_000),
  bedMm: z.object({ x: positive.max(10_000), y: positive.max(10_000) }),
  /** Thickest acrylic this machine cuts through in a reasonable number of passes. */
  maxCutThicknessMm: positive.max(100),
  grbl: grblProfileSettingsSchema,
  /** Fixed time per job: loading the sheet, focusing, framing, unloading, s. */
  jobOverheadS: z.number().finite().nonnegative().max(36_000),
  /** What one hour of machine time costs the shop (operator, power, tube wear, depreciation), whole rupiah. */
  hourlyRateIdr: z.number().int().nonnegative(),
  notes: z.string().max(2000).default(''),
});
export type MachineProfile = z.infer<typeof machineProfileSchema>;
export type MachineProfileInput = z.input<typeof machineProfileSchema>;

/** The planner's settings from a profile (settings the profile does not carry keep the firmware defaults). */
export function toGrblSettings(g: GrblProfileSettings): GrblSettings {
  return {
    ...GRBL_DEFAULT_SETTINGS,
    stepIdleDelayMs: g.$1,
    junctionDeviationMm: g.$11,
    arcToleranceMm: g.$12,
    spindleMax: g.$30,
    spindleMin: g.$31,
    laserMode: g.$32 === 1,
    stepsPerMm: [g.$100, g.$101, g.$102],
    maxRateMmPerMin: [g.$110, g.$111, g.$112],
    accelerationMmPerS2: [g.$120, g.$121, g.$122],
  };
}

/** The profile form of planner settings (inverse of toGrblSettings). */
export function fromGrblSettings(s: GrblSettings): GrblProfileSettings {
  return {
    $1: s.stepIdleDelayMs,
    $11: s.junctionDeviationMm,
    $12: s.arcToleranceMm,
    $30: s.spindleMax,
    $31: s.spindleMin,
    $32: s.laserMode ? 1 : 0,
    $100: s.stepsPerMm[0],
    $101: s.stepsPerMm[1],
    $102: s.stepsPerMm[2],
    $110: s.maxRateMmPerMin[0],
    $111: s.maxRateMmPerMin[1],
    $112: s.maxRateMmPerMin[2],
    $120: s.accelerationMmPerS2[0],
    $121: s.accelerationMmPerS2[1],
    $122: s.accelerationMmPerS2[2],
  };
}
