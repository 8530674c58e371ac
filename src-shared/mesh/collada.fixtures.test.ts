// The real SketchUp COLLADA exports in test/fixtures/sketchup (tqec models: 1-inch blocks and 2-inch pipes placed
// as components). Expected figures: triangle totals and back-face pairs were counted independently with Python's
// ElementTree over the raw <triangles> (per definition: logical_cnot 60 triangles / 12 reversed copies, template
// 384 / 120, each definition's count multiplied by its instances gives the totals below); solids = component
// instances; every block is 1 in = 25.4 mm thick.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transformPoint } from './mat4';
import { importCollada, readCollada } from './collada';
import type { MeshImportResult } from './types';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/sketchup/${name}`, import.meta.url), 'utf8');

const table = [
  { file: 'tqec_logical_cnot_su8.dae', read: 228, back: 36, solids: 19, groups: [['zxz', 8], ['zxo', 8], ['zxx', 2], ['zox', 1]] },
  { file: 'tqec_cleaned_cnot_su2023.dae', read: 228, back: 36, solids: 19, groups: [['zxz', 8], ['zxo', 8], ['zxx', 2], ['zox', 1]] },
  { file: 'tqec_template_su8.dae', read: 384, back: 120, solids: 18, groups: [['zxz', 2], ['zxx', 4], ['zxo', 4], ['xzo', 6], ['xzoh', 2]] },
] as const;

const results = new Map<string, MeshImportResult>();
const load = (file: string) => {
  if (!results.has(file)) results.set(file, importCollada(fixture(file)));
  return results.get(file)!;
};

describe('importCollada on SketchUp exports', () => {
  it.each(table)('$file: units, back faces, solids, panels and counts', ({ file, read, back, solids, groups }) => {
    const r = load(file);
    expect(r.units).toEqual({ source: 'header', unit: 'in', scaleToMm: 25.4 });
    expect(r.meshStats.trianglesRead).toBe(read);
    expect(r.meshStats.backFacesDropped).toBe(back);
    expect(r.meshStats.triangles).toBe(read - back);
    expect(r.meshStats.solids).toBe(solids);
    expect(r.meshStats.notPanels).toBe(0);
    expect(r.panels.map((p) => [p.name, p.count])).toEqual(groups);
    expect(r.panels.reduce((n, p) => n + p.count, 0)).toBe(solids);
    for (const p of r.panels) {
      expect(p.thicknessMm).toBeCloseTo(25.4, 6);
      expect(p.placements).toHaveLength(p.count);
      // Blocks are 1 × 1 in or pipes 2 × 1 in seen from their largest face.
      expect([645.16, 1290.32]).toContainEqual(Number(p.areaMm2.toFixed(2)));
      expect(p.outline.holes).toEqual([]);
    }
    // One closed outline per instance, laid out flat.
    expect(r.paths).toHaveLength(solids);
    expect(r.paths.every((p) => p.closed && p.segments.length === 4)).toBe(true);
  });

  it.each(table)('$file: every placement puts the panel corners on model vertices', ({ file }) => {
    const { soup } = readCollada(fixture(file));
    const verts = new Set<string>();
    const key = (x: number, y: number, z: number) => `${Math.round(x * 100)},${Math.round(y * 100)},${Math.round(z * 100)}`;
    for (let i = 0; i < soup.positions.length; i += 3) verts.add(key(soup.positions[i], soup.positions[i + 1], soup.positions[i + 2]));
    for (const p of load(file).panels) {
      for (const m of p.placements) {
        for (const z of [0, p.thicknessMm!]) {
          for (const c of p.outline.outer) {
            const w = transformPoint(m, c.x, c.y, z);
            expect(verts.has(key(w.x, w.y, w.z))).toBe(true);
          }
        }
        // Proper rigid placement: orthonormal columns, determinant +1.
        const det = m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
        expect(det).toBeCloseTo(1, 9);
      }
    }
  });

  it('SketchUp 8 and SketchUp 2023 exports of the same model give the same panels', () => {
    const a = load('tqec_logical_cnot_su8.dae').panels;
    const b = load('tqec_cleaned_cnot_su2023.dae').panels;
    expect(b.map((p) => [p.name, p.count, p.thicknessMm?.toFixed(4), p.outline])).toEqual(a.map((p) => [p.name, p.count, p.thicknessMm?.toFixed(4), p.outline]));
  });
});
