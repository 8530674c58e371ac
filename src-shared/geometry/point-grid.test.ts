import { describe, expect, it } from 'vitest';
import { PointGrid } from './point-grid';

describe('PointGrid.within', () => {
  it('finds exactly the points a brute-force search finds, each once, across growth and any radius', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32) * 4 - 2;
    const grid = new PointGrid(0.1, 4); // grows many times
    const pts: [number, number][] = [];
    for (let i = 0; i < 3000; i++) {
      const p: [number, number] = [rand(), rand()];
      pts.push(p);
      expect(grid.add(p[0], p[1])).toBe(i);
    }
    const out: number[] = [];
    for (const r of [0.01, 0.05, 0.3]) {
      for (let q = 0; q < 200; q++) {
        const x = rand();
        const y = rand();
        const want = pts.flatMap(([px, py], id) => ((px - x) ** 2 + (py - y) ** 2 <= r * r ? [id] : []));
        const n = grid.within(x, y, r, out);
        expect(out.slice(0, n).sort((a, b) => a - b)).toEqual(want);
      }
    }
  });
});
