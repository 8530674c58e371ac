import { describe, expect, it } from 'vitest';
import { GRBL_DEFAULT_SETTINGS, type GrblSettings } from '../planner/settings';
import type { MotionPlan } from './order';
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
