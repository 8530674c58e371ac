import { describe, expect, it } from 'vitest';
import { GRBL_DEFAULT_SETTINGS, type GrblSettings } from '../planner/settings';
import type { MotionPlan } from './order';
import { analyzeDesign } from './analyze';
import { syntheticDesign } from './synthetic';
import { fullReplan, maxRelativeDifference } from './test/full-replan';
import { GrblPlannerTimeModel, type MotionParams } from './time-model';

const settings: GrblSettings = {
  ...GRBL_DEFAULT_SETTINGS,
  laserMode: true,
  stepIdleDelayMs: 255,
  stepsPerMm: [80, 80, 80],
  maxRateMmPerMin: [6000, 6000, 1000],
  accelerationMmPerS2: [1000, 1000, 100],
};
const params = (over: Partial<MotionParams> = {}): MotionParams => ({
  settings, cut: { feedMmPerMin: 600, passes: 1 }, score: { feedMmPerMin: 3000, passes: 1 }, pierceS: 0, ...over,
});
const line: MotionPlan = { runs: [{ op: 'cut', closed: false, segments: [{ kind: 'line', a: { x: 0, y: 0 }, b: { x: 100, y: 0 } }] }], travelMm: 0 };

describe('GrblPlannerTimeModel', () => {
  it('times one long cut as a trapezoid: L/v + v/a (hand computed)', () => {
    const r = new GrblPlannerTimeModel().time(line, params());
    // 100 mm at 10 mm/s with 1000 mm/s² from and to a stop: 10 s + 10/1000 s.
    expect(r.cutTimeS).toBeCloseTo(10.01, 6);
    expect(r.naiveTimeS).toBeCloseTo(10, 6);
    expect(r.travelTimeS).toBe(0);
  });

  it('adds the pierce dwell in GRBL 50 ms steps, the $1 idle delay at the stop, and repeats passes', () => {
    const r = new GrblPlannerTimeModel().time(line, params({ pierceS: 0.23, settings: { ...settings, stepIdleDelayMs: 25 } }));
    expect(r.dwellTimeS).toBeCloseTo(0.25, 9);
    expect(r.idleDelayS).toBeGreaterThan(0);
    const twice = new GrblPlannerTimeModel().time(line, params({ cut: { feedMmPerMin: 600, passes: 2 } }));
    expect(twice.cutTimeS).toBeGreaterThan(20);
    expect(twice.travelTimeS).toBeGreaterThan(0); // rapid back to the start between passes
  });

  it('memoises per plan and parameters', () => {
    const model = new GrblPlannerTimeModel();
    const a = model.time(line, params());
    expect(model.time(line, params())).toBe(a);
    expect(model.time(line, params({ cut: { feedMmPerMin: 1200, passes: 1 } }))).not.toBe(a);
  });

  it('times a full circle through mc_arc: slower than length ÷ feed', () => {
    const circle: MotionPlan = {
      runs: [{ op: 'cut', closed: true, segments: [{ kind: 'arc', center: { x: 5, y: 0 }, radius: 5, startAngle: Math.PI, sweep: 2 * Math.PI }] }],
      travelMm: 0,
    };
    const r = new GrblPlannerTimeModel().time(circle, params({ cut: { feedMmPerMin: 3000, passes: 1 } }));
    expect(r.cutMm).toBeCloseTo(2 * Math.PI * 5, 1);
    expect(r.blocks).toBeGreaterThan(50);
    expect(r.cutTimeS).toBeGreaterThan(r.naiveTimeS);
  });
});

describe('GrblPlannerTimeModel gives what a full replan gives', () => {
  // Plates with 14 round holes each (repeated shapes), an open score line and a filled label; plus a run of
  // partial arcs and zigzags that never repeats, so shared and unshared planning both occur.
  const design = syntheticDesign(1200);
  const analysis = analyzeDesign(design);
  const zigzag: MotionPlan['runs'][number] = {
    op: 'cut',
    closed: false,
    segments: [
      { kind: 'line', a: { x: 900, y: 900 }, b: { x: 903.3, y: 901.7 } },
      { kind: 'arc', center: { x: 905, y: 901.7 }, radius: 1.7, startAngle: Math.PI, sweep: -2.1 },
      { kind: 'line', a: { x: 905.85, y: 903.17 }, b: { x: 920, y: 880 } },
    ],
  };
  const plan: MotionPlan = { ...analysis.motion, runs: [...analysis.motion.runs, zigzag] };
  const cases: [string, MotionParams][] = [
    ['pierce, one pass', params({ pierceS: 0.3 })],
    ['pierce, 3 cut passes, 2 score passes, $1 = 25 ms', params({ pierceS: 0.2, cut: { feedMmPerMin: 900, passes: 3 }, score: { feedMmPerMin: 6000, passes: 2 }, settings: { ...settings, stepIdleDelayMs: 25 } })],
    ['no pierce (nothing starts from rest)', params({ pierceS: 0, cut: { feedMmPerMin: 1500, passes: 2 } })],
    ['a fast machine: feeds above the rapid rate', params({ pierceS: 0.1, cut: { feedMmPerMin: 20000, passes: 1 }, settings: { ...settings, junctionDeviationMm: 0.05, accelerationMmPerS2: [3000, 1500, 100] } })],
  ];
  for (const [name, p] of cases) {
    it(name, () => {
      const model = new GrblPlannerTimeModel();
      const first = model.time(plan, p);
      const reference = fullReplan(plan, p);
      expect(first.blocks).toBe(reference.blocks);
      expect(first.stops).toBe(reference.stops);
      expect(maxRelativeDifference(first, reference)).toBeLessThan(1e-12);
      // A re-quote with other feeds reuses the prepared blocks and replayed shapes of the first.
      const other = { ...p, cut: { ...p.cut, feedMmPerMin: p.cut.feedMmPerMin * 0.7 } };
      expect(maxRelativeDifference(model.time(plan, other), fullReplan(plan, other))).toBeLessThan(1e-12);
    });
  }

});
