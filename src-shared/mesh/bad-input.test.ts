// Bad input to the mesh and SVG importers ends in a clear error or a finding, within bounded time: empty and
// random input, a real fixture truncated at every 10 %, 100 000-deep nesting, NaN and 10^12 coordinates.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSvg } from '../svg/import-svg';
import { importCollada, importObj, importStl } from './index';
import { panelPrism, toBinaryStl } from './test/prism-mesh';

const dae = readFileSync(new URL('../../test/fixtures/sketchup/tqec_template_su8.dae', import.meta.url), 'utf8');
const noise = (n: number) => new Uint8Array(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 256));

describe('bad mesh input', () => {
  it('empty and random text are not COLLADA, with the reason', () => {
    expect(() => importCollada('')).toThrow(/COLLADA file is not well-formed at line 1/);
    expect(() => importCollada(new TextDecoder().decode(noise(2000)))).toThrow(/COLLADA file/);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('the template fixture cut at %i0 %% says it is truncated or malformed', (k) => {
    expect(() => importCollada(dae.slice(0, Math.floor((dae.length * k) / 10)))).toThrow(/truncated|not well-formed/);
  });

  it('100 000 nested nodes are refused quickly with a clear error', () => {
    const deep = `<COLLADA><library_visual_scenes><visual_scene id="s">${'<node>'.repeat(100_000)}${'</node>'.repeat(100_000)}</visual_scene></library_visual_scenes></COLLADA>`;
    const t0 = performance.now();
    expect(() => importCollada(deep)).toThrow(/nested too deeply/);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });

  it('OBJ: a NaN vertex is an error with its line; faces on missing vertices are findings; nothing is MESH_EMPTY', () => {
    expect(() => importObj('v 0 0 0\nv NaN 0 0\nv 0 1 0\nf 1 2 3')).toThrow(/OBJ line 2/);
    const r = importObj('# nothing\nf 1 2 3');
    expect(r.findings.map((f) => f.code)).toEqual(['UNITS_ASSUMED', 'OBJ_BAD_FACE', 'MESH_EMPTY']);
    expect(r.panels).toEqual([]);
  });

  it('STL: random bytes are refused, NaN triangles dropped, a truncated binary is not read as binary', () => {
    expect(() => importStl(noise(500))).toThrow(/Not an STL/);
    const nan = toBinaryStl(panelPrism(10, 10, 1));
    new DataView(nan.buffer).setFloat32(84 + 12, Number.NaN, true);
    const r = importStl(nan);
    expect(r.meshStats.degenerateDropped).toBe(1);
    // The lost triangle is half of a side wall: the two 10 × 10 faces still define the panel.
    expect(r.panels.map((p) => p.areaMm2)).toEqual([100]);
    expect(() => importStl(toBinaryStl(panelPrism(10, 10, 1)).slice(0, 300))).toThrow(/Not an STL/);
  });

  it('10^12 mm coordinates do not crash the analysis', () => {
    const r = importObj('v 0 0 0\nv 1e12 0 0\nv 0 1e12 0\nv 0 0 1e12\nf 1 2 3\nf 1 3 4\nf 1 4 2\nf 2 4 3');
    expect(r.meshStats.triangles).toBe(4);
    expect(r.findings.map((f) => f.code)).toContain('MESH_NOT_PANEL');
  });
});

describe('bad SVG input', () => {
  it('deep nesting, truncation and entity expansion end in an error or plain text, quickly', () => {
    expect(() => importSvg(`<svg>${'<g>'.repeat(100_000)}${'</g>'.repeat(100_000)}</svg>`)).toThrow(/nested too deeply/);
    expect(() => importSvg('<svg width="10mm"><path d="M0 0 L 1 1" stroke="#000"/><g>')).toThrow(/truncated/);
    const bomb = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><svg><text>&c;</text></svg>';
    const t0 = performance.now();
    const r = importSvg(bomb);
    expect(r.paths).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('NaN lengths and 10^300 coordinates give findings or finite output, not exceptions', () => {
    const r = importSvg('<svg><path d="M0 0 L NaN 5" stroke="#000"/><rect width="Infinity" height="5" stroke="#000"/><path d="M0 0 L1e300 1e300" stroke="#000"/></svg>');
    expect(r.findings.map((f) => f.code)).toContain('SVG_BAD_PATH_DATA');
    expect(r.paths).toHaveLength(1);
  });
});
