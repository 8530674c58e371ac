import { describe, expect, it } from 'vitest';
import { segmentsBBox, signedArea } from '../geometry/segments';
import type { LayerInfo } from '../geometry/types';
import { designParts, placePaths } from './design-parts';
import { circlePath, rectanglePath } from './shapes';

const layers: LayerInfo[] = [
  { name: 'CUT', operation: 'cut', visible: true, locked: false },
  { name: 'ENG', operation: 'engrave', visible: true, locked: false },
];

describe('design parts', () => {
  const paths = [
    rectanglePath({ id: 'plate', layer: 'CUT', x: 0, y: 0, width: 100, height: 60 }),
    circlePath({ id: 'hole', layer: 'CUT', cx: 50, cy: 30, radius: 20 }),
    circlePath({ id: 'island', layer: 'CUT', cx: 50, cy: 30, radius: 5 }),
    rectanglePath({ id: 'logo', layer: 'ENG', x: 5, y: 5, width: 10, height: 5 }),
  ];
  const parts = designParts('d', paths, layers);

  it('makes a part per outer contour with its holes, islands as their own parts, and engraving kept with its part', () => {
    expect(parts).toHaveLength(2);
    const plate = parts.find((p) => p.shape.holes.length === 1)!;
    expect(plate.paths.map((p) => p.id).sort()).toEqual(['hole', 'logo', 'plate']);
    const island = parts.find((p) => p !== plate)!;
    expect(island.paths.map((p) => p.id)).toEqual(['island']);
    expect(Math.abs(signedArea(plate.paths.find((p) => p.id === 'plate')!.segments))).toBe(6000);
  });

  it('places paths with the nester convention: mirror X, rotate CCW, translate', () => {
    const plate = parts.find((p) => p.shape.holes.length === 1)!;
    const placed = placePaths(plate, { instance: 0, x: 200, y: 10, rotation: 90, mirrored: false });
    const box = segmentsBBox(placed.find((p) => p.id.startsWith('plate@'))!.segments);
    expect(box.minX).toBeCloseTo(140, 9);
    expect(box.maxX).toBeCloseTo(200, 9);
    expect(box.minY).toBeCloseTo(10, 9);
    expect(box.maxY).toBeCloseTo(110, 9);
    expect(new Set(placed.map((p) => p.id)).size).toBe(placed.length);
  });
});
