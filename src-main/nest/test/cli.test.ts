// `acrylichub nest` as a user runs it (a real process through bin/acrylichub.mjs, real worker threads): ESICUP
// strip JSON, DXF parts on a sheet with a DXF written back (one layer per sheet), and one-line errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEsicup } from '../../../src-shared/nest/esicup';
import { verifyNest } from '../../../src-shared/nest/verify';
import { importDxf } from '../../../src-shared/dxf/import-dxf';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'acrylichub.mjs');
const fixture = (p: string) => join(root, 'test', 'fixtures', p);
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'nest', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('acrylichub nest', () => {
  it('solves an ESICUP instance in strip mode and prints the documented JSON', () => {
    const res = run(fixture('nesting/fu.json'), '--seconds', '1', '--json');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ instance: 'fu', stripHeight: 38.0038 });
    expect(out.placements).toHaveLength(12);
    expect(out.utilisation).toBeGreaterThan(0.6);
    const { job } = parseEsicup(JSON.parse(readFileSync(fixture('nesting/fu.json'), 'utf8')));
    const result = { sheets: [], utilisation: out.utilisation, placements: out.placements.map((p: object) => ({ ...p, sheet: 0 })), unplaced: [], offcut: null, strip: { height: out.stripHeight, length: out.length }, evaluations: 1, seconds: 1, seed: 1 };
    expect(verifyNest(job, result)).toEqual([]);
  }, 120_000);

  it('nests DXF parts on sheets and writes a DXF with one layer per sheet', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nest-')), 'out.dxf');
    const res = run(fixture('dxf/nanocad_DeepNestPort_4.dxf'), '--sheet', '200x180', '--sheets', '2', '--qty', '3', '--spacing', '2', '--seconds', '1', '-o', out, '--json');
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.sheets[0]).toMatchObject({ width: 200, height: 180 });
    expect(json.sheets.reduce((s: number, sh: { placements: unknown[] }) => s + sh.placements.length, 0) + json.unplaced.length).toBe(3);
    const dxf = readFileSync(out, 'utf8');
    expect(dxf).toMatch(/SHEET_1/);
    expect(dxf).toMatch(/LWPOLYLINE|POLYLINE/);
    // The part's arcs are written as arcs (bulges), not as the 1300-point polygon it is nested as.
    const back = importDxf(new TextEncoder().encode(dxf)).paths.filter((p) => p.layer.startsWith('SHEET_'));
    const arcs = back.flatMap((p) => p.segments).filter((s) => s.kind === 'arc').length;
    expect(arcs).toBeGreaterThan(0);
    expect(back.flatMap((p) => p.segments).length).toBeLessThan(1000 * json.sheets.reduce((s: number, sh: { placements: unknown[] }) => s + sh.placements.length, 0));
  }, 120_000);

  it('fails with one clear line on bad input', () => {
    const noSheet = run(fixture('dxf/nanocad_DeepNestPort_4.dxf'));
    expect(noSheet.status).toBe(1);
    expect(noSheet.stderr.trim()).toBe('acrylichub: --sheet WxH is required for DXF input (e.g. --sheet 1200x600)');
    const badSheet = run(fixture('dxf/nanocad_DeepNestPort_4.dxf'), '--sheet', '12by6');
    expect(badSheet.stderr.trim()).toBe('acrylichub: --sheet must look like 1200x600 (width x height in mm), got "12by6"');
  }, 120_000);
});
