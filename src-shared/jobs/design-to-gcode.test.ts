import { describe, expect, it } from 'vitest';
import { loadSeedMachines, loadSeedMaterials } from '../../src-main/quote/seeds';
import { circlePath, rectanglePath } from '../editor/shapes';
import type { LayerInfo } from '../geometry/types';
import { designToGcode, DesignGcodeError } from './design-to-gcode';

const materials = loadSeedMaterials();
const machines = loadSeedMachines();
const clear = materials.find((m) => m.id === 'acrylic-cast-clear')!;
const co2 = machines.find((m) => m.kind === 'co2')!;
const diode = machines.find((m) => m.kind === 'diode')!;
const layers: LayerInfo[] = [
  { name: 'CUT', operation: 'cut', visible: true, locked: false },
  { name: 'HIDDEN', operation: 'cut', visible: false, locked: false },
];
const paths = [
  rectanglePath({ id: 'outer', layer: 'CUT', x: 0, y: 0, width: 100, height: 60 }),
  circlePath({ id: 'hole', layer: 'CUT', cx: 50, cy: 30, radius: 10 }),
  circlePath({ id: 'hidden', layer: 'HIDDEN', cx: 500, cy: 500, radius: 10 }),
];

describe('design → G-code', () => {
  it('cuts the hole before the outline, laser off on travels, every line within GRBL limits', () => {
    const out = designToGcode({ jobId: 'plate', paths, layers, material: clear, machine: co2, thicknessMm: 3 });
    expect(out.program.runs.map((r) => r.sourceId)).toHaveLength(2);
    const cutMoves = out.lines.filter((l) => /^G[123]\b/.test(l));
    const firstArc = out.lines.findIndex((l) => /^G[23]\b/.test(l));
    const lastLine = out.lines.map((l, i) => (/^G1\b/.test(l) ? i : -1)).filter((i) => i >= 0).pop()!;
    expect(firstArc).toBeLessThan(lastLine);
    expect(cutMoves.length).toBeGreaterThan(4);
    expect(out.lines.every((l) => l.length <= 80)).toBe(true);
    expect(out.text).not.toMatch(/X5\d\d/); // the hidden layer's circle at x=500 is not cut
    expect(out.estimate.timeS).toBeGreaterThan(0);
    expect(out.kerfMm).toBeGreaterThan(0);
  });

  it('refuses a diode laser on clear acrylic and an empty design, with clear messages', () => {
    expect(() => designToGcode({ jobId: 'x', paths, layers, material: clear, machine: diode })).toThrow(/diode.*transparent/);
    expect(() => designToGcode({ jobId: 'x', paths: [paths[2]], layers, material: clear, machine: co2 })).toThrow(DesignGcodeError);
  });

  it('is deterministic', () => {
    const a = designToGcode({ jobId: 'p', paths, layers, material: clear, machine: co2 });
    const b = designToGcode({ jobId: 'p', paths, layers, material: clear, machine: co2 });
    expect(a.text).toBe(b.text);
  });
});
