// `acrylichub gcode FILE --material ID --machine ID -o OUT.gcode`: design file → toolpath → GRBL 1.1 laser
// G-code. Reads the design through the app's import (src-main/import); material and machine come from the library; the
// shared pipeline (src-shared/jobs/design-to-gcode: presets for the machine, kerf, contours, toolpath, emit)
// makes the same file the app's cutting jobs make, with the planner's time estimate in its header.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DesignGcodeError, designToGcode, type DesignGcode } from '../../../src-shared/jobs/design-to-gcode';
import { MaterialSelectionError } from '../../../src-shared/materials/select';
import type { ImportResult } from '../../import/import-result';
import { importPath } from '../../import/read-file';
import { fail, numberOption, printJson } from '../output';
import { requireFile, withLibrary } from './estimate';

const DESIGN_FORMATS = ['.dxf', '.svg', '.dae', '.obj', '.stl'];

/** The design through the app's import (every format, DXF text as outlines), failing in one line. */
function readDesign(file: string): ImportResult {
  const ext = extname(file).toLowerCase();
  if (!DESIGN_FORMATS.includes(ext)) fail(`${file}: unsupported design format "${ext || '(none)'}" (use ${DESIGN_FORMATS.join(', ')})`);
  try {
    return importPath(file);
  } catch (err) {
    if (err instanceof Error) fail(`${file}: ${err.message}`);
    throw err;
  }
}

interface GcodeOpts {
  material: string;
  machine: string;
  output: string;
  thickness?: string;
  kerf?: string;
  leadIn?: string;
  tabs?: string;
  tabWidth: string;
  start: string;
  jobId?: string;
  pierce: boolean;
  lineNumbers?: boolean;
  data?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('gcode')
    .description('Write GRBL 1.1 laser G-code for a design: kerf-compensated, inner contours first, short travels.')
    .argument('<file>', 'design file (.dxf or .svg)')
    .requiredOption('--material <id>', 'material from the library (see `acrylichub materials`)')
    .requiredOption('--machine <id>', 'machine profile from the library (see `acrylichub machines`)')
    .requiredOption('-o, --output <file>', 'G-code file to write')
    .option('--thickness <mm>', 'sheet thickness (default: 3 mm, or the thinnest the material has)')
    .option('--kerf <mm>', "kerf width (default: the material's)")
    .option('--lead-in <mm>', 'straight lead-in on the scrap side of each closed cut', '0')
    .option('--tabs <n>', 'tabs per outline (holding tabs left uncut)')
    .option('--tab-width <mm>', 'width of each tab', '0.5')
    .option('--start <mode>', 'where closed contours start: nearest | corner', 'nearest')
    .option('--job-id <id>', 'job id written in the header (default: the file name)')
    .option('--no-pierce', "skip the material's pierce dwell")
    .option('--line-numbers', 'prefix every line with N<number>')
    .option('--data <dir>', 'data folder holding the library (default: ACRYLICHUB_HOME or the OS app-data folder)')
    .option('--json', 'print a summary as JSON')
    .action((file: string, opts: GcodeOpts) => {
      requireFile(file);
      if (opts.start !== 'nearest' && opts.start !== 'corner') fail(`--start must be "nearest" or "corner", got "${opts.start}"`);
      const thickness = numberOption('thickness', opts.thickness, { min: 0.01 });
      const kerfOpt = numberOption('kerf', opts.kerf, { min: 0 });
      const leadIn = numberOption('lead-in', opts.leadIn, { min: 0 }) ?? 0;
      const tabs = numberOption('tabs', opts.tabs, { min: 0, integer: true });
      const tabWidth = numberOption('tab-width', opts.tabWidth, { min: 0.01 }) ?? 0.5;
      const { material, machine } = withLibrary(opts.data, (lib) => ({ material: lib.getMaterial(opts.material), machine: lib.getMachine(opts.machine) }));
      const design = readDesign(file);
      let out: DesignGcode;
      try {
        out = designToGcode({
          jobId: opts.jobId ?? basename(file),
          paths: design.paths,
          layers: design.layers,
          material,
          machine,
          thicknessMm: thickness,
          kerfMm: kerfOpt,
          leadInMm: leadIn,
          tabs: tabs ? { count: tabs, widthMm: tabWidth } : undefined,
          startPoint: opts.start as 'nearest' | 'corner',
          lineNumbers: opts.lineNumbers,
          pierce: opts.pierce,
        });
      } catch (err) {
        if (err instanceof DesignGcodeError || err instanceof MaterialSelectionError) fail(`${file}: ${err.message}`);
        throw err;
      }
      writeFileSync(opts.output, out.text);
      const program = out.program;
      const warnings = [...design.findings, ...out.warnings].filter((f) => f.severity !== 'info');
      const e = out.estimate;
      if (opts.json) {
        printJson({
          output: opts.output,
          lines: out.lines.length,
          runs: program.runs.length,
          timeS: e.timeS,
          cutTimeS: e.cutTimeS,
          travelTimeS: e.travelTimeS,
          dwellTimeS: e.dwellTimeS,
          distanceMm: e.distanceMm,
          laserOnMm: program.laserOnMm,
          travelMm: program.travelMm,
          kerfMm: out.kerfMm,
          thicknessMm: out.thicknessMm,
          warnings: warnings.map((w) => ({ code: w.code, message: w.message, layer: w.layer })),
        });
        return;
      }
      process.stdout.write(
        `${opts.output}: ${out.lines.length} lines, ${program.runs.length} runs, estimate ${e.timeS.toFixed(1)} s ` +
          `(cut ${e.cutTimeS.toFixed(1)} s, travel ${e.travelTimeS.toFixed(1)} s)` +
          (warnings.length ? `, ${warnings.length} warnings (first: ${warnings[0].message})` : '') +
          '\n',
      );
    });
}
