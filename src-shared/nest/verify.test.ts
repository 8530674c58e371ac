// The verifier must catch what it is there to catch: overlaps, spacing violations, parts off the sheet or on a
// used region, lost and duplicated copies. Hand-made results with known faults.
import { describe, expect, it } from 'vitest';
import { verifyNest } from './verify';
import type { NestJob, NestResult, Placement } from './types';

const sq = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
const job: NestJob = { parts: [{ id: 'a', quantity: 2, shape: { outer: sq, holes: [] } }], sheets: [{ width: 100, height: 50, used: [{ outer: [{ x: 80, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }, { x: 80, y: 50 }], holes: [] }] }], spacing: 2 };
const at = (x: number, y: number, instance: number, extra: Partial<Placement> = {}): Placement => ({ part: 'a', instance, sheet: 0, x, y, rotation: 0, mirrored: false, ...extra });
const result = (placements: Placement[]): NestResult => ({
  sheets: [], utilisation: 0, placements, unplaced: [], offcut: null, evaluations: 1, seconds: 0, seed: 1,
});

describe('verifyNest', () => {
  it('accepts parts exactly the spacing apart', () => {
    expect(verifyNest(job, result([at(0, 0, 0), at(12, 0, 1)]))).toEqual([]);
  });
  it('flags overlap and spacing violations', () => {
    expect(verifyNest(job, result([at(0, 0, 0), at(5, 5, 1)]))[0]).toMatch(/overlap/);
    expect(verifyNest(job, result([at(0, 0, 0), at(11.9, 0, 1)]))[0]).toMatch(/overlap by 9\.\d+e-1/);
  });
  it('flags a rotated part crossing a neighbour', () => {
    // a quarter turn about the origin puts the square at x ∈ [−10, 0] before the translation
    expect(verifyNest(job, result([at(0, 0, 0), at(22, 0, 1, { rotation: 90 })]))).toEqual([]);
    expect(verifyNest(job, result([at(0, 0, 0), at(15, 0, 1, { rotation: 90 })])).length).toBe(1);
  });
  it('flags parts off the sheet or on a used region', () => {
    expect(verifyNest(job, result([at(-1, 0, 0), at(30, 0, 1)]))[0]).toMatch(/leaves the usable area/);
    expect(verifyNest(job, result([at(0, 0, 0), at(69, 0, 1)]))[0]).toMatch(/used region/);
  });
  it('flags lost and duplicated copies', () => {
    expect(verifyNest(job, result([at(0, 0, 0)]))).toEqual(['part "a" copy 1 appears 0 times in placements + unplaced']);
    expect(verifyNest(job, result([at(0, 0, 0), at(20, 0, 0)]))[0]).toMatch(/copy 0 appears 2 times/);
  });
});
