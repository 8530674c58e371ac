import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDxf } from '../dxf/import-dxf';
import { segmentsBBox, segmentsLength, signedArea } from '../geometry/segments';
import type { Path } from '../geometry/types';
import { exportDxf } from './export-dxf';

const roundTrip = (paths: Path[]) => importDxf(new TextEncoder().encode(exportDxf(paths)));

describe('DXF export', () => {
  it('writes mm units and one layer per operation, and re-imports to the same geometry', () => {
    const paths: Path[] = [
      { id: 'a', layer: 'x', entity: 'LWPOLYLINE', closed: true, segments: [
        { kind: 'line', a: { x: 0, y: 0 }, b: { x: 100, y: 0 } },
        { kind: 'arc', center: { x: 100, y: 20 }, radius: 20, startAngle: -Math.PI / 2, sweep: Math.PI },
        { kind: 'line', a: { x: 100, y: 40 }, b: { x: 0, y: 40 } },
        { kind: 'line', a: { x: 0, y: 40 }, b: { x: 0, y: 0 } },
      ] },
      { id: 'h', layer: 'x', entity: 'CIRCLE', closed: true, segments: [{ kind: 'arc', center: { x: 50, y: 20 }, radius: 5, startAngle: 0, sweep: -2 * Math.PI }] },
      { id: 'e', layer: 'x', entity: 'TEXT', closed: true, fill: true, segments: [
        { kind: 'line', a: { x: 10, y: 10 }, b: { x: 12, y: 10 } },
        { kind: 'line', a: { x: 12, y: 10 }, b: { x: 12, y: 12 } },
        { kind: 'line', a: { x: 12, y: 12 }, b: { x: 10, y: 10 } },
      ] },
    ];
    const text = exportDxf(paths);
    expect(text).toMatch(/\$INSUNITS\s*\r?\n\s*70\s*\r?\n\s*4/);
    const r = importDxf(new TextEncoder().encode(text));
    expect(r.units).toMatchObject({ source: 'header', unit: 'mm' });
    expect(r.paths.map((p) => p.layer)).toEqual(['CUT', 'CUT', 'ENGRAVE']);
    for (let i = 0; i < paths.length; i++) {
      expect(r.paths[i].closed).toBe(true);
      expect(segmentsLength(r.paths[i].segments)).toBeCloseTo(segmentsLength(paths[i].segments), 9);
      expect(signedArea(r.paths[i].segments)).toBeCloseTo(signedArea(paths[i].segments), 6);
      expect(segmentsBBox(r.paths[i].segments)).toEqual(expect.objectContaining({ minX: expect.closeTo(segmentsBBox(paths[i].segments).minX, 9) }));
    }
    expect(r.paths[1].segments.every((s) => s.kind === 'arc')).toBe(true); // arcs stay arcs
  });

  it('round-trips random arc chains exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 1, max: 50, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 1, maxLength: 8 }),
        (steps) => {
          let x = 0;
          const segs: Path['segments'] = [];
          for (const [len, bend] of steps) {
            if (Math.abs(bend) < 0.01) segs.push({ kind: 'line', a: { x, y: 0 }, b: { x: x + len, y: 0 } });
            else segs.push({ kind: 'arc', center: { x: x + len / 2, y: 0 }, radius: len / 2, startAngle: Math.PI, sweep: -Math.sign(bend) * Math.PI });
            x += len;
          }
          const r = roundTrip([{ id: 'p', layer: '0', entity: 'X', closed: false, segments: segs }]);
          expect(segmentsLength(r.paths[0].segments)).toBeCloseTo(segmentsLength(segs), 7);
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });
});
