// Hand-computed planner cases: every expected time below comes from closed-form kinematics written out in the
// test, not from running the code under test.
import { describe, expect, it } from 'vitest';
import { arcSegmentCount } from './arc';
import { estimateGcode, timeLeftAfterLine } from './estimate';
import type { ExecutedBlock } from './motion';
import { maxJunctionSpeedSqr } from './planner';
import { parseGrblSettings } from './settings';

// a = 1000 mm/s² on X and Y, feed 3000 mm/min = 50 mm/s, junction deviation 0.01 mm, no idle delay.
const S = parseGrblSettings('$1=0,$11=0.01,$12=0.002,$32=1,$110=6000,$111=6000,$112=600,$120=1000,$121=1000,$122=100');
const A = 1000;
const V = 50;

/** Time of a straight move of length d from rest to rest (trapezoid or triangle), seconds. */
function restToRest(d: number, v: number, a: number): number {
  if (d >= (v * v) / a) return d / v + v / a;
  return 2 * Math.sqrt(d / a);
}

function run(gcode: string, settings = S): { r: ReturnType<typeof estimateGcode>; blocks: ExecutedBlock[] } {
  const blocks: ExecutedBlock[] = [];
  const r = estimateGcode(gcode, settings, { onBlock: (b) => blocks.push(b) });
  return { r, blocks };
}

describe('GRBL planner: single moves', () => {
  it('long line is a trapezoid with t = d/v + v/a', () => {
    const { r, blocks } = run('G1 X100 F3000');
    expect(blocks).toHaveLength(1);
    expect(blocks[0].profile.shape).toBe('trapezoid');
    expect(blocks[0].profile.accelMm).toBeCloseTo((V * V) / (2 * A) , 9);
    expect(r.timeS).toBeCloseTo(100 / V + V / A, 9); // 2.05 s
    expect(r.naiveTimeS).toBeCloseTo(2.0, 9);
  });

  it('short line is a triangle with t = 2·√(d/a)', () => {
    const { r, blocks } = run('G1 X1 F3000');
    expect(blocks[0].profile.shape).toBe('triangle');
    expect(blocks[0].profile.peakSpeed / 60).toBeCloseTo(Math.sqrt(A * 1), 6);
    expect(r.timeS).toBeCloseTo(2 * Math.sqrt(1 / A), 9);
  });

  it('diagonal move: acceleration and rapid rate limited per axis by the unit vector', () => {
    const s = parseGrblSettings('$1=0,$110=6000,$111=3000,$120=1000,$121=250');
    const { blocks } = run('G0 X100 Y100', s);
    const u = Math.SQRT1_2;
    // rapid = min(6000/u, 3000/u) mm/min; accel = min(1000/u, 250/u) mm/s²
    expect(blocks[0].nominalSpeed).toBeCloseTo(3000 / u, 6);
    const v = 3000 / u / 60;
    const a = 250 / u;
    expect(blocks[0].endS).toBeCloseTo(restToRest(100 * Math.SQRT2, v, a), 9);
  });

  it('rapids run at $110 and ignore F', () => {
    const { r } = run('G0 X200 F100');
    expect(r.timeS).toBeCloseTo(restToRest(200, 100, A), 9);
    expect(r.travelTimeS).toBeCloseTo(r.timeS, 12);
    expect(r.cutTimeS).toBe(0);
  });
});

describe('GRBL planner: junctions', () => {
  it('90° corner: junction speed from the junction deviation formula', () => {
    const { r, blocks } = run('G1 X100 F3000\nY100');
    // θ = 90°: sin(θ/2) = √½; junction acceleration along (−1,1)/√2 is a·√2 (per-axis limit).
    const s = Math.SQRT1_2;
    const aj = A * Math.SQRT2;
    const vj2 = (aj * 0.01 * s) / (1 - s); // mm²/s²
    expect(blocks[0].exitSpeed / 60).toBeCloseTo(Math.sqrt(vj2), 6);
    expect(blocks[1].entrySpeed / 60).toBeCloseTo(Math.sqrt(vj2), 6);
    const vj = Math.sqrt(vj2);
    // Each block: accelerate 0→V, cruise, decelerate V→vj (mirror for the second one).
    const accD = (V * V) / (2 * A);
    const decD = (V * V - vj2) / (2 * A);
    const one = V / A + (V - vj) / A + (100 - accD - decD) / V;
    expect(r.timeS).toBeCloseTo(2 * one, 9);
    // and the helper agrees with the formula in mm/min units
    expect(maxJunctionSpeedSqr([1, 0, 0], [0, 1, 0], [A * 3600, A * 3600, 100 * 3600], 0.01)).toBeCloseTo(vj2 * 3600, 3);
  });

  it('straight continuation keeps full speed through the junction', () => {
    const { r, blocks } = run('G1 X50 F3000\nX100');
    expect(blocks[0].exitSpeed).toBeCloseTo(3000, 9);
    expect(r.timeS).toBeCloseTo(restToRest(100, V, A), 9);
  });

  it('a reversal stops at the junction (minimum junction speed 0)', () => {
    const { r, blocks } = run('G1 X100 F3000\nX0');
    expect(blocks[0].exitSpeed).toBe(0);
    expect(r.timeS).toBeCloseTo(2 * restToRest(100, V, A), 9);
  });

  it('feed change: junction entry limited by the slower of the two nominal speeds', () => {
    const { blocks } = run('G1 X100 F3000\nX200 F1200');
    expect(blocks[0].exitSpeed).toBeCloseTo(1200, 9);
  });

  it('look-ahead is 15 blocks: many tiny collinear moves cannot reach a speed needing more distance', () => {
    // 200 moves of 0.1 mm at F6000 (100 mm/s): 15 usable blocks = 1.5 mm of look-ahead. The speed in steady
    // state is limited by stopping within the buffer: v² = 2·a·(15·0.1 mm) − but the executing block's exit
    // is planned with the 14 blocks behind it: v_exit² = 2·a·(14·0.1).
    const lines = ['G1 F6000'];
    for (let i = 1; i <= 200; i++) lines.push(`X${(i * 0.1).toFixed(1)}`);
    const { blocks } = run(lines.join('\n'));
    const mid = blocks[100];
    expect(mid.exitSpeed / 60).toBeCloseTo(Math.sqrt(2 * A * 1.4), 4);
    expect(mid.entrySpeed / 60).toBeCloseTo(Math.sqrt(2 * A * 1.4), 4);
  });
});

