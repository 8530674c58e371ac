// `acrylichub estimate` and `acrylichub gcode` run in-process on real files, with a private data folder for
// the library (seeded from resources/ on first use).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { estimateGcode } from '../../../src-shared/planner/estimate';
import { parseGrblSettings } from '../../../src-shared/planner/settings';
import { runCli } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'ah-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runCli(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const program = 'G21 G90\nM4 S800\nG0 X10 Y10\nG1 X60 F1500\nG2 X60 Y10 I-10 J0\nG4 P0.5\nM5\nM2\n';
const file = join(dir, 'job.gcode');
writeFileSync(file, program);
const grbl = '$110=6000,$111=6000,$120=800,$121=800,$32=1';

describe('acrylichub estimate', () => {
  it('prints the planner estimate as JSON', async () => {
    const r = await cli('estimate', file, '--grbl', grbl, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const direct = estimateGcode(program, parseGrblSettings(grbl));
    expect(json).toMatchObject({ lines: 8, timeS: direct.timeS, cutTimeS: direct.cutTimeS, travelTimeS: direct.travelTimeS, distanceMm: direct.distanceMm });
    expect(json.dwellTimeS).toBeCloseTo(0.5, 12);
    expect(json.lineEndS).toBeUndefined();
    const perLine = JSON.parse((await cli('estimate', file, '--grbl', grbl, '--json', '--per-line')).out);
    expect(perLine.lineEndS).toHaveLength(8);
    expect(perLine.lineEndS[7]).toBeCloseTo(direct.timeS, 3);
  });

  it('reads the machine from the library', async () => {
    const r = await cli('estimate', file, '--machine', 'co2-60w-1300x900', '--data', dir, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).timeS).toBeGreaterThan(0);
  });

  it('fails with one line on bad input', async () => {
    const bad = join(dir, 'bad.gcode');
    writeFileSync(bad, 'G1 X1 F100\nG1 X2 Q5\n');
    const cases: [string[], RegExp][] = [
      [['estimate', file], /give the machine/],
      [['estimate', join(dir, 'missing.gcode'), '--grbl', grbl], /no such file/],
      [['estimate', bad, '--grbl', grbl], /bad\.gcode:2: error:20 unsupported command Q5/],
      [['estimate', file, '--grbl', '$110=-5'], /--grbl: \$110 must be a positive number/],
      [['estimate', file, '--machine', 'nope', '--data', dir], /unknown machine "nope"/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(msg);
    }
  });
});

describe('acrylichub gcode', () => {
  it('writes GRBL laser G-code for a DXF fixture with the estimate in the header', async () => {
    const out = join(dir, 'plate.gcode');
    const fixture = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'dxf', 'vzbot_back_acrylic_panel_inkscape.dxf');
    const r = await cli('gcode', fixture, '--material', 'acrylic-cast-clear', '--machine', 'co2-60w-1300x900', '-o', out, '--data', dir, '--json');
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^; AcrylicHub Pro job vzbot_back_acrylic_panel_inkscape\.dxf/);
    expect(text).toMatch(/; estimate \d+m\d\ds/);
    expect(text.trimEnd().split('\n').every((l) => l.length <= 80)).toBe(true);
    const again = estimateGcode(text, parseGrblSettings('$1=255,$11=0.01,$12=0.002,$30=1000,$32=1,$100=80,$101=80,$110=24000,$111=24000,$112=1000,$120=2500,$121=2500,$122=50'));
    expect(again.errorCount).toBe(0);
    expect(summary.timeS).toBeCloseTo(again.timeS, 9);
    expect(summary.kerfMm).toBeGreaterThan(0);
  });

  it('rejects an unknown material or format in one line', async () => {
    const r = await cli('gcode', file, '--material', 'nope', '--machine', 'co2-60w-1300x900', '-o', join(dir, 'x.gcode'), '--data', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown material "nope"/);
    const fmt = await cli('gcode', file, '--material', 'acrylic-cast-clear', '--machine', 'co2-60w-1300x900', '-o', join(dir, 'x.gcode'), '--data', dir);
    expect(fmt.code).toBe(1);
    expect(fmt.err).toMatch(/unsupported design format ".gcode"/);
  });
});
