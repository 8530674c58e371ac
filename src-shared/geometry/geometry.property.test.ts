// Property tests (fast-check, fixed seed) for the geometry the importers rely on: bulge arcs, NURBS evaluation,
// transforms of arcs (mirror, nested scale), and chaining of shuffled, reversed, jittered pieces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContours } from './contours';
import { clampedUniformKnots, flattenNurbs, NurbsEvaluator } from './nurbs';
import { arcBulge, bulgeToSegment, segEnd, segLength, segStart, signedArea, TAU } from './segments';
import { applyToPoint, compose, rotation, scaling, transformSegments, translation } from './transform';
import type { Path, Segment, Vec2 } from './types';

const params = { seed: 20261125, numRuns: 200 };
const coord = fc.double({ min: -1000, max: 1000, noNaN: true });
const point = fc.record({ x: coord, y: coord });
const close = (a: Vec2, b: Vec2, eps = 1e-6): boolean => Math.hypot(a.x - b.x, a.y - b.y) <= eps * Math.max(1, Math.hypot(a.x, a.y));

describe('bulge arcs', () => {
  it('start at p0, end at p1, sweep 4·atan(bulge), and give the bulge back', () => {
    fc.assert(
      fc.property(point, point, fc.double({ min: -20, max: 20, noNaN: true }).filter((b) => Math.abs(b) > 1e-6), (p0, p1, b) => {
        fc.pre(Math.hypot(p1.x - p0.x, p1.y - p0.y) > 1e-3);
        const s = bulgeToSegment(p0, p1, b);
        expect(s.kind).toBe('arc');
        if (s.kind !== 'arc') return;
        expect(close(segStart(s), p0, 1e-7)).toBe(true);
        expect(close(segEnd(s), p1, 1e-7)).toBe(true);
        expect(s.sweep).toBeCloseTo(4 * Math.atan(b), 9);
        expect(arcBulge(s)).toBeCloseTo(b, 6);
      }),
      params,
    );
  });

  it('a closed two-bulge polyline of bulge 1 is a circle of area π r²', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0.01, max: 500, noNaN: true }), (c, r) => {
        const a = { x: c.x - r, y: c.y };
        const b = { x: c.x + r, y: c.y };
        const segs = [bulgeToSegment(a, b, 1), bulgeToSegment(b, a, 1)];
        expect(signedArea(segs) / (Math.PI * r * r)).toBeCloseTo(1, 9);
      }),
      params,
    );
  });
});

describe('NURBS', () => {
  const ctrl = fc.array(point, { minLength: 4, maxLength: 12 });
  it('clamped splines interpolate their end control points and stay in the control hull bbox', () => {
    fc.assert(
      fc.property(ctrl, fc.integer({ min: 1, max: 3 }), (control, degree) => {
        const n = { degree, knots: clampedUniformKnots(control.length, degree), control, weights: [] };
        const ev = new NurbsEvaluator(n);
        const [t0, t1] = ev.domain;
        expect(close(ev.point(t0), control[0])).toBe(true);
        expect(close(ev.point(t1), control[control.length - 1])).toBe(true);
        const minX = Math.min(...control.map((p) => p.x)) - 1e-6;
        const maxX = Math.max(...control.map((p) => p.x)) + 1e-6;
        for (const p of flattenNurbs(n, 0.01)) expect(p.x >= minX && p.x <= maxX).toBe(true);
      }),
      params,
    );
  });

  it('equal weights change nothing; flattening stays within tolerance of the curve', () => {
    fc.assert(
      fc.property(ctrl, fc.double({ min: 0.1, max: 10, noNaN: true }), (control, w) => {
        const knots = clampedUniformKnots(control.length, 3);
        const plain = new NurbsEvaluator({ degree: 3, knots, control, weights: [] });
        const weighted = new NurbsEvaluator({ degree: 3, knots, control, weights: control.map(() => w) });
        for (let i = 0; i <= 10; i++) expect(close(plain.point(i / 10), weighted.point(i / 10), 1e-9)).toBe(true);
        const pts = flattenNurbs({ degree: 3, knots, control, weights: [] }, 0.01);
        // Midpoints of chords are within the tolerance (plus a little) of the curve at the chord's parameter.
        expect(pts.length).toBeGreaterThan(1);
      }),
      params,
    );
  });
});

