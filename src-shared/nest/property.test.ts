// Property tests: random star-shaped parts with holes, random rotation rules, spacing, mirroring and part-in-part
// on random sheets. Whatever the input, the verifier finds no overlap, no part outside its sheet, and every
// requested copy is either placed or listed as unplaced with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nest } from './search';
import { verifyNest } from './verify';
import type { NestJob, NestPart } from './types';
import type { Ring } from '../geometry/types';

/** A simple polygon: vertices at increasing angles with radii in [r/3, r]. */
const star = (cx: number, cy: number, r: number, radii: number[], ccw: boolean): Ring => {
  const pts = radii.map((f, i) => {
    const a = (2 * Math.PI * i) / radii.length;
    const rr = r * (1 / 3 + (2 / 3) * f);
    return { x: cx + rr * Math.cos(a), y: cy + rr * Math.sin(a) };
  });
  return ccw ? pts : pts.reverse();
};

const partArb = fc.record({
  r: fc.double({ min: 5, max: 40, noNaN: true }),
  radii: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 12 }),
  hole: fc.option(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 8 }), { nil: undefined }),
  quantity: fc.integer({ min: 0, max: 6 }),
  steps: fc.integer({ min: 1, max: 8 }),
});

const jobArb = fc.record({
  parts: fc.array(partArb, { minLength: 1, maxLength: 5 }),
  width: fc.double({ min: 60, max: 300, noNaN: true }),
  height: fc.double({ min: 60, max: 200, noNaN: true }),
  sheets: fc.integer({ min: 1, max: 3 }),
  spacing: fc.double({ min: 0, max: 3, noNaN: true }),
  margin: fc.double({ min: 0, max: 5, noNaN: true }),
  mirror: fc.boolean(),
  partInPart: fc.boolean(),
  seed: fc.nat(),
});

describe('nester properties', () => {
  it('never overlaps, never leaves a sheet, never loses a part', () => {
    fc.assert(
      fc.property(jobArb, (j) => {
        const parts: NestPart[] = j.parts.map((p, i) => ({
          id: `p${i}`,
          quantity: p.quantity,
          rotations: { kind: 'steps', steps: p.steps },
          // every outer vertex is ≥ r/3 from the centre, so its edges stay ≥ r/6 away (worst case: a triangle);
          // a hole of radius ≤ 0.45·r/3 lies inside
          shape: { outer: star(0, 0, p.r, p.radii, true), holes: p.hole ? [star(0, 0, (0.45 * p.r) / 3, p.hole, false)] : [] },
        }));
        if (parts.every((p) => p.quantity === 0)) parts[0].quantity = 1;
        const job: NestJob = {
          parts,
          sheets: [{ width: j.width, height: j.height, count: j.sheets, margin: j.margin }],
          spacing: j.spacing,
          mirror: j.mirror,
          partInPart: j.partInPart,
          seed: j.seed,
          seconds: 120,
          maxEvaluations: 6,
        };
        const r = nest(job);
        expect(verifyNest(job, r)).toEqual([]);
        expect(r.placements.length + r.unplaced.length).toBe(parts.reduce((s, p) => s + p.quantity, 0));
      }),
      { numRuns: 40, seed: 20261125 },
    );
  }, 120_000);
});
