// One design (or a nested sheet of designs) → GRBL laser G-code with its time estimate, for a material and a
// machine from the library: thickness variant and its kerf/pierce time, presets adapted to the machine's power,
// contours and parts, the toolpath (kerf compensation, inner-before-outer, short travels) and the emitted
// program. Shared by the `gcode` CLI command and the app's cutting jobs so both produce the same file.
import { buildContours } from '../geometry/contours';
import type { Finding, LayerInfo, Operation, Path } from '../geometry/types';
import { toGrblSettings, type MachineProfile } from '../materials/machine-schema';
import type { Material } from '../materials/material-schema';
import { presetsForMachine, selectThickness } from '../materials/select';
import { buildToolpath, emitGcode, type EmittedGcode, type ToolpathProgram } from '../toolpath/index';
import type { GrblSettings } from '../planner/settings';

export interface DesignGcodeInput {
  jobId: string;
  paths: Path[];
  layers: LayerInfo[];
  material: Material;
  machine: MachineProfile;
  thicknessMm?: number;
  /** Planner settings; default: the machine profile's GRBL settings. */
  settings?: GrblSettings;
  kerfMm?: number;
  leadInMm?: number;
  tabs?: { count: number; widthMm: number };
  startPoint?: 'nearest' | 'corner';
  lineNumbers?: boolean;
  /** Dwell the material's pierce time before each cut (default true). */
  pierce?: boolean;
}

export interface DesignGcode extends EmittedGcode {
  program: ToolpathProgram;
  kerfMm: number;
  thicknessMm: number;
  warnings: Finding[];
}

export class DesignGcodeError extends Error {}

/** Operation per layer: hidden or `ignore` layers are skipped, layers without an entry are cut. */
export function layerOperations(paths: readonly Path[], layers: readonly LayerInfo[]): Record<string, Operation> {
  const ops: Record<string, Operation> = {};
  for (const l of layers) ops[l.name] = l.visible ? l.operation : 'ignore';
  for (const p of paths) if (!(p.layer in ops)) ops[p.layer] = 'cut';
  return ops;
}

export function designToGcode(input: DesignGcodeInput): DesignGcode {
  const { material, machine } = input;
  if (machine.kind === 'diode' && material.transparent) {
    throw new DesignGcodeError(`${machine.name} (diode) cannot cut ${material.name}: the beam passes through transparent acrylic`);
  }
  const variant = selectThickness(material, input.thicknessMm);
  const presets = presetsForMachine(material, variant, machine);
  const kerfMm = input.kerfMm ?? variant.kerfMm;
  const ops = layerOperations(input.paths, input.layers);
  const active = input.paths.filter((p) => ops[p.layer] !== 'ignore');
  const { contours, parts, findings } = buildContours(active);
  const program = buildToolpath(
    { parts, contours, fills: active.filter((p) => p.fill), layerOps: ops, settings: presets },
    { kerfMm, leadInMm: input.leadInMm ?? 0, tabs: input.tabs, startPoint: input.startPoint ?? 'nearest' },
  );
  if (program.runs.length === 0) throw new DesignGcodeError('Nothing to cut, score or engrave: no geometry on an active layer');
  const out = emitGcode(program, {
    settings: input.settings ?? toGrblSettings(machine.grbl),
    jobId: input.jobId,
    material: `${material.name} ${variant.thicknessMm} mm`,
    machine: machine.name,
    lineNumbers: input.lineNumbers,
    pierceS: input.pierce === false ? 0 : variant.pierceTimeS,
  });
  const warnings = [...findings, ...program.findings].filter((f) => f.severity !== 'info');
  return { ...out, program, kerfMm, thicknessMm: variant.thicknessMm, warnings };
}
