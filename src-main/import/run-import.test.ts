// The import worker kept between imports: imports one after another, a refused file, a cancelled import and two
// imports at once all give the same results as importing in-process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError, importFile } from './import-file';
import { ImportCancelled, runImport } from './run-import';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'dxf');
const file = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const PANEL = 'vzbot_back_acrylic_panel_inkscape.dxf';
const FLANGE = 'qcad_flange.dxf';
const pathCount = (name: string) => importFile(name, file(name)).paths.length;

describe('runImport in the kept worker', () => {
  it('imports one file after another, after a refused file and after a cancelled import', async () => {
    const panel = pathCount(PANEL);
    const flange = pathCount(FLANGE);
    expect((await runImport(PANEL, file(PANEL), { worker: true })).paths).toHaveLength(panel);
    expect((await runImport(FLANGE, file(FLANGE), { worker: true })).paths).toHaveLength(flange);
    await expect(runImport('x.dxf', new TextEncoder().encode('hello world'), { worker: true })).rejects.toBeInstanceOf(ImportError);
    expect((await runImport(PANEL, file(PANEL), { worker: true })).paths).toHaveLength(panel);

    const abort = new AbortController();
    const cancelled = runImport(FLANGE, file(FLANGE), { worker: true, signal: abort.signal });
    abort.abort();
    await expect(cancelled).rejects.toBeInstanceOf(ImportCancelled);
    expect((await runImport(FLANGE, file(FLANGE), { worker: true })).paths).toHaveLength(flange);
  }, 60_000);

  it('runs two imports at once side by side', async () => {
    const [a, b] = await Promise.all([runImport(PANEL, file(PANEL), { worker: true }), runImport(FLANGE, file(FLANGE), { worker: true })]);
    expect([a.paths.length, b.paths.length]).toEqual([pathCount(PANEL), pathCount(FLANGE)]);
  }, 60_000);
});
