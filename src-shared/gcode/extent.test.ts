import { describe, expect, it } from 'vitest';
import { gcodeCutExtent } from './extent';

describe('G-code cut extent', () => {
  it('covers laser-on lines and arcs at their extreme points, not laser-off travels', () => {
    const box = gcodeCutExtent(['G21 G90', 'G0 X500 Y500', 'G0 X10 Y0', 'M4 S500', 'G1 X20 Y0 F1000', 'G2 X20 Y0 I0 J5', 'M5', 'G0 X0 Y0'].join('\n'));
    expect(box).not.toBeNull();
    expect(box!.minX).toBeCloseTo(10, 6);
    expect(box!.maxX).toBeCloseTo(25, 6);
    expect(box!.minY).toBeCloseTo(0, 6);
    expect(box!.maxY).toBeCloseTo(10, 6);
  });

  it('understands relative moves and inches, and returns null when nothing is cut', () => {
    const box = gcodeCutExtent(['G20 G91', 'M4 S100', 'G1 X1 Y1 F10', 'G1 X1'].join('\n'));
    expect(box!.maxX).toBeCloseTo(50.8, 6);
    expect(box!.maxY).toBeCloseTo(25.4, 6);
    expect(gcodeCutExtent('G0 X10 Y10\n')).toBeNull();
  });
});
