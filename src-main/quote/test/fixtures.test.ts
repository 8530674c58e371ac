// Every DXF fixture (test/fixtures/dxf, real files from public repositories) goes through import → quote:
// it is priced, or — when it has nothing that would drop out as a part — refused with the clear message
// (BAD_INPUT) and never a crash; the same input gives byte-identical output; and the CLI prints the issue's
// JSON shape, saves the quote and writes a PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quoteSaveSchema } from '../../../src-shared/contract/channels/quote';
import { ContractError } from '../../../src-shared/contract/define';
import { analyzeDesign } from '../../../src-shared/estimate/analyze';
import { motionParamsOf } from '../../../src-shared/estimate/quote-engine';
import { fullReplan, maxRelativeDifference } from '../../../src-shared/estimate/test/full-replan';
import { GrblPlannerTimeModel, type MotionParams } from '../../../src-shared/estimate/time-model';
import type { Operation } from '../../../src-shared/geometry/types';
import { toGrblSettings } from '../../../src-shared/materials/machine-schema';
import { presetsForMachine, selectThickness } from '../../../src-shared/materials/select';
import { buildToolpath, emitGcode } from '../../../src-shared/toolpath/index';
import { ImportError, importFile } from '../../import/import-file';
import { openCliStore } from '../cli-store';
import type { ImportedDesign } from '../quote-service';

const root = join(import.meta.dirname, '../../..');
const dir = join(root, 'test/fixtures/dxf');
const files = readdirSync(dir).filter((f) => /\.dxf$/i.test(f)).sort();
const store = openCliStore();
const tmp = mkdtempSync(join(tmpdir(), 'ah-quote-it-'));
afterAll(() => {
  store.close();
  rmSync(tmp, { recursive: true, force: true });
});

function load(file: string): ImportedDesign | null {
  try {
    const r = importFile(file, new Uint8Array(readFileSync(join(dir, file))));
    return { input: { paths: r.paths, layers: r.layers, findings: r.findings, cutGeometry: { contours: r.contours, parts: r.parts } }, name: file };
  } catch (err) {
    if (err instanceof ImportError) return null; // the importer's own tests own these files
    throw err;
  }
}

const request = quoteSaveSchema.parse({
  design: { name: 'x', paths: [], layers: [] },
  materialId: 'acrylic-cast-clear',
  machineId: 'co2-100w-1300x2500',
  quantity: 3,
  options: { flamePolish: true },
});

describe('every DXF fixture', () => {
  it('has fixtures to test', () => expect(files.length).toBeGreaterThan(40));
  it.each(files)('%s quotes, or is refused with a clear message', (file) => {
    const design = load(file);
    if (!design) return;
    let q;
    try {
      q = store.quotes.compute(request, design);
    } catch (err) {
      expect(err).toBeInstanceOf(ContractError);
      expect((err as ContractError).code).toBe('BAD_INPUT');
      expect((err as ContractError).message).toMatch(/no closed contour on a cut layer|nothing on a cut layer/);
      return;
    }
    expect(q.parts).toBeGreaterThan(0);
    expect(Number.isFinite(q.machineTimeS) && q.machineTimeS > 0).toBe(true);
    expect(q.price.totalIdr).toBe(q.price.subtotalIdr + q.price.taxIdr);
    expect(q.price.totalIdr).toBeGreaterThan(0);
    expect(q.complexity.score).toBeGreaterThanOrEqual(0);
    expect(q.complexity.score).toBeLessThanOrEqual(100);
    // Identical input, fresh analysis and fresh planner run: identical output.
    const fresh = openCliStore();
    try {
      expect(JSON.stringify(fresh.quotes.compute(request, load(file)!))).toBe(JSON.stringify(q));
    } finally {
      fresh.close();
    }
  });
});

describe('machine time against the generated toolpath', () => {
  // The quote times its cached cutting order (fast enough to re-quote live); the toolpath generator's G-code
  // (kerf offsets, 2-opt order, M3/G4/M4 pierces) timed by the planner is the reference it must stay close to.
  it.each(['vzbot_back_acrylic_panel_inkscape.dxf', 'vzbot_Back_electronic_panel_inkscape.dxf', 'deepnest_TopsNest.dxf'])('%s within 3 %', (file) => {
    const design = load(file)!;
    const material = store.library.getMaterial('acrylic-cast-clear');
    const machine = store.library.getMachine('co2-60w-1300x900');
    const variant = selectThickness(material, 3);
    const presets = presetsForMachine(material, variant, machine);
    const settings = toGrblSettings(machine.grbl);
    const q = store.quotes.compute({ ...request, machineId: machine.id }, design);
    const a = analyzeDesign(design.input);
    const layerOps: Record<string, Operation> = {};
    for (const l of design.input.layers) layerOps[l.name] = l.visible ? l.operation : 'ignore';
    for (const p of design.input.paths) if (!(p.layer in layerOps)) layerOps[p.layer] = 'cut';
    const program = buildToolpath(
      { parts: a.partGeoms, contours: [...a.cutContours, ...a.scoreContours], layerOps, settings: presets },
      { kerfMm: variant.kerfMm },
    );
    const g = emitGcode(program, { settings, jobId: 'test', material: material.id, machine: machine.id, pierceS: variant.pierceTimeS });
    expect(Math.abs(q.time.perCopyS - g.estimate.timeS) / g.estimate.timeS).toBeLessThan(0.03);
  });
});

