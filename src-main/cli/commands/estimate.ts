// `acrylichub estimate FILE.gcode`: machine time of any G-code file on a GRBL 1.1 machine, from the ported
// planner (src-shared/planner), with the machine taken from the library (--machine ID) or given as settings
// (--grbl '$110=6000,$120=1000,...', unspecified settings keep the GRBL 1.1 defaults; with --machine, --grbl
// overrides single settings). The file is streamed, so 100k-line programs do not sit in memory twice.
import type { Command } from 'commander';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../../../src-shared/contract/define';
import type { MachineProfile } from '../../../src-shared/materials/machine-schema';
import { toGrblSettings } from '../../../src-shared/materials/machine-schema';
import { GcodeEstimator, type EstimateResult } from '../../../src-shared/planner/estimate';
import { GRBL_DEFAULT_SETTINGS, GrblSettingsError, parseGrblSettings, type GrblSettings } from '../../../src-shared/planner/settings';
import { formatDuration } from '../../../src-shared/toolpath/emit-gcode';
import { LibraryService } from '../../quote/library-service';
import { defaultDataDir } from '../../services/data-dir';
import { openDatabase } from '../../store/database';
import { fail, numberOption, printJson } from '../output';

/** Runs `fn` with the library of the local store in `dataDir` (seeded from resources/ on first use). */
export function withLibrary<T>(dataDir: string | undefined, fn: (lib: LibraryService) => T): T {
  const dir = dataDir ?? defaultDataDir();
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'acrylichub.db'));
  try {
    return fn(new LibraryService(db));
  } catch (err) {
    if (err instanceof ContractError) fail(err.message);
    throw err;
  } finally {
    db.close();
  }
}

/** Machine profile by id from the library, or null when none was asked for. */
export function machineById(id: string | undefined, dataDir: string | undefined): MachineProfile | null {
  return id === undefined ? null : withLibrary(dataDir, (lib) => lib.getMachine(id));
}

/** Planner settings from a machine profile and/or a --grbl list. */
export function resolveSettings(machine: MachineProfile | null, grbl: string | undefined): GrblSettings {
  if (!machine && grbl === undefined) fail('give the machine: --machine ID or --grbl "$110=6000,$111=6000,$120=1000,..."');
  const base = machine ? toGrblSettings(machine.grbl) : GRBL_DEFAULT_SETTINGS;
  try {
    return grbl === undefined ? parseGrblSettings('', base) : parseGrblSettings(grbl, base);
  } catch (err) {
    if (err instanceof GrblSettingsError) fail(`--grbl: ${err.message}`);
    throw err;
  }
}

export function requireFile(file: string): void {
  if (!existsSync(file)) fail(`${file}: no such file`);
  if (!statSync(file).isFile()) fail(`${file}: not a file`);
}

export async function estimateFile(file: string, settings: GrblSettings, blockBufferSize?: number): Promise<EstimateResult> {
  const est = new GcodeEstimator(settings, { blockBufferSize, maxIssues: 200 });
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) est.pushText(chunk as string);
  return est.finish();
}

interface EstimateOpts {
  machine?: string;
  grbl?: string;
  data?: string;
  buffer?: string;
  perLine?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('estimate')
    .description('Machine time of a G-code file on a GRBL 1.1 laser (planner model: acceleration, junctions, look-ahead).')
    .argument('<file>', 'G-code file')
    .option('--machine <id>', 'machine profile from the library (see `acrylichub machines`)')
    .option('--grbl <settings>', "GRBL settings, e.g. '$110=6000,$111=6000,$120=1000,$121=1000,$32=1' (or a pasted $$ dump)")
    .option('--data <dir>', 'data folder holding the library (default: ACRYLICHUB_HOME or the OS app-data folder)')
    .option('--buffer <blocks>', 'planner buffer size the firmware was built with (16, or 15 with line numbers)', '16')
    .option('--per-line', 'with --json: add lineEndS, the time (s) at which each line has finished (for time left)')
    .option('--json', 'print {timeS, cutTimeS, travelTimeS, lines, distanceMm, ...} as JSON')
    .action(async (file: string, opts: EstimateOpts) => {
      requireFile(file);
      const buffer = numberOption('buffer', opts.buffer, { min: 2, integer: true });
      const settings = resolveSettings(machineById(opts.machine, opts.data), opts.grbl);
      const r = await estimateFile(file, settings, buffer);
      if (r.errorCount > 0) {
        const first = r.issues.find((i) => i.severity === 'error')!;
        const more = r.errorCount > 1 ? ` (and ${r.errorCount - 1} more error lines)` : '';
        fail(`${file}:${first.line}: ${first.grblError !== undefined ? `error:${first.grblError} ` : ''}${first.message.en}${more}`);
      }
      const warnings = r.issues.filter((i) => i.severity !== 'error').map((i) => ({ line: i.line, code: i.code, message: i.message.en }));
      if (opts.json) {
        printJson({
          timeS: r.timeS,
          cutTimeS: r.cutTimeS,
          travelTimeS: r.travelTimeS,
          lines: r.lines,
          distanceMm: r.distanceMm,
          dwellTimeS: r.dwellTimeS,
          idleDelayS: r.idleDelayS,
          cutMm: r.cutMm,
          travelMm: r.travelMm,
          naiveTimeS: r.naiveTimeS,
          blocks: r.blocks,
          stops: r.stops,
          warnings,
          ...(opts.perLine ? { lineEndS: Array.from(r.lineEndS, (t) => Math.round(t * 1000) / 1000) } : {}),
        });
        return;
      }
      const out = [
        `time ${formatDuration(r.timeS)} (${r.timeS.toFixed(1)} s): cut ${formatDuration(r.cutTimeS)}, travel ${formatDuration(r.travelTimeS)}, dwell ${r.dwellTimeS.toFixed(1)} s, stops ${r.stops}`,
        `${r.lines} lines, ${r.blocks} planner blocks, ${r.distanceMm.toFixed(1)} mm (${r.cutMm.toFixed(1)} mm lit)`,
        `length ÷ feed would say ${formatDuration(r.naiveTimeS)}`,
        ...warnings.slice(0, 10).map((w) => `warning line ${w.line}: ${w.message}`),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
