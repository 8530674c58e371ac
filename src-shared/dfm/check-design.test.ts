import { describe, expect, it } from 'vitest';
import { buildContours } from '../geometry/contours';
import { bulgeToSegment } from '../geometry/segments';
import type { Path, Segment, Vec2 } from '../geometry/types';
import { checkDesign } from './check-design';
import { FINDING_TITLES } from './messages';

let n = 0;
const poly = (pts: Vec2[], closed = true, layer = 'CUT'): Path => {
  const segments: Segment[] = pts.slice(0, closed ? pts.length : pts.length - 1).map((a, i) => ({ kind: 'line', a, b: pts[(i + 1) % pts.length] }));
  return { id: `t${n++}`, layer, entity: 'LWPOLYLINE', segments, closed, handle: `H${n}` };
};
const rect = (x: number, y: number, w: number, h: number) => poly([{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }]);
const circle = (x: number, y: number, r: number): Path => ({
  id: `t${n++}`, layer: 'CUT', entity: 'CIRCLE', closed: true,
  segments: [bulgeToSegment({ x: x - r, y }, { x: x + r, y }, 1), bulgeToSegment({ x: x + r, y }, { x: x - r, y }, 1)],
});
const codes = (paths: Path[], opts = {}) => {
  const { contours, parts } = buildContours(paths);
  return checkDesign(contours, parts, { paths, ...opts });
};

describe('checkDesign', () => {
  it('finds nothing wrong with a plain plate with a large hole', () => {
    expect(codes([rect(0, 0, 100, 50), circle(50, 25, 10)], { kerfMm: 0.2, thicknessMm: 3, sheets: [{ w: 600, h: 400 }] })).toEqual([]);
  });

  it('reports open contours, zero length, duplicates and self-intersections with handle and location', () => {
    const bowtie = poly([{ x: 200, y: 0 }, { x: 210, y: 10 }, { x: 210, y: 0 }, { x: 200, y: 10 }]);
    const f = codes([rect(0, 0, 100, 50), rect(0, 0, 100, 50), poly([{ x: 0, y: 80 }, { x: 40, y: 80 }], false), bowtie]);
    const found = new Set(f.map((x) => x.code));
    expect(found).toEqual(new Set(['OPEN_CONTOUR', 'DUPLICATE_SEGMENT', 'SELF_INTERSECTION']));
    const open = f.find((x) => x.code === 'OPEN_CONTOUR')!;
    expect(open).toMatchObject({ layer: 'CUT', at: { x: 0, y: 80 } });
    expect(open.handle).toMatch(/^H/);
    expect(f.find((x) => x.code === 'SELF_INTERSECTION')!.at).toEqual({ x: 205, y: 5 });
  });

  it('flags holes smaller than the thickness, parts larger than every sheet, and far drawings', () => {
    const f = codes([rect(5000, 5000, 700, 50), circle(5010, 5025, 1)], { thicknessMm: 3, sheets: [{ w: 600, h: 400 }, { w: 300, h: 300 }] });
    expect(f.map((x) => x.code).sort()).toEqual(['FAR_FROM_ORIGIN', 'HOLE_SMALLER_THAN_THICKNESS', 'PART_LARGER_THAN_SHEET']);
  });

  it('finds a web and a slot narrower than the kerf, and not on clean parts', () => {
    // Two 20 mm squares joined by a 0.1 mm web; a plate with a 0.1 mm wide slot.
    const web = poly([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 9.95 }, { x: 40, y: 9.95 }, { x: 40, y: 0 }, { x: 60, y: 0 }, { x: 60, y: 20 }, { x: 40, y: 20 }, { x: 40, y: 10.05 }, { x: 20, y: 10.05 }, { x: 20, y: 20 }, { x: 0, y: 20 }]);
    const slot = poly([{ x: 100, y: 0 }, { x: 150, y: 0 }, { x: 150, y: 20 }, { x: 125.05, y: 20 }, { x: 125.05, y: 5 }, { x: 124.95, y: 5 }, { x: 124.95, y: 20 }, { x: 100, y: 20 }]);
    const f = codes([web, slot], { kerfMm: 0.3 }).filter((x) => x.code === 'FEATURE_TOO_NARROW');
    expect(f.length).toBeGreaterThanOrEqual(2);
    expect(f.some((x) => x.at!.x > 20 && x.at!.x < 40)).toBe(true);
    expect(f.some((x) => x.at!.x > 124 && x.at!.x < 126)).toBe(true);
  });

  it('reports unconverted texts and has an Indonesian title for every code it emits', () => {
    const f = checkDesign([], [], { unconvertedTexts: [{ text: 'ACME', layer: 'ENGRAVE', at: { x: 1, y: 2 }, font: 'gothic.shx' }] });
    expect(f).toMatchObject([{ code: 'TEXT_NOT_CONVERTED', layer: 'ENGRAVE', at: { x: 1, y: 2 } }]);
    for (const code of ['OPEN_CONTOUR', 'DUPLICATE_SEGMENT', 'SELF_INTERSECTION', 'FEATURE_TOO_NARROW', 'HOLE_SMALLER_THAN_THICKNESS', 'TEXT_NOT_CONVERTED', 'PART_LARGER_THAN_SHEET', 'ZERO_LENGTH', 'FAR_FROM_ORIGIN', 'UNITS_INFERRED']) {
      expect(FINDING_TITLES[code]?.id, code).toBeTruthy();
    }
  });
});
