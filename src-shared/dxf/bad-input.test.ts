// Bad input, bounded: empty, random bytes, every fixture truncated at each 10 % of its length, mutated fixtures
// (seeded), a block that inserts itself, 100k-deep block nesting, 1e12 and NaN coordinates. Each must end in a
// DxfFormatError or an import with a clear finding, quickly, never a crash or a hang.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../nest/prng';
import { DxfFormatError, importDxf } from './import-dxf';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'dxf');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dxf = (entities: string, blocks = ''): Uint8Array =>
  enc(`0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n4\n0\nENDSEC\n0\nSECTION\n2\nBLOCKS\n${blocks}0\nENDSEC\n0\nSECTION\n2\nENTITIES\n${entities}0\nENDSEC\n0\nEOF\n`);

/** Runs the import; returns the error message or the finding codes. Anything else than DxfFormatError fails. */
function attempt(bytes: Uint8Array, maxSegments?: number): { error?: string; codes?: string[]; paths?: number } {
  try {
    const r = importDxf(bytes, { maxSegments });
    return { codes: r.findings.map((f) => f.code), paths: r.paths.length };
  } catch (err) {
    if (err instanceof DxfFormatError) return { error: err.message };
    throw err;
  }
}

const small = readdirSync(DIR).filter((f) => /\.dxf$/i.test(f)).map((f) => ({ f, bytes: new Uint8Array(readFileSync(join(DIR, f))) })).filter((x) => x.bytes.length < 400_000);

describe('bad input', () => {
  it('rejects an empty file and random bytes with a clear error', () => {
    expect(attempt(new Uint8Array()).error).toBe('The file is empty.');
    const random = rng(1);
    for (let n = 0; n < 20; n++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 5000)).map(() => Math.floor(random() * 256));
      const r = attempt(bytes);
      if (r.error) expect(r.error).toMatch(/Not a DXF file/);
    }
  });

  it('survives every fixture truncated at each 10 % of its length', () => {
    for (const { f, bytes } of small) {
      for (let k = 1; k < 10; k++) {
        const cut = bytes.subarray(0, Math.floor((bytes.length * k) / 10));
        const t = performance.now();
        const r = attempt(cut);
        expect(performance.now() - t, `${f} at ${k * 10} %`).toBeLessThan(5000);
        const keptEof = /\n\s*EOF\s*(\r?\n|$)/.test(new TextDecoder('latin1').decode(cut));
        if (!r.error && !keptEof) expect(r.codes, `${f} at ${k * 10} % should say it has no EOF`).toContain('DXF_NO_EOF');
      }
    }
  });

  it('survives mutated fixtures (seeded byte flips, deleted and duplicated lines)', () => {
    const random = rng(42);
    for (const { bytes } of small.slice(0, 25)) {
      for (let m = 0; m < 4; m++) {
        const copy = bytes.slice();
        for (let i = 0; i < 20; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
        attempt(copy);
        const lines = new TextDecoder('latin1').decode(bytes).split('\n');
        const start = Math.floor(random() * lines.length);
        lines.splice(start, 1 + Math.floor(random() * 5));
        lines.splice(Math.floor(random() * lines.length), 0, ...lines.slice(start, start + 7));
        attempt(enc(lines.join('\n')));
      }
    }
  });

  it('reports a block that inserts itself instead of recursing forever', () => {
    const r = attempt(dxf('0\nINSERT\n8\n0\n2\nSELF\n10\n0\n20\n0\n', '0\nBLOCK\n2\nSELF\n70\n0\n10\n0\n20\n0\n0\nLINE\n8\n0\n10\n0\n20\n0\n11\n1\n21\n0\n0\nINSERT\n8\n0\n2\nSELF\n10\n1\n20\n0\n0\nENDBLK\n'));
    expect(r.codes).toContain('BLOCK_RECURSION');
    expect(r.paths).toBe(1);
  });

  it('stops 100k-deep block nesting at the depth limit, fast', () => {
    const depth = 100_000;
    let blocks = '';
    for (let i = 0; i < depth; i++) {
      blocks += `0\nBLOCK\n2\nB${i}\n10\n0\n20\n0\n0\nLINE\n8\n0\n10\n0\n20\n0\n11\n1\n21\n1\n`;
      if (i + 1 < depth) blocks += `0\nINSERT\n2\nB${i + 1}\n10\n1\n20\n0\n`;
      blocks += '0\nENDBLK\n';
    }
    const t = performance.now();
    const r = attempt(dxf('0\nINSERT\n2\nB0\n10\n0\n20\n0\n', blocks));
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(r.codes).toContain('NESTING_TOO_DEEP');
  });

  it('bounds an array insert that would explode (1e6 × 1e6 copies)', () => {
    const t = performance.now();
    const r = attempt(dxf('0\nINSERT\n2\nA\n10\n0\n20\n0\n70\n1000000\n71\n1000000\n44\n1\n45\n1\n', '0\nBLOCK\n2\nA\n10\n0\n20\n0\n0\nLINE\n8\n0\n10\n0\n20\n0\n11\n0.5\n21\n0\n0\nENDBLK\n'), 100_000);
    expect(r.codes).toContain('OUTPUT_LIMIT');
    expect(r.paths).toBe(100_000);
    expect(performance.now() - t).toBeLessThan(20_000);
  });

  it('skips 1e12 and NaN coordinates with a warning', () => {
    const r = attempt(dxf('0\nLINE\n8\n0\n10\n1e12\n20\n0\n11\n1e12\n21\n5\n0\nLINE\n8\n0\n10\nNaN\n20\n0\n11\n1\n21\n1\n0\nCIRCLE\n8\n0\n10\nabc\n20\n0\n40\n1\n0\nLINE\n8\n0\n10\n0\n20\n0\n11\n10\n21\n0\n'));
    expect(r.codes).toContain('COORDINATE_OUT_OF_RANGE');
    expect(r.codes).toContain('INVALID_COORDINATE');
    expect(r.paths).toBe(1);
  });
});
