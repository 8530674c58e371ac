// Mesh import on prisms of known geometry: a 300 × 200 × 3 mm panel with a 50 mm square hole (net area
// 60 000 − 2 500 = 57 500 mm²), in OBJ, STL (ASCII and binary) and hand-written COLLADA with nested nodes.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { multiply, rotation, scaling, transformPoint, translation } from './mat4';
import { importCollada, importObj, importStl, isSketchUpFile, rejectSketchUpFile, sketchUpVersion } from './index';
import { colladaGeometry, panelPrism, toAsciiStl, toBinaryStl, toObj, transformed, withBackFaces } from './test/prism-mesh';
import type { Prism } from './test/prism-mesh';
import type { Panel } from './types';

const frame = panelPrism(300, 200, 3, 50);

function expectFramePanel(p: Panel) {
  expect(p.thicknessMm).toBeCloseTo(3, 6);
  expect(p.areaMm2).toBeCloseTo(57_500, 3);
  expect(p.outline.holes).toHaveLength(1);
  const xs = p.outline.outer.map((q) => q.x);
  const ys = p.outline.outer.map((q) => q.y);
  expect([Math.max(...xs), Math.max(...ys)]).toEqual([300, 200]);
  expect(Math.min(...xs)).toBe(0);
}

/** Every outline corner, placed, lands on a vertex of the source prism (within 1 µm). */
function expectPlacedOn(p: Panel, placement: number[], prism: Prism) {
  const verts = prism.triangles.flat();
  for (const z of [0, p.thicknessMm ?? 0]) {
    for (const c of [...p.outline.outer, ...p.outline.holes.flat()]) {
      const w = transformPoint(placement, c.x, c.y, z);
      expect(verts.some((v) => Math.hypot(v.x - w.x, v.y - w.y, v.z - w.z) < 1e-3)).toBe(true);
    }
  }
}

