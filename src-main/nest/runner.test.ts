// The worker-thread runner on a real ESICUP instance: progress with the best utilisation, stop keeps the best
// layout, cancel discards it, bad input fails before any worker starts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startNest, NestCancelledError } from './runner';
import { parseEsicup } from '../../src-shared/nest/esicup';
import { verifyNest } from '../../src-shared/nest/verify';
import { NestInputError } from '../../src-shared/nest/validate';

const shirts = parseEsicup(JSON.parse(readFileSync(new URL('../../test/fixtures/nesting/shirts.json', import.meta.url), 'utf8'))).job;

describe('NestRun', () => {
  it('runs two workers, reports progress, stops early keeping the best valid layout', async () => {
    const seen: number[] = [];
    const run = startNest({ ...shirts, seconds: 120, seed: 5 }, { workers: 2, onProgress: (p) => seen.push(p.bestUtilisation) });
    const t = Date.now();
    while (!run.best() && Date.now() - t < 60_000) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    const r = await run.stop();
    expect(Date.now() - t).toBeLessThan(90_000); // far below the 120 s budget: stop ended it
    expect(run.state).toBe('stopped');
    expect(seen.length).toBeGreaterThan(0);
    expect(r.utilisation).toBeGreaterThanOrEqual(Math.max(...seen) - 1e-12);
    expect(verifyNest(shirts, r)).toEqual([]);
    expect(r.unplaced).toEqual([]);
  }, 120_000);

  it('cancel discards the result', async () => {
    const run = startNest({ ...shirts, seconds: 30 }, { workers: 1 });
    await new Promise((r) => setTimeout(r, 300));
    run.cancel();
    await expect(run.result).rejects.toBeInstanceOf(NestCancelledError);
    expect(run.state).toBe('cancelled');
  });

  it('bad input throws before workers start', () => {
    expect(() => startNest({ parts: [], sheets: [{ width: 10, height: 10 }] })).toThrow(NestInputError);
  });
});
