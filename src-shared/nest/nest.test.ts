// Every ESICUP fixture nested with a short budget and checked by the independent verifier; sheet mode with spacing,
// margins, used regions, part-in-part and mirroring; bad input.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nest } from './search';
import { parseEsicup } from './esicup';
import { verifyNest } from './verify';
import { NestInputError } from './validate';
import type { NestJob, NestPart } from './types';
import type { Ring } from '../geometry/types';

const dir = new URL('../../test/fixtures/nesting/', import.meta.url);
const instances = readdirSync(dir).filter((f) => f.endsWith('.json'));

const rect = (w: number, h: number, x = 0, y = 0): Ring => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];
const part = (id: string, outer: Ring, quantity: number, holes: Ring[] = []): NestPart => ({ id, shape: { outer, holes }, quantity });

describe('ESICUP strip instances', () => {
  it('has all nine fixtures', () => expect(instances.length).toBe(9));
  for (const file of instances) {
    it(`${file}: valid layout, every piece placed`, () => {
      const { job } = parseEsicup(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file);
      // An evaluation budget, not a time budget: the result must not depend on the machine's load.
      const r = nest({ ...job, seconds: 120, maxEvaluations: 25, seed: 7 });
      expect(verifyNest(job, r)).toEqual([]);
      expect(r.unplaced).toEqual([]);
      expect(r.placements.length).toBe(job.parts.reduce((s, p) => s + p.quantity, 0));
      expect(r.strip!.length).toBeGreaterThan(0);
      expect(r.utilisation).toBeGreaterThan(0.5);
      expect(r.utilisation).toBeLessThan(1);
    });
  }
});

describe('placement rules of the two workers', () => {
  const squares: NestJob = { parts: [part('sq', rect(1, 1), 4)], sheets: [], strip: { height: 10 }, seed: 1, maxEvaluations: 1 };
  it('start 0 stacks parts up the strip (lowest x + 0.25·y)', () => {
    const r = nest(squares, { start: 0 });
    expect(r.placements.map((p) => Math.round(p.x))).toEqual([0, 0, 0, 0]);
  });
  it('start 1 fills the bottom first (lowest y in the leftmost window with room)', () => {
    const r = nest(squares, { start: 1 });
    expect(r.placements.map((p) => Math.round(p.y))).toEqual([0, 0, 0, 0]);
    expect(r.placements.map((p) => Math.round(p.x)).sort()).toEqual([0, 1, 2, 3]);
  });
  for (const file of ['shapes0.json', 'blaz1.json']) {
    it(`${file}: start 1 gives a valid layout with every piece placed`, () => {
      const { job } = parseEsicup(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file);
      const r = nest({ ...job, seconds: 120, maxEvaluations: 25, seed: 7 }, { start: 1 });
      expect(verifyNest(job, r)).toEqual([]);
      expect(r.unplaced).toEqual([]);
    });
  }
});

describe('sheet mode', () => {
  it('keeps spacing and margins, uses rotations, reports utilisation and offcut', () => {
    const job: NestJob = {
      parts: [part('L', [{ x: 0, y: 0 }, { x: 80, y: 0 }, { x: 80, y: 20 }, { x: 20, y: 20 }, { x: 20, y: 60 }, { x: 0, y: 60 }], 6), part('sq', rect(25, 25), 8)],
      sheets: [{ width: 300, height: 200, margin: 5 }],
      spacing: 3,
      rotations: { kind: 'steps', steps: 4 },
      seconds: 1,
      seed: 3,
    };
    const r = nest(job);
    expect(verifyNest(job, r)).toEqual([]);
    expect(r.unplaced).toEqual([]);
    expect(r.sheets).toHaveLength(1);
    expect(r.sheets[0].utilisation).toBeCloseTo((6 * 2400 + 8 * 625) / 60000, 6);
    expect(r.offcut).not.toBeNull();
    expect(r.offcut!.area).toBeGreaterThan(0);
  });

  it('opens a second sheet when the first is full and reports what fits nowhere', () => {
    const job: NestJob = { parts: [part('p', rect(90, 90), 7)], sheets: [{ width: 200, height: 200, count: 1 }, { width: 100, height: 100 }], spacing: 2, seconds: 0.5 };
    const r = nest(job);
    expect(verifyNest(job, r)).toEqual([]);
    expect(r.placements.filter((p) => p.sheet === 0)).toHaveLength(4);
    expect(r.placements.filter((p) => p.sheet === 1)).toHaveLength(1);
    expect(r.unplaced.map((u) => u.reason)).toEqual(['no-room', 'no-room']);
  });

  it('avoids used regions of an offcut', () => {
    const job: NestJob = { parts: [part('p', rect(40, 40), 6)], sheets: [{ width: 200, height: 100, used: [{ outer: rect(60, 60), holes: [] }] }], spacing: 1, seconds: 0.5 };
    const r = nest(job);
    expect(verifyNest(job, r)).toEqual([]);
    expect(r.unplaced).toEqual([]);
  });

  it('puts small parts into holes with part-in-part, not without', () => {
    const frame = part('frame', rect(100, 100), 1, [rect(80, 80, 10, 10)]);
    const small = part('small', rect(30, 30), 4);
    const sheets = [{ width: 104, height: 104 }];
    const on: NestJob = { parts: [frame, small], sheets, spacing: 2, partInPart: true, seconds: 0.5 };
    const r = nest(on);
    expect(verifyNest(on, r)).toEqual([]);
    expect(r.unplaced).toEqual([]);
    const off: NestJob = { ...on, partInPart: false };
    const r2 = nest(off);
    expect(verifyNest(off, r2)).toEqual([]);
    expect(r2.unplaced.length).toBeGreaterThan(0);
    expect(r2.unplaced.length + r2.placements.length).toBe(5);
  });

  it('mirrors when allowed and same seed gives the same layout', () => {
    const tri = part('tri', [{ x: 0, y: 0 }, { x: 60, y: 0 }, { x: 0, y: 30 }], 9);
    const job: NestJob = { parts: [tri], sheets: [{ width: 130, height: 100 }], mirror: true, rotations: { kind: 'list', degrees: [0, 90, 180, 270] }, maxEvaluations: 40, seconds: 30, seed: 11 };
    const a = nest(job);
    const b = nest(job);
    expect(verifyNest(job, a)).toEqual([]);
    expect(a.placements).toEqual(b.placements);
    expect(a.evaluations).toBe(40);
  });
});

