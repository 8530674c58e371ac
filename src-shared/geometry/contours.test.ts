import { describe, expect, it } from 'vitest';
import { allParts, buildContours } from './contours';
import type { Path, Segment, Vec2 } from './types';

const line = (a: Vec2, b: Vec2): Segment => ({ kind: 'line', a, b });
const p = (x: number, y: number): Vec2 => ({ x, y });
let n = 0;
const path = (segments: Segment[], closed = false, layer = '0'): Path => ({ id: `t${n++}`, layer, entity: 'LINE', segments, closed });
const square = (x: number, y: number, s: number): Path[] => [
  path([line(p(x, y), p(x + s, y))]),
  path([line(p(x + s, y + s), p(x + s, y))]), // reversed piece
  path([line(p(x + s, y + s), p(x, y + s))]),
  path([line(p(x, y + s), p(x, y + 0.01))]), // 0.01 gap, within the join tolerance
];
const circle = (x: number, y: number, r: number): Path =>
  path([{ kind: 'arc', center: p(x, y), radius: r, startAngle: 0, sweep: -2 * Math.PI }], true);

describe('buildContours', () => {
  it('chains loose lines (reversed pieces, small gaps) into one closed CCW contour', () => {
    const { contours, parts, findings } = buildContours(square(0, 0, 10));
    expect(contours).toHaveLength(1);
    expect(contours[0].closed).toBe(true);
    expect(contours[0].area).toBeCloseTo(100, 6);
    expect(contours[0].lengthMm).toBeCloseTo(40, 6);
    expect(parts).toHaveLength(1);
    expect(findings).toEqual([]);
  });

  it('builds outer → hole → island → hole with normalised orientation', () => {
    const paths = [...square(0, 0, 100), circle(50, 50, 40), ...square(30, 30, 40), circle(50, 50, 5)];
    const { contours, parts } = buildContours(paths);
    expect(contours.filter((c) => c.closed)).toHaveLength(4);
    expect(parts).toHaveLength(1);
    const [outer] = parts;
    expect(outer.outer.area).toBeCloseTo(10_000, 6);
    expect(outer.holes).toHaveLength(1);
    expect(outer.holes[0].area).toBeCloseTo(-Math.PI * 1600, 6);
    expect(outer.islands).toHaveLength(1);
    expect(outer.islands[0].outer.area).toBeCloseTo(1600, 6);
    expect(outer.islands[0].holes[0].area).toBeCloseTo(-Math.PI * 25, 6);
    expect(allParts(parts)).toHaveLength(2);
  });

  it('keeps far-apart pieces open and closes a near-closed loop with a warning', () => {
    const open = buildContours([path([line(p(0, 0), p(10, 0))]), path([line(p(20, 0), p(30, 0))])]);
    expect(open.contours.map((c) => c.closed)).toEqual([false, false]);
    expect(open.parts).toEqual([]);
    const near = buildContours([
      path([line(p(0, 0), p(10, 0)), line(p(10, 0), p(10, 10)), line(p(10, 10), p(0, 10)), line(p(0, 10), p(0, 0.3))]),
    ]);
    expect(near.contours[0].closed).toBe(true);
    expect(near.findings.map((f) => f.code)).toEqual(['CONTOUR_CLOSED_WITH_GAP']);
  });

  it('does not chain across layers and skips fill paths', () => {
    const a = path([line(p(0, 0), p(10, 0))], false, 'A');
    const b = path([line(p(10, 0), p(0, 0))], false, 'B');
    const fill = { ...circle(0, 0, 3), fill: true };
    const { contours } = buildContours([a, b, fill]);
    expect(contours).toHaveLength(2);
  });

  it('chains 20k segments of a polygon quickly', () => {
    const pts: Vec2[] = [];
    for (let i = 0; i < 20_000; i++) pts.push(p(Math.cos((i / 20_000) * 2 * Math.PI) * 100, Math.sin((i / 20_000) * 2 * Math.PI) * 100));
    const paths = pts.map((q, i) => path([line(q, pts[(i + 1) % pts.length])]));
    paths.reverse();
    const t = performance.now();
    const { contours } = buildContours(paths);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(contours).toHaveLength(1);
    expect(contours[0].area).toBeCloseTo(Math.PI * 10_000, -1);
  });
});

describe('RingTester', () => {
  it('agrees with the plain crossing test on a large star ring', async () => {
    const { RingTester, pointInRing } = await import('./polygon');
    const ring = Array.from({ length: 5000 }, (_, i) => {
      const a = (i / 5000) * 2 * Math.PI;
      const r = i % 2 ? 50 : 100;
      return { x: r * Math.cos(a), y: r * Math.sin(a) };
    });
    const t = new RingTester(ring);
    for (let k = 0; k < 2000; k++) {
      const q = { x: ((k * 7919) % 260) - 130 + 0.37, y: ((k * 104729) % 260) - 130 + 0.61 };
      expect(t.contains(q)).toBe(pointInRing(q, ring));
    }
  });
});
