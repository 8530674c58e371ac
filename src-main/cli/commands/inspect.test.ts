// `acrylichub inspect` as a user runs it: the JSON shape of issue 3, units override, and exit 1 with one line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'acrylichub.mjs'), 'inspect', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('acrylichub inspect', () => {
  it('prints the documented JSON for a DXF', () => {
    const r = run(join(ROOT, 'test', 'fixtures', 'dxf', 'ezdxf_AC1003_LINE_Example.dxf'), '--units', 'in', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['bbox', 'contours', 'cutLengthMm', 'entities', 'file', 'format', 'parts', 'textCount', 'units', 'unsupported', 'version', 'warnings'].sort());
    expect(out).toMatchObject({ file: 'ezdxf_AC1003_LINE_Example.dxf', format: 'dxf', version: 'AC1003', units: { source: 'override', scaleToMm: 25.4 }, entities: { LINE: 13, ARC: 9 } });
    expect(out.bbox.maxX).toBeCloseTo(3.625 * 25.4, 3);
    expect(out.contours.closed + out.contours.open).toBeGreaterThan(0);
  }, 60_000);

  it('exits 1 with a one-line error for unreadable input and bad options', () => {
    for (const args of [[join(ROOT, 'missing.dxf')], [join(ROOT, 'package.json'), '--units', 'furlong']]) {
      const r = run(...args, '--json');
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  }, 60_000);
});