describe('bad input', () => {
  it('reports a part larger than every sheet', () => {
    const job: NestJob = { parts: [part('big', rect(500, 500), 2), part('ok', rect(10, 10), 1)], sheets: [{ width: 300, height: 300 }], seconds: 0.3 };
    const r = nest(job);
    expect(verifyNest(job, r)).toEqual([]);
    expect(r.unplaced).toHaveLength(2);
    expect(r.unplaced[0]).toMatchObject({ part: 'big', reason: 'too-large' });
    expect(r.unplaced[0].message).toMatch(/does not fit/);
  });

  it('rejects a job where every quantity is zero, skips zero-quantity parts otherwise', () => {
    expect(() => nest({ parts: [part('z', rect(10, 10), 0)], sheets: [{ width: 100, height: 100 }] })).toThrow(NestInputError);
    const job: NestJob = { parts: [part('z', rect(10, 10), 0), part('a', rect(10, 10), 1)], sheets: [{ width: 100, height: 100 }], seconds: 0.2 };
    expect(nest(job).placements).toHaveLength(1);
  });

  it('reports a self-intersecting outline with its location', () => {
    const bow: Ring = [{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 10, y: 0 }, { x: 0, y: 10 }];
    const job: NestJob = { parts: [part('bow', bow, 1), part('a', rect(10, 10), 1)], sheets: [{ width: 100, height: 100 }], seconds: 0.2 };
    const r = nest(job);
    expect(r.unplaced).toEqual([expect.objectContaining({ part: 'bow', reason: 'invalid-geometry', message: expect.stringContaining('crosses itself near (5.000, 5.000)') })]);
  });

  it('rejects negative quantities, bad sheets and bad spacing with a clear message', () => {
    expect(() => nest({ parts: [part('a', rect(1, 1), -1)], sheets: [{ width: 10, height: 10 }] })).toThrow(/quantity must be a whole number/);
    expect(() => nest({ parts: [part('a', rect(1, 1), 1)], sheets: [{ width: 0, height: 10 }] })).toThrow(/width and height/);
    expect(() => nest({ parts: [part('a', rect(1, 1), 1)], sheets: [{ width: 10, height: 10 }], spacing: -1 })).toThrow(/spacing/);
  });

  it('10,000 copies of a small part: complete, reported result within the budget', () => {
    const job: NestJob = { parts: [part('chip', rect(8, 5), 10_000)], sheets: [{ width: 300, height: 200, count: 2 }], spacing: 1, seconds: 4 };
    const t = Date.now();
    const r = nest(job);
    const took = (Date.now() - t) / 1000;
    // the first layout may use up to max(budget, 10 s); generous margin for a loaded machine, the point is no hang
    expect(took).toBeLessThan(Math.max(job.seconds!, 10) + 10);
    expect(r.placements.length + r.unplaced.length).toBe(10_000);
    expect(r.placements.length).toBeGreaterThan(0);
    for (const u of r.unplaced) expect(['time-budget', 'no-room']).toContain(u.reason);
    expect(verifyNest(job, r)).toEqual([]);
  }, 30_000);
});
