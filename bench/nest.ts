// `npm run bench:nest [-- --seconds S] [-- --only a,b]` (or NEST_SECONDS=S): every ESICUP fixture nested with the
// worker-thread runner (both cores) for S seconds (default 60). Prints, per instance, the time to the first valid
// layout and its utilisation (the in-process baseline: greedy bottom-left, no search), our final utilisation, the
// best known from test/fixtures/nesting/README.md and the ratio, and whether the independent verifier accepts it.
import { readFileSync, readdirSync } from 'node:fs';
import { parseEsicup } from '../src-shared/nest/esicup';
import { nest } from '../src-shared/nest/search';
import { verifyNest } from '../src-shared/nest/verify';
import { startNest } from '../src-main/nest/runner';

const dir = new URL('../test/fixtures/nesting/', import.meta.url);
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seconds = Number(arg('seconds') ?? process.env.NEST_SECONDS ?? 60);
const only = arg('only')?.split(',');
const bestKnown = new Map(
  [...readFileSync(new URL('README.md', dir), 'utf8').matchAll(/^\|\s*(\w+)\s*\|\s*\d+\s*\|[^|]*\|\s*([\d.]+)\s*\|/gm)].map((m) => [m[1], Number(m[2]) / 100]),
);

const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(7);
console.log(`nest benchmark: ${seconds} s per instance, 2 worker threads (the machine's 2 cores are shared with other work: figures are a lower bound)`);
console.log('instance   pieces  first-ms  first-util  final-util  best-known  ratio   length       evals  valid');
const ratios: number[] = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const { name, job } = parseEsicup(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file);
  if (only && !only.includes(name)) continue;
  const t0 = Date.now();
  let firstMs = -1;
  const first = nest({ ...job, maxEvaluations: 1, seconds: 30 }, { onProgress: () => (firstMs = firstMs < 0 ? Date.now() - t0 : firstMs) });
  const run = startNest({ ...job, seconds, seed: 1 });
  const r = await run.result;
  const known = bestKnown.get(name) ?? NaN;
  ratios.push(r.utilisation / known);
  const valid = verifyNest(job, r).length === 0 && r.unplaced.length === 0;
  const pieces = job.parts.reduce((s, p) => s + p.quantity, 0);
  console.log(
    `${name.padEnd(10)} ${String(pieces).padStart(6)}  ${String(firstMs).padStart(8)}  ${pct(first.utilisation)}     ${pct(r.utilisation)}     ${pct(known)}     ${(r.utilisation / known).toFixed(3)}  ${r.strip!.length.toFixed(3).padStart(10)}  ${String(r.evaluations).padStart(6)}  ${valid ? 'yes' : 'NO'}`,
  );
}
if (ratios.length) console.log(`mean ratio to best known: ${(ratios.reduce((a, b) => a + b, 0) / ratios.length).toFixed(3)}, worst ${Math.min(...ratios).toFixed(3)}`);
