// Picks what a quote or a toolpath uses from the libraries: the thickness variant of a material, and the laser
// presets adapted to a machine (speeds scale with laser power relative to the power the presets were made on,
// capped by the machine's maximum rate).
import type { MachineProfile } from './machine-schema';
import type { EngravePreset, LaserPreset, Material, ThicknessVariant } from './material-schema';

export class MaterialSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaterialSelectionError';
  }
}

/** Thickness used when neither the user nor the design names one. */
export const DEFAULT_THICKNESS_MM = 3;

/**
 * The variant of `material` at `thicknessMm` (within 0.01 mm). Without a thickness: 3 mm when the material has it,
 * else its thinnest.
 */
export function selectThickness(material: Material, thicknessMm?: number): ThicknessVariant {
  if (thicknessMm === undefined) {
    return material.thicknesses.find((t) => t.thicknessMm === DEFAULT_THICKNESS_MM)
      ?? [...material.thicknesses].sort((a, b) => a.thicknessMm - b.thicknessMm)[0];
  }
  const found = material.thicknesses.find((t) => Math.abs(t.thicknessMm - thicknessMm) < 0.01);
  if (!found) {
    const list = material.thicknesses.map((t) => t.thicknessMm).sort((a, b) => a - b).join(', ');
    throw new MaterialSelectionError(`material "${material.id}" has no ${thicknessMm} mm thickness (available: ${list} mm) / ketebalan ${thicknessMm} mm tidak tersedia`);
  }
  return found;
}

export interface MachinePresets {
  cut: LaserPreset;
  score: LaserPreset;
  engrave: EngravePreset;
  /** Speed factor applied to the material's presets (machine power / reference power, capped). */
  speedFactor: number;
}

function scale<P extends LaserPreset>(p: P, factor: number, maxRate: number): P {
  return { ...p, speedMmPerMin: Math.min(maxRate, Math.round(p.speedMmPerMin * factor)) };
}

/** The variant's presets on this machine. More power cuts faster, up to twice the reference speed. */
export function presetsForMachine(material: Material, variant: ThicknessVariant, machine: MachineProfile): MachinePresets {
  const factor = Math.min(2, machine.laserPowerW / material.presetReferenceW);
  const maxRate = Math.min(machine.grbl.$110, machine.grbl.$111);
  return {
    cut: scale(variant.presets.cut, factor, maxRate),
    score: scale(variant.presets.score, factor, maxRate),
    engrave: scale(variant.presets.engrave, factor, maxRate),
    speedFactor: factor,
  };
}
