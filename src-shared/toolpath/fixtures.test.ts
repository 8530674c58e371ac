// Real drawings from test/fixtures/dxf through import → contours → toolpath → G-code → estimate: the output is
// valid GRBL (no error lines, ≤ 80 characters), lasers off on travel, holes before the outline that holds
// them, and identical input gives identical output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDxf } from '../dxf/import-dxf';
import { allParts, buildContours } from '../geometry/contours';
import { GcodeInterpreter } from '../gcode/interpreter';
import { parseGrblSettings } from '../planner/settings';
import { buildToolpath } from './build';
import { emitGcode } from './emit-gcode';

const settings = parseGrblSettings('$1=255,$11=0.01,$12=0.002,$30=1000,$32=1,$100=80,$101=80,$110=24000,$111=24000,$120=2500,$121=2500');
const cut = { speedMmPerMin: 1200, powerPct: 60, passes: 1, airAssist: true };
const presets = { cut, score: { ...cut, speedMmPerMin: 6000, powerPct: 15 }, engrave: { ...cut, speedMmPerMin: 12000, powerPct: 20, linePitchMm: 0.2, overscanMm: 2 } };

function generate(name: string) {
  const design = importDxf(new Uint8Array(readFileSync(new URL(`../../test/fixtures/dxf/${name}`, import.meta.url))));
  const { contours, parts } = buildContours(design.paths);
  const layerOps = Object.fromEntries([...new Set(design.paths.map((p) => p.layer))].map((l) => [l, 'cut' as const]));
  const program = buildToolpath({ parts, contours, layerOps, settings: presets }, { kerfMm: 0.15, leadInMm: 0.5 });
  return { parts, program, out: emitGcode(program, { settings, jobId: name, material: 'cast 3 mm', machine: 'test', pierceS: 0.1 }) };
}

describe.each(['discipline_plate_acad.dxf', 'crkbd_corne_acrylic_top-bottom.dxf', 'vzbot_back_acrylic_panel_inkscape.dxf'])('%s', (name) => {
  const { parts, program, out } = generate(name);

  it('is valid GRBL: no error, every line ≤ 80 chars', () => {
    expect(program.runs.length).toBeGreaterThan(0);
    expect(out.estimate.errorCount).toBe(0);
    expect(out.lines.every((l) => l.length <= 80)).toBe(true);
    expect(out.estimate.timeS).toBeGreaterThan(out.estimate.naiveTimeS);
  });

  it('fires nothing on G0', () => {
    let rapids = 0;
    const it = new GcodeInterpreter(
      {
        line: (_t, m) => {
          if (m.rapid) {
            rapids++;
            expect(m.cut).toBe(false);
            expect(m.power).toBe(0);
          }
          return true;
        },
        arc: () => undefined,
        sync: () => undefined,
        dwell: () => undefined,
        lineDone: () => undefined,
      },
      { laserMode: true },
    );
    out.lines.forEach((l, i) => it.executeLine(l, i));
    expect(rapids).toBeGreaterThan(0);
  });

  it('cuts every hole before the outline around it', () => {
    const pos = new Map<string, number>();
    program.runs.forEach((r, i) => pos.set(r.sourceId, Math.max(pos.get(r.sourceId) ?? -1, i)));
    const first = new Map<string, number>();
    program.runs.forEach((r, i) => first.has(r.sourceId) || first.set(r.sourceId, i));
    for (const part of allParts(parts)) {
      const outerAt = first.get(part.outer.id);
      if (outerAt === undefined) continue;
      for (const h of part.holes) if (pos.has(h.id)) expect(pos.get(h.id)!).toBeLessThan(outerAt);
    }
  });

  it('is deterministic', () => {
    expect(generate(name).out.text).toBe(out.text);
  });
});
