import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentsLength, signedArea } from '../geometry/segments';
import type { LayerInfo } from '../geometry/types';
import { booleanPaths } from './boolean';
import { alignPaths, arrayPaths, deletePaths, duplicatePaths, mirror, moveBy, pathsBBox, rotateBy, scaleBy, updateLayer, type EditorDoc } from './document';
import { canRedo, commit, redo, startHistory, undo } from './history';
import { circlePath, polygonPath, rectanglePath } from './shapes';

const layer = (name: string, extra: Partial<LayerInfo> = {}): LayerInfo => ({ name, operation: 'cut', visible: true, locked: false, ...extra });
const doc = (): EditorDoc => ({
  layers: [layer('0'), layer('locked', { locked: true })],
  paths: [
    rectanglePath({ id: 'r', layer: '0', x: 0, y: 0, width: 100, height: 50, radius: 5 }),
    circlePath({ id: 'c', layer: '0', cx: 50, cy: 25, radius: 10 }),
    circlePath({ id: 'l', layer: 'locked', cx: 200, cy: 0, radius: 1 }),
  ],
});
const area = (d: EditorDoc, id: string) => Math.abs(signedArea(d.paths.find((p) => p.id === id)!.segments));

describe('editor shapes', () => {
  it('rounded rectangle has exact area and perimeter', () => {
    const r = doc().paths[0];
    expect(Math.abs(signedArea(r.segments))).toBeCloseTo(100 * 50 - (4 - Math.PI) * 25, 9);
    expect(segmentsLength(r.segments)).toBeCloseTo(2 * (90 + 40) + 2 * Math.PI * 5, 9);
  });
  it('polygon and bad input', () => {
    expect(Math.abs(signedArea(polygonPath({ id: 'p', layer: '0', cx: 0, cy: 0, radius: 1, sides: 4 }).segments))).toBeCloseTo(2, 9);
    expect(() => rectanglePath({ id: 'x', layer: '0', x: 0, y: 0, width: 0, height: 1 })).toThrow(/positive/);
    expect(() => polygonPath({ id: 'x', layer: '0', cx: 0, cy: 0, radius: 1, sides: 2 })).toThrow(/3–1000/);
  });
});

describe('editor edits', () => {
  it('moves, rotates, mirrors and scales exactly, and never touches locked layers', () => {
    const all = new Set(['r', 'c', 'l']);
    const d0 = doc();
    const moved = moveBy(d0, all, 10, -5);
    expect(pathsBBox([moved.paths[0]])).toEqual({ minX: 10, minY: -5, maxX: 110, maxY: 45 });
    expect(moved.paths[2]).toBe(d0.paths[2]);
    const rotated = rotateBy(doc(), new Set(['r']), 90);
    const b = pathsBBox([rotated.paths[0]]);
    expect(b.maxX - b.minX).toBeCloseTo(50, 9);
    expect(area(rotated, 'r')).toBeCloseTo(area(doc(), 'r'), 9);
    const mirrored = mirror(doc(), new Set(['r']), 'horizontal');
    expect(signedArea(mirrored.paths[0].segments)).toBeCloseTo(-signedArea(doc().paths[0].segments), 9);
    expect(area(scaleBy(doc(), new Set(['c']), 2), 'c')).toBeCloseTo(Math.PI * 400, 9);
    expect(() => scaleBy(doc(), new Set(['c']), 0)).toThrow();
  });

  it('duplicates, arrays, aligns and deletes', () => {
    const dup = duplicatePaths(doc(), new Set(['c']), 30, 0);
    expect(dup.doc.paths).toHaveLength(4);
    expect(pathsBBox(dup.doc.paths.filter((p) => dup.ids.has(p.id))).minX).toBeCloseTo(70, 9);
    const arr = arrayPaths(doc(), new Set(['c']), { rows: 3, cols: 4, dx: 25, dy: 0, rowDy: 25 });
    expect(arr.ids.size).toBe(11);
    const again = arrayPaths(arr.doc, new Set(['c']), { rows: 1, cols: 2, dx: 5, dy: 0, rowDy: 0 });
    expect(new Set(again.doc.paths.map((p) => p.id)).size).toBe(again.doc.paths.length);
    expect(() => arrayPaths(doc(), new Set(['c']), { rows: 0, cols: 1, dx: 0, dy: 0, rowDy: 0 })).toThrow();
    const aligned = alignPaths(doc(), new Set(['r', 'c']), 'left');
    expect(pathsBBox([aligned.paths[1]]).minX).toBeCloseTo(0, 9);
    expect(deletePaths(doc(), new Set(['c', 'l'])).paths.map((p) => p.id)).toEqual(['r', 'l']);
    expect(updateLayer(doc(), 'locked', { locked: false }).layers[1].locked).toBe(false);
  });

  it('union and difference of closed shapes', () => {
    const d: EditorDoc = { layers: [layer('0')], paths: [
      rectanglePath({ id: 'a', layer: '0', x: 0, y: 0, width: 10, height: 10 }),
      rectanglePath({ id: 'b', layer: '0', x: 5, y: 0, width: 10, height: 10 }),
    ] };
    const u = booleanPaths(d, new Set(['a', 'b']), 'union');
    expect(u.doc.paths).toHaveLength(1);
    expect(Math.abs(signedArea(u.doc.paths[0].segments))).toBeCloseTo(150, 6);
    const diff = booleanPaths(d, new Set(['a', 'b']), 'difference');
    expect(Math.abs(signedArea(diff.doc.paths[0].segments))).toBeCloseTo(50, 6);
    expect(() => booleanPaths(d, new Set(['a']), 'union')).toThrow(/two/);
  });

  it('undo/redo returns every earlier document exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 1, maxLength: 20 }), (moves) => {
        let h = startHistory(doc());
        const seen = [h.present];
        for (const [dx, dy] of moves) {
          h = commit(h, moveBy(h.present, new Set(['r']), dx, dy));
          seen.push(h.present);
        }
        for (let i = seen.length - 1; i >= 0; i--) {
          expect(h.present).toBe(seen[i]);
          h = undo(h);
        }
        while (canRedo(h)) h = redo(h);
        expect(h.present).toBe(seen[seen.length - 1]);
      }),
      { numRuns: 50 },
    );
  });
});
