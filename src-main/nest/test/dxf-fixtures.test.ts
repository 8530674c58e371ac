// The nesting DXF fixtures (real Deepnest test drawings) through the shared DXF importer and contour builder into
// the nester, every result checked by the independent verifier. Slow (175 distinct parts; a 1300-point curvy part):
// an integration suite, `npm run test:nest`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNestInputs } from '../inputs';
import { nest } from '../../../src-shared/nest/search';
import { verifyNest } from '../../../src-shared/nest/verify';
import type { NestJob } from '../../../src-shared/nest/types';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/${name}`, import.meta.url));

describe('nesting DXF fixtures', () => {
  it('deepnest_TopsNest.dxf: 175 closed parts nested on two sheets without overlap', () => {
    const input = readNestInputs([fixture('dxf/deepnest_TopsNest.dxf')], 1);
    if (input.kind !== 'parts') throw new Error('expected parts');
    expect(input.parts).toHaveLength(175);
    const job: NestJob = { parts: input.parts, sheets: [{ width: 1300, height: 1000, count: 2 }], spacing: 1, rotations: { kind: 'steps', steps: 2 }, seconds: 300, maxEvaluations: 2 };
    const r = nest(job);
    expect(verifyNest(job, r)).toEqual([]);
    expect(r.unplaced).toEqual([]);
    expect(r.sheets.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('nanocad_DeepNestPort_4.dxf: a curvy part (1300+ points from arcs), 8 copies with spacing', () => {
    const input = readNestInputs([fixture('dxf/nanocad_DeepNestPort_4.dxf')], 8);
    if (input.kind !== 'parts') throw new Error('expected parts');
    expect(input.parts).toHaveLength(1);
    expect(input.parts[0].shape.outer.length).toBeGreaterThan(1000);
    const job: NestJob = { parts: input.parts, sheets: [{ width: 400, height: 300, margin: 5 }], spacing: 2, rotations: { kind: 'steps', steps: 4 }, seconds: 300, maxEvaluations: 10 };
    const r = nest(job);
    expect(verifyNest(job, r)).toEqual([]);
    expect(r.placements.length + r.unplaced.length).toBe(8);
    expect(r.placements.length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});

