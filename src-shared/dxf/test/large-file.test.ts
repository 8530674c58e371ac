// A 100 MB DXF (1.3 million LINEs forming 10-segment rectangles, plus one block) generated to a temp file in
// 1 MB chunks, then imported through the same path the app and CLI use. It must finish within a bounded time
// with a result or a clear error, never crash the process or hang. The time and memory are printed.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src-main/import/import-file';
import { importPath } from '../../../src-main/import/read-file';

const dir = mkdtempSync(join(tmpdir(), 'acrylichub-bigdxf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(path: string, targetBytes: number): number {
  const fd = openSync(path, 'w');
  let written = 0;
  const put = (s: string) => {
    written += writeSync(fd, s);
  };
  put('0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n4\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n');
  let chunk = '';
  let n = 0;
  while (written + chunk.length < targetBytes - 64) {
    const x = (n % 1000) * 20;
    const y = Math.floor(n / 1000) * 20;
    // One 10 × 10 square as four LINEs.
    chunk += `0\nLINE\n8\nCUT\n10\n${x}\n20\n${y}\n11\n${x + 10}\n21\n${y}\n0\nLINE\n8\nCUT\n10\n${x + 10}\n20\n${y}\n11\n${x + 10}\n21\n${y + 10}\n`;
    chunk += `0\nLINE\n8\nCUT\n10\n${x + 10}\n20\n${y + 10}\n11\n${x}\n21\n${y + 10}\n0\nLINE\n8\nCUT\n10\n${x}\n20\n${y + 10}\n11\n${x}\n21\n${y}\n`;
    n++;
    if (chunk.length > 1 << 20) {
      put(chunk);
      chunk = '';
    }
  }
  put(`${chunk}0\nENDSEC\n0\nEOF\n`);
  closeSync(fd);
  return n;
}

describe('100 MB DXF', () => {
  it('imports or fails clearly within a bounded time', () => {
    const file = join(dir, 'big.dxf');
    const squares = generate(file, 100 * 1024 * 1024);
    expect(statSync(file).size).toBeGreaterThan(99 * 1024 * 1024);
    const t = performance.now();
    let outcome: string;
    try {
      const r = importPath(file);
      outcome = `${r.paths.length} paths, ${r.contours.length} contours, ${r.parts.length} parts, findings ${[...new Set(r.findings.map((f) => f.code))].join(',')}`;
      // Either everything came in, or the output budget stopped it with a finding.
      if (r.paths.length < squares * 4) expect(r.findings.map((f) => f.code)).toContain('OUTPUT_LIMIT');
      else expect(r.parts.length).toBe(squares);
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      outcome = `error: ${(err as Error).message}`;
    }
    const seconds = (performance.now() - t) / 1000;
    console.log(`100 MB DXF (${squares} squares): ${seconds.toFixed(1)} s, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB: ${outcome}`);
    expect(seconds).toBeLessThan(300); // about 60 s on an idle 2-core machine; the bound is for a loaded CI
  });
});
