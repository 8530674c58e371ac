import { describe, expect, it } from 'vitest';
import { computeComplexity, difficultyOf, type ComplexityInputs } from './complexity';

const simple: ComplexityInputs = {
  vertices: 4, lengthMm: 600, loops: 1, partAreaMm2: 20_000, smallestFeatureMm: 100, textPaths: 0, paths: 4, curvedLengthMm: 0,
};

describe('computeComplexity', () => {
  it('rates a plain rectangle simple, with every factor explained', () => {
    const c = computeComplexity(simple, 0.15);
    expect(c.score).toBeLessThan(25);
    expect(c.difficulty).toBe('simple');
    expect(c.factors.map((f) => f.code)).toEqual(['vertex-density', 'loop-density', 'feature-vs-kerf', 'text', 'curves']);
    expect(c.factors.reduce((s, f) => s + f.weight, 0)).toBe(100);
    expect(c.factors.find((f) => f.code === 'feature-vs-kerf')).toMatchObject({ value: 666.67, points: 0 });
  });

  it('rates dense text with features near the kerf as very complex (hand-computed factors)', () => {
    const c = computeComplexity({
      vertices: 5_000, lengthMm: 10_000, loops: 400, partAreaMm2: 100_000, smallestFeatureMm: 0.3, textPaths: 300, paths: 400, curvedLengthMm: 8_000,
    }, 0.15, 'id');
    // 50 vertices/100 mm → 25 points; 40 loops/100 cm² → 20; 0.3/0.15 = 2× kerf → 25; 75 % text → 15; 80 % curves → 12.
    expect(c.factors.map((f) => f.points)).toEqual([25, 20, 25, 15, 12]);
    expect(c.score).toBe(97);
    expect(c.difficultyLabel).toBe('Sangat rumit');
  });

  it('maps scores to labels at 25 / 50 / 75', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(difficultyOf)).toEqual(['simple', 'simple', 'moderate', 'moderate', 'complex', 'complex', 'very-complex', 'very-complex']);
  });
});
