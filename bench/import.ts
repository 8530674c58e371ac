// `npm run bench:import`: for every DXF fixture, our full import (parse → curves → contours → checks, text
// outlines off like dxf-parser, which has none) against a bare dxf-parser parse of the same file, in the same
// process, interleaved so machine load hits both alike. Prints per-file medians and the ratio, then the totals.
// Goal (issue 3): total ratio ≤ 1.5 and the largest fixture under 300 ms. dxf-parser cannot read binary DXF;
// those files show our time only and are left out of the ratio. Times are CPU time of this process (see time()).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import DxfParser from 'dxf-parser';
import { importFile } from '../src-main/import/import-file';

const DIR = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'test', 'fixtures', 'dxf');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** dxf-parser logs every tag it does not know (thousands on some files); silence the console while it runs. */
function quietly<T>(fn: () => T): T {
  const saved = [console.log, console.warn, console.error, console.info, console.debug];
  console.log = console.warn = console.error = console.info = console.debug = () => {};
  try {
    return fn();
  } finally {
    [console.log, console.warn, console.error, console.info, console.debug] = saved;
  }
}

/**
 * CPU milliseconds (user + system) of this process spent in fn: on a shared machine other processes' load
 * inflates wall-clock times of both sides by different amounts; CPU time does not (GC included, as it runs here).
 */
function time(fn: () => void): { ms: number; kernelMs: number } {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  // The kernel's share is page faults, mostly: each first touch of fresh memory is one.
  return { ms: (d.user + d.system) / 1000, kernelMs: d.system / 1000 };
}

/** Minor page faults of this process so far, from /proc (field 10 of stat). */
function pageFaults(): number {
  return Number(readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ')[7]);
}

const only = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER) : null;
const files = readdirSync(DIR).filter((f) => /\.dxf$/i.test(f) && (!only || only.test(f))).sort();
let oursTotal = 0;
let parserTotal = 0;
let largest = { name: '', bytes: 0, ms: 0, kernelMs: 0, faults: 0 };
console.log(`CPU ms per file, median of ${ROUNDS} rounds`);
console.log(`${'file'.padEnd(46)} ${'KB'.padStart(6)} ${'ours ms'.padStart(9)} ${'dxf-parser'.padStart(10)} ${'ratio'.padStart(6)}`);
for (const name of files) {
  const bytes = new Uint8Array(readFileSync(join(DIR, name)));
  const text = new TextDecoder('utf-8').decode(bytes);
  const ours: number[] = [];
  const kernel: number[] = [];
  const faults: number[] = [];
  const theirs: number[] = [];
  let parserOk = true;
  for (let r = 0; r < ROUNDS; r++) {
    const f0 = pageFaults();
    const t = time(() => importFile(name, bytes, { convertText: false }));
    faults.push(pageFaults() - f0);
    ours.push(t.ms);
    kernel.push(t.kernelMs);
    if (parserOk) {
      try {
        theirs.push(time(() => quietly(() => new DxfParser().parseSync(text))).ms);
      } catch {
        parserOk = false;
      }
    }
  }
  const o = median(ours);
  const p = parserOk ? median(theirs) : NaN;
  if (parserOk) {
    oursTotal += o;
    parserTotal += p;
  }
  if (bytes.length > largest.bytes) largest = { name, bytes: bytes.length, ms: o, kernelMs: median(kernel), faults: median(faults) };
  console.log(`${name.slice(0, 46).padEnd(46)} ${(bytes.length / 1024).toFixed(0).padStart(6)} ${o.toFixed(1).padStart(9)} ${(parserOk ? p.toFixed(1) : 'fails').padStart(10)} ${(parserOk ? (o / p).toFixed(2) : '-').padStart(6)}`);
}
console.log(`\ntotal (files dxf-parser reads): ours ${oursTotal.toFixed(0)} ms, dxf-parser ${parserTotal.toFixed(0)} ms, ratio ${(oursTotal / parserTotal).toFixed(2)} (goal ≤ 1.5)`);
console.log(`largest fixture ${largest.name} (${(largest.bytes / 1e6).toFixed(1)} MB): ${largest.ms.toFixed(0)} ms (goal < 300 ms); of which in the kernel ${largest.kernelMs.toFixed(0)} ms, ${largest.faults.toLocaleString('en-US')} page faults (medians)`);