describe('mesh panels', () => {
  it('OBJ: a panel with a hole gives its outline, hole, thickness and one instance', () => {
    const r = importObj(toObj([frame]));
    expect(r.units).toEqual({ source: 'default', unit: 'mm', scaleToMm: 1 });
    expect(r.findings.map((f) => f.code)).toEqual(['UNITS_ASSUMED']);
    expect(r.panels).toHaveLength(1);
    expectFramePanel(r.panels[0]);
    expectPlacedOn(r.panels[0], r.panels[0].placements[0], frame);
    expect(r.paths.map((p) => p.layer)).toEqual(['acrylic 3mm', 'acrylic 3mm']);
  });

  it('counts rotated, moved and flipped copies as instances of one panel, each placed where it is', () => {
    const copies = [
      frame,
      transformed(frame, multiply(translation(1000, 0, 0), rotation({ x: 0, y: 0, z: 1 }, 90))),
      transformed(frame, multiply(translation(0, 800, 50), rotation({ x: 1, y: 0, z: 0 }, 180))),
      transformed(frame, multiply(translation(-500, 0, 0), rotation({ x: 0, y: 1, z: 0 }, 90))),
    ];
    const r = importObj(toObj(copies));
    expect(r.panels).toHaveLength(1);
    expect(r.panels[0].count).toBe(4);
    r.panels[0].placements.forEach((m, i) => expectPlacedOn(r.panels[0], m, copies[i]));
    expect(r.paths).toHaveLength(8);
  });

  it('drops reversed back faces and keeps the same panel', () => {
    const r = importObj(toObj([withBackFaces(frame)]));
    expect(r.meshStats.backFacesDropped).toBe(frame.triangles.length);
    expect(r.meshStats.triangles).toBe(frame.triangles.length);
    expectFramePanel(r.panels[0]);
  });

  it('STL ASCII and binary (with a "solid" header) give the same panel; inches are converted when asked', () => {
    const small = panelPrism(10, 8, 0.25);
    const a = importStl(new TextEncoder().encode(toAsciiStl(small)), { unit: 'in' });
    const b = importStl(toBinaryStl(small), { unit: 'in' });
    for (const r of [a, b]) {
      expect(r.units.source).toBe('override');
      expect(r.panels).toHaveLength(1);
      expect(r.panels[0].thicknessMm).toBeCloseTo(6.35, 4);
      expect(r.panels[0].areaMm2).toBeCloseTo(80 * 645.16, 0);
    }
    expect(() => importStl(new TextEncoder().encode('hello'))).toThrow(/Not an STL/);
  });

  it('a flat drawing (one plane) passes through with no thickness', () => {
    const face: Prism = { triangles: panelPrism(120, 40, 1).triangles.filter((t) => t.every((v) => v.z === 0)) };
    const r = importObj(toObj([face]));
    expect(r.panels).toHaveLength(1);
    expect(r.panels[0].thicknessMm).toBeNull();
    expect(r.panels[0].areaMm2).toBeCloseTo(4800, 6);
    expect(r.findings.map((f) => f.code)).toContain('PANEL_FLAT');
  });

  it('a solid that is not a prism is reported, not turned into a panel', () => {
    const pyramid: Prism = { triangles: [
      [{ x: 0, y: 0, z: 0 }, { x: 0, y: 10, z: 0 }, { x: 10, y: 0, z: 0 }],
      [{ x: 0, y: 0, z: 0 }, { x: 10, y: 0, z: 0 }, { x: 0, y: 0, z: 10 }],
      [{ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 10 }, { x: 0, y: 10, z: 0 }],
      [{ x: 10, y: 0, z: 0 }, { x: 0, y: 10, z: 0 }, { x: 0, y: 0, z: 10 }],
    ] };
    const r = importObj(toObj([pyramid, frame]));
    expect(r.panels).toHaveLength(1);
    expect(r.meshStats.notPanels).toBe(1);
    expect(r.findings.find((f) => f.code === 'MESH_NOT_PANEL')?.message).toMatch(/part1/);
  });

  it('COLLADA: nested nodes, instance_node, matrix/translate/rotate, Y up and millimetre units; a cycle is reported', () => {
    const xml = `<?xml version="1.0"?>
<COLLADA xmlns="http://www.collada.org/2005/11/COLLADASchema" version="1.4.1">
 <asset><unit meter="0.001" name="millimeter"/><up_axis>Y_UP</up_axis></asset>
 <library_materials><material id="mat1" name="Clear acrylic"/></library_materials>
 <library_geometries>${colladaGeometry('g1', frame)}</library_geometries>
 <library_nodes>
  <node id="shelf" name="Shelf"><instance_geometry url="#g1"><bind_material><technique_common><instance_material symbol="m1" target="#mat1"/></technique_common></bind_material></instance_geometry></node>
  <node id="loop" name="Loop"><instance_node url="#loop"/></node>
 </library_nodes>
 <library_visual_scenes><visual_scene id="scene">
  <node name="root"><matrix>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1</matrix>
   <node name="a"><translate>0 0 0</translate><instance_node url="#shelf"/></node>
   <node name="b"><translate>500 0 0</translate><rotate>0 1 0 90</rotate><instance_node url="#shelf"/></node>
   <node name="c"><instance_node url="#loop"/></node>
   <node name="mirrored"><translate>0 0 900</translate><scale>-1 1 1</scale><instance_node url="#shelf"/></node>
   <node name="stretched"><translate>0 0 -900</translate><scale>2 1 1</scale><instance_node url="#shelf"/></node>
  </node>
 </visual_scene></library_visual_scenes>
 <scene><instance_visual_scene url="#scene"/></scene>
</COLLADA>`;
    const r = importCollada(xml);
    expect(r.units).toEqual({ source: 'header', unit: 'mm', scaleToMm: 1 });
    expect(r.findings.map((f) => f.code)).toContain('COLLADA_CYCLE');
    // Two plain instances and a mirrored one are the same panel; the one scaled ×2 along X is another
    // (600 × 200 with a 100 × 50 hole: 120 000 − 5 000 mm²).
    expect(r.panels).toHaveLength(2);
    expect(r.panels[0].count).toBe(3);
    expect(r.panels[1]).toMatchObject({ count: 1, thicknessMm: 3 });
    expect(r.panels[1].areaMm2).toBeCloseTo(115_000, 3);
    expect(r.panels[0].material).toBe('Clear acrylic');
    expect(r.panels[0].name).toBe('Shelf');
    expectFramePanel(r.panels[0]);
    // Y_UP: the model's Y axis becomes Z, so the first (untransformed) panel stands upright (normal along −Y or +Y).
    const yUp = multiply(rotation({ x: 1, y: 0, z: 0 }, 90), scaling(1, 1, 1));
    expectPlacedOn(r.panels[0], r.panels[0].placements[0], transformed(frame, yUp));
    expectPlacedOn(r.panels[0], r.panels[0].placements[2], transformed(frame, multiply(yUp, multiply(translation(0, 0, 900), scaling(-1, 1, 1)))));
    const det = (m: number[]) => m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
    expect(det(r.panels[0].placements[2])).toBeCloseTo(1, 9);
    expect(r.meshStats.instances).toBe(4);
  });

  it('malformed or foreign XML gives a clear error with the position', () => {
    expect(() => importCollada('<COLLADA><asset></COLLADA>')).toThrow(/line 1, column \d+/);
    expect(() => importCollada('<svg/>')).toThrow(/Not a COLLADA document/);
  });

  it('property: any rigid placement of the panel keeps thickness and area and is found back', () => {
    const small = panelPrism(80, 30, 4, 10);
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }),
        (ax, ay, az, deg, shift) => {
          const m = multiply(translation(shift, -shift / 2, shift / 3), rotation({ x: ax, y: ay, z: az }, deg));
          const moved = transformed(small, m);
          const r = importObj(toObj([moved]));
          expect(r.panels).toHaveLength(1);
          expect(r.panels[0].thicknessMm).toBeCloseTo(4, 3);
          expect(r.panels[0].areaMm2).toBeCloseTo(80 * 30 - 100, 1);
          expectPlacedOn(r.panels[0], r.panels[0].placements[0], moved);
        },
      ),
      { numRuns: 40, seed: 20261125 },
    );
  });
});

describe('.skp files', () => {
  const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/sketchup/${name}`, import.meta.url)));
  it('are recognised with their version and answered with how to export COLLADA, in English and Indonesian', () => {
    const legacy = bytes('tqec_logical_cnot_su8.skp');
    const modern = bytes('openskp_SU_File.skp');
    expect(isSketchUpFile(legacy) && isSketchUpFile(modern)).toBe(true);
    expect(sketchUpVersion(legacy)).toBe('8.0.16846');
    expect(sketchUpVersion(modern)).toBe('25.0.575');
    expect(() => rejectSketchUpFile(modern)).toThrow(/File → Export → 3D Model.*COLLADA.*Ini adalah model SketchUp/);
    expect(isSketchUpFile(new TextEncoder().encode('<COLLADA/>'))).toBe(false);
  });
});
