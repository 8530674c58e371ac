// Cross-check against GRBL's own arithmetic. The reference times below came from a local, uncommitted C harness
// built from grbl 1.1's planner.c (plan_buffer_line, planner_recalculate), stepper.c (st_prep_buffer's segment
// generator in DT_SEGMENT slices, step rounding, AMASS timer cycles at 16 MHz) and motion_control.c (mc_arc),
// all in AVR-style 32-bit float, fed the same motion commands this interpreter produces from the program
// below. "isrS" is the time the stepper interrupt would take to emit every step — the machine's real time.
// Our double-precision analytic port must agree within 0.1 %.
import { describe, expect, it } from 'vitest';
import { estimateGcode } from './estimate';
import { parseGrblSettings } from './settings';

/** The synthetic laser job used for the cross-check (7,335 lines: G2 circles, polygons, strokes, pierces, raster). */
function crossCheckJob(): string {
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const L = ['G21 G90', 'M4 S0', 'G0 X0 Y0'];
  for (let k = 0; k < 20; k++) {
    const cx = 20 + rnd() * 300;
    const cy = 20 + rnd() * 300;
    const r = 1 + rnd() * 30;
    L.push(`G0 X${(cx + r).toFixed(3)} Y${cy.toFixed(3)}`);
    if (k % 2) L.push(`G2 X${(cx + r).toFixed(3)} Y${cy.toFixed(3)} I${(-r).toFixed(3)} J0 S800 F${1000 + Math.floor(rnd() * 3000)}`);
    else
      for (let i = 1; i <= 72; i++) {
        const a = (i / 72) * 2 * Math.PI;
        L.push(`G1 X${(cx + r * Math.cos(a)).toFixed(3)} Y${(cy + r * Math.sin(a)).toFixed(3)} S800 F2500`);
      }
  }
  for (let k = 0; k < 200; k++) {
    let x = rnd() * 300;
    let y = rnd() * 300;
    L.push(`G0 X${x.toFixed(3)} Y${y.toFixed(3)}`);
    for (let i = 0; i < 30; i++) {
      x += (rnd() - 0.5) * 2;
      y += (rnd() - 0.5) * 2;
      L.push(`G1 X${x.toFixed(3)} Y${y.toFixed(3)} S${Math.floor(rnd() * 1000)} F3000`);
    }
  }
  for (let k = 0; k < 10; k++) {
    const x = rnd() * 200;
    const y = rnd() * 200;
    const w = 5 + rnd() * 80;
    const h = 5 + rnd() * 80;
    L.push('M5', `G0 X${x.toFixed(3)} Y${y.toFixed(3)}`, 'M4 S1000', 'G4 P0.2', `G1 X${(x + w).toFixed(3)} F1500`, `Y${(y + h).toFixed(3)}`, `X${x.toFixed(3)}`, `Y${y.toFixed(3)}`);
  }
  for (let k = 0; k < 100; k++) {
    const y = 350 + k * 0.1;
    L.push(`G0 X0 Y${y.toFixed(3)}`, `G1 X${(50 + rnd() * 5).toFixed(3)} S500 F6000`, 'G0 X60');
  }
  L.push('M5', 'M2');
  return `${L.join('\n')}\n`;
}

const CASES = [
  {
    grbl: '$1=25,$11=0.01,$12=0.002,$32=1,$100=80,$101=80,$102=80,$110=6000,$111=6000,$112=500,$120=1000,$121=1000,$122=100',
    isrS: 855.024585,
    blocks: 9474,
  },
  { grbl: '$1=25,$11=0.02,$12=0.01,$32=1,$100=250,$101=250,$110=12000,$111=9000,$120=2500,$121=1500', isrS: 614.932203, blocks: 8262 },
  { grbl: '$1=255,$32=0', isrS: 9227.370178, blocks: 9474 },
];

describe('cross-check with a float32 build of the GRBL 1.1 planner and stepper', () => {
  const job = crossCheckJob();
  it('the program is the one the harness ran', () => {
    expect(job.split('\n').length - 1).toBe(7335);
  });
  for (const c of CASES) {
    it(`${c.grbl}: ${c.isrS.toFixed(1)} s`, () => {
      const r = estimateGcode(job, parseGrblSettings(c.grbl));
      expect(r.errorCount).toBe(0);
      expect(r.blocks).toBe(c.blocks);
      expect(Math.abs(r.timeS - c.isrS) / c.isrS).toBeLessThan(0.001);
    });
  }
});
