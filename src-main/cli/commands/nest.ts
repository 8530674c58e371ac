// `acrylichub nest FILE...`: nests the closed parts of DXF files on sheets (or an ESICUP JSON instance on its
// strip) with the worker-thread nester, prints the layout (JSON with --json) and writes it as DXF with -o.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { startNest } from '../../nest/runner';
import { readNestInputs } from '../../nest/inputs';
import { nestToDxf } from '../../../src-shared/nest/dxf';
import { NestInputError } from '../../../src-shared/nest/validate';
import type { NestJob, NestResult } from '../../../src-shared/nest/types';
import type { Path } from '../../../src-shared/geometry/types';
import { fail, numberOption, printJson } from '../output';

interface NestOpts {
  sheet?: string;
  sheets: string;
  margin: string;
  qty: string;
  spacing: string;
  rotations?: string;
  mirror?: boolean;
  partInPart?: boolean;
  seconds: string;
  seed: string;
  workers?: string;
  output?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('nest')
    .description('Nest the parts of DXF files on sheets, or solve an ESICUP strip-packing instance (.json).')
    .argument('<files...>', 'DXF files (every closed outline with its holes is a part) or one ESICUP .json')
    .option('--sheet <WxH>', 'sheet size in mm, e.g. 1200x600 (required for DXF input)')
    .option('--sheets <n>', 'number of sheets available', '1')
    .option('--margin <mm>', 'empty border on every sheet edge', '0')
    .option('--qty <n>', 'copies of every part', '1')
    .option('--spacing <mm>', 'minimum distance between parts (kerf + gap)', '0')
    .option('--rotations <n>', 'allowed rotations: n equal steps (1 = locked); default 4 for DXF, the instance\'s own for ESICUP')
    .option('--mirror', 'allow mirrored parts')
    .option('--part-in-part', 'place small parts inside the holes of larger ones')
    .option('--seconds <s>', 'time budget of the search', '10')
    .option('--seed <n>', 'random seed (same seed and evaluation count, same layout)', '1')
    .option('--workers <n>', 'worker threads (default: one per core, at most 2)')
    .option('-o, --output <file.dxf>', 'write the layout as DXF, one layer per sheet')
    .option('--json', 'print the result as JSON')
    .action(async (files: string[], opts: NestOpts) => {
      const { job, esicupName, exact } = buildJob(files, opts);
      const run = (() => {
        try {
          return startNest(job, {
            workers: numberOption('workers', opts.workers, { min: 1, integer: true }),
            onProgress: opts.json || !process.stderr.isTTY ? undefined : (p) => process.stderr.write(`\rbest ${(p.bestUtilisation * 100).toFixed(2)} % after ${p.seconds.toFixed(1)} s, ${p.evaluations} layouts   `),
          });
        } catch (e) {
          if (e instanceof NestInputError) fail(e.message);
          throw e;
        }
      })();
      const stopOnSignal = () => void run.stop();
      process.once('SIGINT', stopOnSignal);
      const result = await run.result.finally(() => process.off('SIGINT', stopOnSignal));
      if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
      if (opts.output) writeFileSync(opts.output, nestToDxf(job, result, exact));
      if (esicupName !== undefined) printStrip(esicupName, result, opts.json);
      else printSheets(result, opts.json);
    });
}

function buildJob(files: string[], opts: NestOpts): { job: NestJob; esicupName?: string; exact?: Map<string, Path[]> } {
  const qty = numberOption('qty', opts.qty, { min: 0, integer: true })!;
  const common = {
    spacing: numberOption('spacing', opts.spacing, { min: 0 }),
    seconds: numberOption('seconds', opts.seconds, { min: 0.05 }),
    seed: numberOption('seed', opts.seed, { min: 0, integer: true }),
    mirror: Boolean(opts.mirror),
    partInPart: Boolean(opts.partInPart),
  };
  const steps = numberOption('rotations', opts.rotations, { min: 1, integer: true });
  let input;
  try {
    input = readNestInputs(files, qty);
  } catch (e) {
    if (e instanceof NestInputError) fail(e.message);
    throw e;
  }
  if (input.kind === 'esicup') {
    const job: NestJob = { ...input.instance.job, ...common };
    if (steps !== undefined) job.parts = job.parts.map((p) => ({ ...p, rotations: { kind: 'steps', steps } }));
    return { job, esicupName: input.instance.name };
  }
  for (const w of input.warnings) process.stderr.write(`warning: ${w}\n`);
  if (!opts.sheet) fail('--sheet WxH is required for DXF input (e.g. --sheet 1200x600)');
  const m = /^\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*$/.exec(opts.sheet);
  if (!m || !(Number(m[1]) > 0 && Number(m[2]) > 0)) fail(`--sheet must look like 1200x600 (width x height in mm), got "${opts.sheet}"`);
  const sheet = {
    width: Number(m[1]),
    height: Number(m[2]),
    count: numberOption('sheets', opts.sheets, { min: 1, integer: true }),
    margin: numberOption('margin', opts.margin, { min: 0 }),
  };
  return { job: { ...common, parts: input.parts, sheets: [sheet], rotations: { kind: 'steps', steps: steps ?? 4 } }, exact: input.exact };
}

function printStrip(name: string, r: NestResult, json?: boolean): void {
  const out = {
    instance: name,
    stripHeight: r.strip!.height,
    length: r.strip!.length,
    utilisation: r.utilisation,
    placements: r.placements.map((p) => ({ part: p.part, instance: p.instance, x: p.x, y: p.y, rotation: p.rotation, mirrored: p.mirrored })),
    seconds: r.seconds,
    evaluations: r.evaluations,
  };
  if (json) return printJson(out);
  process.stdout.write(`${name}: strip ${out.stripHeight} × ${out.length.toFixed(3)}, utilisation ${(out.utilisation * 100).toFixed(2)} %, ${out.placements.length} pieces, ${r.evaluations} layouts in ${r.seconds.toFixed(1)} s\n`);
}

function printSheets(r: NestResult, json?: boolean): void {
  const out = {
    sheets: r.sheets.map((s) => ({
      index: s.index,
      width: s.width,
      height: s.height,
      utilisation: s.utilisation,
      placements: s.placements.map((p) => ({ part: p.part, instance: p.instance, x: p.x, y: p.y, rotation: p.rotation, mirrored: p.mirrored })),
    })),
    utilisation: r.utilisation,
    unplaced: r.unplaced.map((u) => ({ part: u.part, instance: u.instance, reason: u.reason, message: u.message })),
    offcut: r.offcut,
    seconds: r.seconds,
    evaluations: r.evaluations,
  };
  if (json) return printJson(out);
  for (const s of out.sheets) process.stdout.write(`sheet ${s.index + 1} (${s.width} × ${s.height}): ${s.placements.length} parts, utilisation ${(s.utilisation * 100).toFixed(2)} %\n`);
  process.stdout.write(`overall utilisation ${(out.utilisation * 100).toFixed(2)} %, ${r.placements.length} placed, ${out.unplaced.length} not placed, ${r.evaluations} layouts in ${r.seconds.toFixed(1)} s\n`);
  if (r.offcut) process.stdout.write(`offcut on sheet ${r.offcut.sheet + 1}: ${r.offcut.width.toFixed(1)} × ${r.offcut.height.toFixed(1)} at (${r.offcut.x.toFixed(1)}, ${r.offcut.y.toFixed(1)})\n`);
  for (const u of out.unplaced) process.stdout.write(`not placed: ${u.message}\n`);
}