describe('machine time of a re-quote with new feeds', () => {
  // The time model prepares each design's planner blocks once and replays repeated shapes planned from rest;
  // on every fixture, for two materials in turn on one model, it must give what a full replan of the moves gives.
  const machine = store.library.getMachine('co2-60w-1300x900');
  const paramsFor = (materialId: string, thicknessMm: number): MotionParams => {
    const material = store.library.getMaterial(materialId);
    const variant = selectThickness(material, thicknessMm);
    return motionParamsOf(presetsForMachine(material, variant, machine), variant, machine);
  };
  it.each(files)('%s', (file) => {
    const design = load(file);
    if (!design) return;
    const plan = analyzeDesign(design.input).motion;
    const model = new GrblPlannerTimeModel();
    for (const params of [paramsFor('acrylic-cast-clear', 3), paramsFor('acrylic-extruded-colour', 5)]) {
      const ours = model.time(plan, params);
      const reference = fullReplan(plan, params);
      expect(ours.blocks).toBe(reference.blocks);
      expect(maxRelativeDifference(ours, reference)).toBeLessThan(1e-11);
    }
  });
});

describe('acrylichub quote (CLI)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/acrylichub.mjs'), ...args], { encoding: 'utf8', cwd: root });
  const fixture = join(dir, 'vzbot_back_acrylic_panel_inkscape.dxf');

  it('prints the issue JSON shape and writes a PDF quote', () => {
    const pdf = join(tmp, 'q.pdf');
    const r = cli('quote', fixture, '--material', 'acrylic-cast-clear', '--thickness', '5', '--qty', '4', '--machine', 'co2-60w-1300x900', '--lang', 'id', '--pdf', pdf, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['parts', 'cutLengthMm', 'pierces', 'engraveAreaMm2', 'travelMm', 'machineTimeS', 'materialAreaMm2', 'sheets', 'complexity', 'price', 'warnings']) {
      expect(out).toHaveProperty(key);
    }
    expect(out.parts).toBe(2);
    expect(out.complexity).toMatchObject({ score: expect.any(Number), factors: expect.any(Array) });
    expect(out.price).toMatchObject({ currency: 'IDR', lines: expect.arrayContaining([expect.objectContaining({ label: 'Bahan', amount: expect.any(Number) })]) });
    expect(out.price.total).toBe(out.price.subtotal + out.price.tax);
    expect(out.quoteNumber).toMatch(/^Q-\d{4}-000001$/);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('PENAWARAN HARGA');
      expect(text).toContain(out.quoteNumber);
    }
  });

  it('lists the libraries as JSON', () => {
    const materials = JSON.parse(cli('materials', '--json').stdout);
    expect(materials.map((m: { id: string }) => m.id)).toContain('acrylic-extruded-clear');
    const machines = JSON.parse(cli('machines', '--json').stdout);
    expect(machines[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), grbl: expect.objectContaining({ $110: expect.any(Number) }) });
  });

  it('fails with one clear line on bad input', () => {
    const cases: [string[], RegExp][] = [
      [['quote', fixture, '--material', 'wood'], /unknown material "wood"/],
      [['quote', fixture, '--material', 'acrylic-cast-clear', '--machine', 'x1'], /unknown machine "x1"/],
      [['quote', fixture, '--material', 'acrylic-cast-clear', '--qty', '0'], /--qty must be an integer ≥ 1, got "0"/],
      [['quote', fixture, '--material', 'acrylic-cast-clear', '--qty', '-5'], /--qty must be an integer ≥ 1/],
      [['quote', join(dir, 'ixmilia_t.r13_teigha.dxf'), '--material', 'acrylic-cast-clear'], /no closed contour on a cut layer/],
      [['quote', join(tmp, 'missing.dxf'), '--material', 'acrylic-cast-clear'], /no such file/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