describe('GRBL planner: arcs, stops, dwells, relative moves', () => {
  it('arc is split per $12 with the mc_arc formula and runs at feed between ramps', () => {
    const { r, blocks } = run('G0 X0 Y0\nG2 X100 Y0 I50 J0 F3000');
    const expected = Math.floor(Math.abs(0.5 * Math.PI * 50) / Math.sqrt(0.002 * (2 * 50 - 0.002)));
    expect(expected).toBe(175);
    expect(arcSegmentCount(-Math.PI, 50, 0.002)).toBe(175);
    const arcBlocks = blocks.filter((b) => b.tag.line === 1);
    expect(arcBlocks).toHaveLength(175);
    const chordLen = arcBlocks.reduce((s, b) => s + b.millimeters, 0);
    expect(chordLen).toBeGreaterThan(100 * Math.sin(Math.PI / 350) * 175 * 0.9999);
    expect(chordLen).toBeLessThan(50 * Math.PI);
    // Chord corners of π/175 allow far more than 50 mm/s, so after the start from rest (0→V) and the final
    // stop (V→0) the arc cruises at feed; per-axis limited accelerations are ≥ a on these chords.
    const arcTime = r.timeS; // the G0 of zero length adds nothing
    expect(arcTime).toBeGreaterThan(chordLen / V);
    expect(arcTime).toBeLessThanOrEqual(chordLen / V + V / A + 1e-9);
    expect(r.cutTimeS).toBe(0); // no spindle on: a move, not a cut
  });

  it('M4 → M5 forces a full stop; S changes with motion in M4 do not', () => {
    const base = run('M4 S1000\nG1 X50 F3000\nX100\n').r;
    expect(base.timeS).toBeCloseTo(restToRest(100, V, A), 9);
    expect(base.cutTimeS).toBeCloseTo(base.timeS, 12);
    const sChange = run('M4 S1000\nG1 X50 F3000\nX100 S500\n').r;
    expect(sChange.timeS).toBeCloseTo(base.timeS, 12);
    const stop = run('M4 S1000\nG1 X50 F3000\nM5\nM4\nX100\n').r;
    expect(stop.timeS).toBeCloseTo(2 * restToRest(50, V, A), 9);
    expect(stop.stops).toBe(2);
    // An S word on a line of its own while the laser is on syncs too (spindle_sync).
    const sAlone = run('M4 S1000\nG1 X50 F3000\nS500\nX100\n').r;
    expect(sAlone.timeS).toBeCloseTo(2 * restToRest(50, V, A), 9);
  });

  it('each full stop costs the $1 step idle delay', () => {
    const s = parseGrblSettings('$1=25,$11=0.01,$32=1,$110=6000,$111=6000,$120=1000,$121=1000');
    const r = run('M4 S1000\nG1 X50 F3000\nM5\nM4\nX100\n', s).r;
    expect(r.idleDelayS).toBeCloseTo(0.05, 12);
    expect(r.timeS).toBeCloseTo(2 * restToRest(50, V, A) + 0.05, 9);
    const locked = run('G1 X50 F3000\nM5\n', parseGrblSettings('$1=255', s)).r;
    expect(locked.idleDelayS).toBe(0);
  });

  it('G4 dwell syncs the buffer and waits in 50 ms steps', () => {
    const r = run('G1 X50 F3000\nG4 P0.12\nX100').r;
    expect(r.dwellTimeS).toBeCloseTo(0.15, 12);
    expect(r.timeS).toBeCloseTo(2 * restToRest(50, V, A) + 0.15, 9);
  });

  it('G91 relative moves accumulate', () => {
    const { blocks, r } = run('G91 G1 X10 F3000\nX10\nX10');
    expect(blocks).toHaveLength(3);
    expect(r.distanceMm).toBeCloseTo(30, 9);
    expect(r.timeS).toBeCloseTo(restToRest(30, V, A), 9);
  });

  it('G20 converts positions and feed to mm', () => {
    const { r } = run('G20 G1 X1 F60');
    expect(r.distanceMm).toBeCloseTo(25.4, 9);
    expect(r.timeS).toBeCloseTo(restToRest(25.4, 25.4, A), 9);
  });

  it('records when each line finishes, for time left', () => {
    const { r } = run('G1 X50 F3000\nG4 P1\nX100\n');
    expect(r.lineEndS[0]).toBeCloseTo(restToRest(50, V, A), 9);
    expect(r.lineEndS[1]).toBeCloseTo(restToRest(50, V, A) + 1, 9);
    expect(r.lineEndS[2]).toBeCloseTo(r.timeS, 12);
    expect(timeLeftAfterLine(r, -1)).toBe(r.timeS);
    expect(timeLeftAfterLine(r, 1)).toBeCloseTo(restToRest(50, V, A), 9);
    expect(timeLeftAfterLine(r, 2)).toBe(0);
  });
});
