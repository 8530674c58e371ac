import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../src-shared/contract/index';
import { quoteSaveSchema, type QuoteSaveInput } from '../../src-shared/contract/channels/quote';
import type { LayerInfo, Path, Segment } from '../../src-shared/geometry/types';
import { DesignService } from '../services/design-service';
import { dispatch } from '../services/dispatch';
import { TaskRegistry } from '../services/task-registry';
import { openDatabase, type Db } from '../store/database';
import { createQuoteHandlers } from './handlers';
import { LibraryService } from './library-service';
import { renderQuotePdf } from './pdf';
import { buildQuoteDocument } from './quote-document';
import { QuoteService } from './quote-service';

const dirs: string[] = [];
const dbs: Db[] = [];
function tempDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'ah-quote-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'store.db'));
  dbs.push(db);
  return db;
}
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const clock = () => new Date('2026-11-25T10:00:00Z');
const L = (ax: number, ay: number, bx: number, by: number): Segment => ({ kind: 'line', a: { x: ax, y: ay }, b: { x: bx, y: by } });
const layers: LayerInfo[] = [
  { name: 'CUT', operation: 'cut', visible: true, locked: false },
  { name: 'SCORE', operation: 'score', visible: true, locked: false },
];
const plate: Path[] = [
  { id: 'o', layer: 'CUT', entity: 'LWPOLYLINE', closed: true, segments: [L(0, 0, 120, 0), L(120, 0, 120, 60), L(120, 60, 0, 60), L(0, 60, 0, 0)] },
  { id: 'h', layer: 'CUT', entity: 'CIRCLE', closed: true, segments: [{ kind: 'arc', center: { x: 20, y: 30 }, radius: 4, startAngle: 0, sweep: 2 * Math.PI }] },
  { id: 's', layer: 'SCORE', entity: 'LINE', closed: false, segments: [L(40, 30, 100, 30)] },
];
const request = (over: Partial<QuoteSaveInput> = {}) => quoteSaveSchema.parse({
  design: { name: 'Name plate', paths: plate, layers, key: 'plate-v1' },
  materialId: 'acrylic-cast-clear',
  thicknessMm: 3,
  machineId: 'co2-60w-1300x900',
  quantity: 20,
  customerName: 'CV Maju Jaya',
  lang: 'id',
  options: { flamePolish: true },
  ...over,
});
const count = (db: Db, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('LibraryService', () => {
  it('seeds the libraries from resources on first run, once', () => {
    const db = tempDb();
    const lib = new LibraryService(db, clock);
    expect(lib.listMaterials().map((m) => m.id)).toContain('acrylic-cast-clear');
    expect(lib.listMaterials()).toHaveLength(7);
    expect(lib.listMachines()).toHaveLength(4);
    const castClear = lib.getMaterial('acrylic-cast-clear');
    expect(castClear.thicknesses.map((t) => t.thicknessMm)).toEqual([1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20]);
    // Edits survive a restart; the seed does not run again.
    lib.saveMaterial({ ...castClear, name: 'Cast clear (edited)' });
    expect(new LibraryService(db, clock).getMaterial('acrylic-cast-clear').name).toBe('Cast clear (edited)');
  });

  it('refuses invalid saves and names unknown ids with the known ones', () => {
    const lib = new LibraryService(tempDb(), clock);
    expect(() => lib.saveMaterial({ id: 'x' })).toThrow(/material: name: Required/);
    expect(() => lib.getMachine('laser-9000')).toThrow(/unknown machine "laser-9000" \(known: co2-100w-1300x2500, co2-40w-k40/);
    const rules = lib.savePricingRules({ minimumOrderIdr: 250_000 });
    expect(rules.taxRatePct).toBe(11);
    expect(lib.getPricingRules().minimumOrderIdr).toBe(250_000);
    expect(() => lib.savePricingRules({ taxRatePct: -1 })).toThrow(/taxRatePct/);
  });
});

describe('QuoteService', () => {
  it('saves a quote with a sequential number and reproduces it from its stored inputs after library edits', () => {
    const db = tempDb();
    const lib = new LibraryService(db, clock);
    const svc = new QuoteService(db, lib, clock);
    const first = svc.save(request());
    const second = svc.save(request({ quantity: 50 }));
    expect(first.number).toBe('Q-2026-000001');
    expect(second.number).toBe('Q-2026-000002');
    expect(first.validUntil).toBe('2026-12-09');
    expect(first.result.price.lines[0].label).toBe('Bahan');
    expect(count(db, 'quote_lines')).toBe(first.result.price.lines.length + second.result.price.lines.length);
    // The library changes; the saved quote still recomputes to exactly what was saved.
    const m = lib.getMaterial('acrylic-cast-clear');
    lib.saveMaterial({ ...m, thicknesses: m.thicknesses.map((t) => ({ ...t, sheets: t.sheets.map((s) => ({ ...s, priceIdr: s.priceIdr * 2 })) })) });
    expect(JSON.parse(JSON.stringify(svc.recompute(first.id)))).toEqual(svc.get(first.id).result);
    expect(svc.compute(request()).price.totalIdr).toBeGreaterThan(first.result.price.totalIdr);
    expect(svc.list('maju', 10).map((q) => q.number)).toEqual(['Q-2026-000002', 'Q-2026-000001']);
    expect(svc.list('Q-2026-000001', 10)).toHaveLength(1);
  });

  it('writes nothing when the request is bad or the write fails half-way', () => {
    const db = tempDb();
    const svc = new QuoteService(db, new LibraryService(db, clock), clock);
    expect(() => svc.save(request({ materialId: 'glass' }))).toThrow(/unknown material "glass"/);
    expect(() => svc.save(request({ machineId: 'nope' }))).toThrow(/unknown machine "nope"/);
    expect(() => svc.save({ ...request(), quantity: 0 })).toThrow(/quantity must be a whole number of 1 or more, got 0/);
    expect(() => svc.save(request({ design: { name: 'lines', layers, paths: [plate[2]].map((p) => ({ ...p, layer: 'CUT' })) } }))).toThrow(/no closed contour/);
    expect(() => svc.save(request({ thicknessMm: 7 }))).toThrow(/no 7 mm thickness/);
    db.exec("CREATE TRIGGER fail_lines BEFORE INSERT ON quote_lines WHEN NEW.position = 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    expect(() => svc.save(request())).toThrow(/disk full/);
    expect(count(db, 'quotes')).toBe(0);
    expect(count(db, 'quote_lines')).toBe(0);
    db.exec('DROP TRIGGER fail_lines');
    // The failed attempt did not use up a number.
    expect(svc.save(request()).number).toBe('Q-2026-000001');
  });

  it('quotes a design from the library by id, reading its body only when the analysis is not cached', () => {
    const db = tempDb();
    const designs = new DesignService(db, clock);
    const d = designs.save({ name: 'Sign', paths: plate, layers, units: { source: 'header', unit: 'mm', scaleToMm: 1 }, findings: [] });
    const spy = vi.spyOn(designs, 'get');
    const svc = new QuoteService(db, new LibraryService(db, clock), clock, { designs });
    const req = { ...request(), design: { designId: d.id } };
    const first = svc.compute(req);
    const again = svc.compute({ ...req, materialId: 'acrylic-cast-colour' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(again.parts).toBe(first.parts);
    designs.save({ id: d.id, name: 'Sign', paths: plate.slice(0, 1), layers, units: { source: 'header', unit: 'mm', scaleToMm: 1 }, findings: [] });
    expect(svc.compute(req).cutLengthMm).toBe(360); // the new revision is analysed afresh
    const saved = svc.save(req);
    expect(saved.designName).toBe('Sign');
    expect(svc.inputs(saved.id).design).toMatchObject({ designId: d.id, revision: 2 });
    expect(() => svc.compute({ ...req, design: { designId: '0190d5a0-0000-7000-8000-000000000000' } })).toThrow(/No design/);
  });

  it('gives identical output for identical input', () => {
    const db = tempDb();
    const svc = new QuoteService(db, new LibraryService(db, clock), clock);
    expect(JSON.stringify(svc.compute(request()))).toBe(JSON.stringify(svc.compute(request({ design: { name: 'Name plate', paths: plate, layers } }))));
  });
});

describe('quote PDF', () => {
  it('renders a parseable PDF with the header, number, lines and totals in Indonesian and English', async () => {
    const db = tempDb();
    const svc = new QuoteService(db, new LibraryService(db, clock), clock);
    const q = svc.save(request());
    for (const lang of ['id', 'en'] as const) {
      const { doc } = buildQuoteDocument(svc, q.id, lang, 'Akrilik Nusantara');
      const pdf = await renderQuotePdf(doc, lang);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      const text = pdfText(pdf);
      if (text === null) continue; // poppler-utils not installed: the structure checks above still ran
      expect(text).toContain('Akrilik Nusantara');
      expect(text).toContain('Q-2026-000001');
      expect(text).toContain('CV Maju Jaya');
      expect(text).toContain(lang === 'id' ? 'PENAWARAN HARGA' : 'QUOTATION');
      expect(text).toContain(lang === 'id' ? 'Bahan' : 'Material');
      expect(text).toContain('PPN 11 %');
      const total = lang === 'id' ? q.result.price.totalIdr.toLocaleString('de-DE') : q.result.price.totalIdr.toLocaleString('en-US');
      expect(text).toContain(`Rp ${total}`);
    }
  });
});

function pdfText(pdf: Buffer): string | null {
  if (!existsSync('/usr/bin/pdftotext')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'ah-pdf-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'q.pdf'), pdf);
  execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'q.pdf'), join(dir, 'q.txt')]);
  return readFileSync(join(dir, 'q.txt'), 'utf8');
}

describe('quote channels', () => {
  it('serve a live quote, a save and a PDF through the contract (inputs and outputs validated)', async () => {
    const db = tempDb();
    const dir = mkdtempSync(join(tmpdir(), 'ah-quote-h-'));
    dirs.push(dir);
    const handlers = createQuoteHandlers({
      db, dataDir: dir, shell: 'browser', appVersion: 'test', now: clock, tasks: new TaskRegistry(), broadcast: () => {}, onClose: () => {},
    }) as unknown as Handlers;
    const ctx = { emit: () => {} };
    const body = { design: { name: 'Name plate', paths: plate, layers }, materialId: 'acrylic-cast-colour', quantity: 5 };
    const live = await dispatch(handlers, 'quote.compute', body, ctx);
    expect(live.ok).toBe(true);
    const bad = await dispatch(handlers, 'quote.compute', { ...body, quantity: 0 }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = await dispatch(handlers, 'quote.compute', { ...body, materialId: 'wood' }, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const saved = await dispatch(handlers, 'quote.save', { ...body, customerName: 'Toko Sinar' }, ctx);
    if (!saved.ok) throw new Error(saved.error.message);
    const id = (saved.result as { id: string }).id;
    const pdf = await dispatch(handlers, 'quote.pdf', { id, path: join(dir, 'q.pdf') }, ctx);
    expect(pdf).toMatchObject({ ok: true, result: { path: join(dir, 'q.pdf') } });
    expect(readFileSync(join(dir, 'q.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const imported = await dispatch(handlers, 'machineProfiles.importGrbl', { dump: '$110=9000\n$120=800\nok', machineId: 'co2-40w-k40' }, ctx);
    expect(imported).toMatchObject({ ok: true, result: { settings: { $110: 9000, $120: 800 }, machine: { id: 'co2-40w-k40' } } });
    const badDump = await dispatch(handlers, 'machineProfiles.importGrbl', { dump: '$110 9000' }, ctx);
    expect(badDump).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/line 1/) } });
    const list = await dispatch(handlers, 'quotes.list', {}, ctx);
    expect(list).toMatchObject({ ok: true, result: [{ customerName: 'Toko Sinar' }] });
  });
});
