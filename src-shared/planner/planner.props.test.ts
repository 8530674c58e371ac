// Properties of the planner port on random programs: every executed block is kinematically feasible (its
// entry and exit speeds reachable within its length at its acceleration, never above its nominal speed), the
// planner is never faster than length ÷ feed, and the result does not depend on how the text is chunked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GcodeEstimator, estimateGcode } from './estimate';
import type { ExecutedBlock } from './motion';
import { parseGrblSettings } from './settings';

const settings = parseGrblSettings('$1=0,$11=0.02,$12=0.01,$32=1,$110=9000,$111=6000,$112=500,$120=800,$121=400,$122=50');

const moveArb = fc.record({
  g: fc.constantFrom(0, 1, 1, 1, 2, 3),
  x: fc.double({ min: -50, max: 50, noNaN: true }),
  y: fc.double({ min: -50, max: 50, noNaN: true }),
  f: fc.integer({ min: 60, max: 12000 }),
});

function program(moves: { g: number; x: number; y: number; f: number }[]): string {
  const lines = ['G21 G90 M4 S500'];
  let px = 0;
  let py = 0;
  for (const m of moves) {
    if (m.g >= 2) {
      // an arc through the current point with its centre halfway to the target: always a valid IJ arc
      const i = (m.x - px) / 2;
      const j = (m.y - py) / 2;
      if (Math.hypot(i, j) < 0.01) continue;
      lines.push(`G${m.g} X${m.x.toFixed(3)} Y${m.y.toFixed(3)} I${i.toFixed(4)} J${j.toFixed(4)} F${m.f}`);
    } else lines.push(`G${m.g} X${m.x.toFixed(3)} Y${m.y.toFixed(3)} F${m.f}`);
    px = Number(m.x.toFixed(3));
    py = Number(m.y.toFixed(3));
  }
  return lines.join('\n');
}

describe('planner properties', () => {
  it('every block is feasible and the plan is never faster than length ÷ feed', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 60 }), (moves) => {
        const blocks: ExecutedBlock[] = [];
        const r = estimateGcode(program(moves), settings, { onBlock: (b) => blocks.push(b) });
        expect(r.errorCount).toBe(0);
        for (const b of blocks) {
          const a = (b.profile.accelMm + b.profile.decelMm + b.profile.cruiseMm) / b.millimeters;
          expect(a).toBeCloseTo(1, 6);
          expect(b.entrySpeed).toBeLessThanOrEqual(b.nominalSpeed * (1 + 1e-9));
          expect(b.exitSpeed).toBeLessThanOrEqual(b.nominalSpeed * (1 + 1e-9) + 1e-9);
          expect(b.profile.peakSpeed).toBeLessThanOrEqual(b.nominalSpeed * (1 + 1e-9));
          // speed change within the block is reachable at the block's acceleration
          const reach = 2 * b.acceleration * b.millimeters;
          expect(Math.abs(b.exitSpeed ** 2 - b.entrySpeed ** 2)).toBeLessThanOrEqual(reach * (1 + 1e-9) + 1e-6);
        }
        expect(blocks.at(-1)?.exitSpeed ?? 0).toBe(0);
        expect(r.timeS).toBeGreaterThanOrEqual(r.naiveTimeS - 1e-9);
        expect(r.cutTimeS + r.travelTimeS + r.dwellTimeS + r.idleDelayS).toBeCloseTo(r.timeS, 9);
      }),
      { numRuns: 80 },
    );
  });

  it('streaming in arbitrary chunks gives the same result as the whole text', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (moves, chunk) => {
        const text = program(moves).replace(/\n/g, '\r\n');
        const whole = estimateGcode(text, settings);
        const est = new GcodeEstimator(settings);
        for (let i = 0; i < text.length; i += chunk) est.pushText(text.slice(i, i + chunk));
        const streamed = est.finish();
        expect(streamed.timeS).toBe(whole.timeS);
        expect(Array.from(streamed.lineEndS)).toEqual(Array.from(whole.lineEndS));
      }),
      { numRuns: 40 },
    );
  });

  it('line end times never decrease', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 40 }), (moves) => {
        const r = estimateGcode(program(moves), settings);
        for (let i = 1; i < r.lineEndS.length; i++) expect(r.lineEndS[i]).toBeGreaterThanOrEqual(r.lineEndS[i - 1]);
        expect(r.lineEndS[r.lineEndS.length - 1]).toBeCloseTo(r.timeS, 9);
      }),
      { numRuns: 40 },
    );
  });
});
