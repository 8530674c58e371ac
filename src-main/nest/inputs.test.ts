// What the nest command reads: drawing parts (open contours left out with a warning) — the same parts the app's
// nest view builds from the same file —, ESICUP instances, and the input errors the CLI relies on. The nesting DXF
// fixtures themselves are nested in test/dxf-fixtures.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNestInputs } from './inputs';
import { importPath } from '../import/read-file';
import { designParts } from '../../src-shared/editor/design-parts';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('input errors', () => {
  it('names the file and the problem', () => {
    expect(() => readNestInputs(['/nonexistent/a.dxf'], 1)).toThrow('/nonexistent/a.dxf: no such file');
    expect(() => readNestInputs([fixture('nesting/README.md')], 1)).toThrow(/README\.md: not a DXF, SVG/);
    expect(() => readNestInputs([fixture('nesting/fu.json'), fixture('dxf/deepnest_TopsNest.dxf')], 1)).toThrow(/on its own/);
  });
  it('leaves open contours out with a warning and nests the closed ones', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nest-in-')), 'open.dxf');
    const ent = (code: number | string, value: number | string) => `${code}\n${value}\n`;
    const line = (x1: number, y1: number, x2: number, y2: number, layer: string) =>
      ent(0, 'LINE') + ent(8, layer) + ent(10, x1) + ent(20, y1) + ent(30, 0) + ent(11, x2) + ent(21, y2) + ent(31, 0);
    const square = line(0, 0, 10, 0, 'CUT') + line(10, 0, 10, 10, 'CUT') + line(10, 10, 0, 10, 'CUT') + line(0, 10, 0, 0, 'CUT');
    writeFileSync(file, ent(0, 'SECTION') + ent(2, 'ENTITIES') + square + line(20, 0, 30, 5, 'SCRAP') + ent(0, 'ENDSEC') + ent(0, 'EOF'));
    const input = readNestInputs([file], 2);
    if (input.kind !== 'parts') throw new Error('expected parts');
    expect(input.parts).toHaveLength(1);
    expect(input.parts[0].quantity).toBe(2);
    expect(input.warnings.join('\n')).toMatch(/1 open contour left out of the nest \(layers SCRAP\)/);
  });

  it('reads an ESICUP instance', () => {
    const input = readNestInputs([fixture('nesting/fu.json')], 1);
    expect(input.kind).toBe('esicup');
  });
});

describe('CLI and app agree', () => {
  // The app imports a file into a design (src-main/import), saves its paths and layers, and its nest view turns
  // them into parts with designParts; the CLI must nest exactly those parts.
  for (const name of ['deepnest_TopsNest', 'nanocad_DeepNestPort_4']) {
    it(`${name}.dxf: same parts, same outlines`, () => {
      const file = fixture(`dxf/${name}.dxf`);
      const input = readNestInputs([file], 1);
      if (input.kind !== 'parts') throw new Error('expected parts');
      const design = importPath(file);
      const app = designParts(name, design.paths, design.layers);
      expect(input.parts.map((p) => ({ id: p.id, shape: p.shape }))).toEqual(app.map((p) => ({ id: p.id, shape: p.shape })));
      if (name === 'deepnest_TopsNest') expect(app).toHaveLength(175);
    });
  }
});
