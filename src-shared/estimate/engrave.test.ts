import { describe, expect, it } from 'vitest';
import type { Path, Segment } from '../geometry/types';
import { GRBL_DEFAULT_SETTINGS, type GrblSettings } from '../planner/settings';
import { buildToolpath, emitGcode } from '../toolpath/index';
import { analyzeFills, rasterTime } from './engrave';

const L = (ax: number, ay: number, bx: number, by: number): Segment => ({ kind: 'line', a: { x: ax, y: ay }, b: { x: bx, y: by } });
const rect = (id: string, x: number, y: number, w: number, h: number): Path => ({
  id, layer: 'E', entity: 'HATCH', closed: true, fill: true, segments: [L(x, y, x + w, y), L(x + w, y, x + w, y + h), L(x + w, y + h, x, y + h), L(x, y + h, x, y)],
});
const preset = { speedMmPerMin: 18000, powerPct: 22, passes: 1, airAssist: true, linePitchMm: 0.1, overscanMm: 2.5 };

describe('fill engraving', () => {
  it('engraves outer minus counters (even-odd) and scans nearby outlines together', () => {
    const g = analyzeFills([rect('a', 0, 0, 40, 10), rect('b', 10, 2, 10, 4), rect('c', 43, 0, 10, 10), rect('far', 200, 0, 10, 10)]);
    expect(g.areaMm2).toBeCloseTo(400 - 40 + 100 + 100, 9);
    expect(g.regions).toHaveLength(2); // a, b and c are within 5 mm of each other; far is alone
    expect(g.regions[0]).toEqual({ minX: 0, minY: 0, maxX: 53, maxY: 10 });
  });

  it('times a raster like the planner times the toolpath generator\'s hatch G-code (within 5 %)', () => {
    const settings: GrblSettings = {
      ...GRBL_DEFAULT_SETTINGS, laserMode: true, stepIdleDelayMs: 255, stepsPerMm: [80, 80, 80],
      maxRateMmPerMin: [24000, 24000, 1000], accelerationMmPerS2: [2500, 2500, 50],
    };
    const fill = rect('f', 10, 10, 50, 12);
    const ours = rasterTime(analyzeFills([fill]).regions, preset, 2500, 2500);
    // Hand check: 120 lines of 55 mm at 300 mm/s, 2500 mm/s² (55/300 + 300/2500 s each) + 119 step-overs of 0.1 mm.
    expect(ours.timeS).toBeCloseTo(120 * (55 / 300 + 300 / 2500) + 119 * 2 * Math.sqrt(0.1 / 2500), 6);
    const program = buildToolpath({ parts: [], contours: [], fills: [fill], layerOps: { E: 'engrave' }, settings: { cut: preset, score: preset, engrave: preset } }, { kerfMm: 0 });
    const ref = emitGcode(program, { settings, jobId: 't', material: 'm', machine: 'k', returnToOrigin: false }).estimate;
    const approach = Math.hypot(7.5, 10.05) / 400; // the G0 from the origin, at most this long at 24000 mm/min
    expect(Math.abs(ours.timeS - (ref.timeS - approach)) / ref.timeS).toBeLessThan(0.05);
  });
});