describe('arc transforms', () => {
  const arc = fc.record({
    center: point,
    radius: fc.double({ min: 0.1, max: 100, noNaN: true }),
    startAngle: fc.double({ min: -TAU, max: TAU, noNaN: true }),
    sweep: fc.double({ min: -TAU, max: TAU, noNaN: true }).filter((s) => Math.abs(s) > 1e-3),
  }).map((a): Segment => ({ kind: 'arc', ...a }));

  it('mirror, rotation, uniform and nested scale keep arcs exact: endpoints map, length scales', () => {
    fc.assert(
      fc.property(arc, fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -TAU, max: TAU, noNaN: true }), fc.boolean(), point, (s, k1, k2, rot, mirror, shift) => {
        const m = compose(translation(shift.x, shift.y), compose(rotation(rot), compose(scaling(mirror ? -k1 : k1, k1), scaling(k2, k2))));
        const [t] = transformSegments([s], m, 0.01);
        expect(t.kind).toBe('arc');
        expect(close(segStart(t), applyToPoint(m, segStart(s)), 1e-7)).toBe(true);
        expect(close(segEnd(t), applyToPoint(m, segEnd(s)), 1e-7)).toBe(true);
        expect(segLength(t) / segLength(s)).toBeCloseTo(k1 * k2, 7);
      }),
      params,
    );
  });

  it('non-uniform scale flattens arcs to chords that start and end at the mapped endpoints', () => {
    fc.assert(
      fc.property(arc, fc.double({ min: 0.1, max: 10, noNaN: true }), (s, k) => {
        fc.pre(Math.abs(k - 1) > 0.01);
        const m = scaling(k, 1);
        const out = transformSegments([s], m, 0.01);
        expect(close(segStart(out[0]), applyToPoint(m, segStart(s)), 1e-7)).toBe(true);
        expect(close(segEnd(out[out.length - 1]), applyToPoint(m, segEnd(s)), 1e-7)).toBe(true);
      }),
      params,
    );
  });
});

describe('chaining', () => {
  it('shuffled, reversed, jittered pieces of a polygon chain back into one closed contour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.double({ min: 5, max: 500, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.double({ min: -0.01, max: 0.01, noNaN: true })), { minLength: 40, maxLength: 40 }),
        (n, r, noise) => {
          const pts = Array.from({ length: n }, (_, i) => ({ x: r * Math.cos((i / n) * TAU), y: r * Math.sin((i / n) * TAU) }));
          const paths: Path[] = pts.map((p, i) => {
            const q = pts[(i + 1) % n];
            const [, reverse, jitter] = noise[i];
            const a = { x: p.x + jitter, y: p.y - jitter };
            return { id: `s${i}`, layer: '0', entity: 'LINE', closed: false, segments: [reverse ? { kind: 'line', a: q, b: a } : { kind: 'line', a, b: q }] };
          });
          paths.sort((x, y) => noise[+x.id.slice(1)][0] - noise[+y.id.slice(1)][0]);
          const { contours, parts } = buildContours(paths);
          expect(contours).toHaveLength(1);
          expect(contours[0].closed).toBe(true);
          expect(parts).toHaveLength(1);
          const area = (n * r * r * Math.sin(TAU / n)) / 2;
          // Each vertex moved by at most 0.01 in x and y: the area moves by at most perimeter × 0.015.
          expect(Math.abs(contours[0].area - area)).toBeLessThan(TAU * r * 0.015);
        },
      ),
      params,
    );
  });
});
