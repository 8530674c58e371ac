// `acrylichub inspect FILE`: import a design file (DXF ASCII/binary, SVG, COLLADA, OBJ, STL) and print its units,
// extent, entity counts, contours, parts, cut length and warnings. Exit 1 with one line for unreadable input.
import type { Command } from 'commander';
import { ImportError } from '../../import/import-file';
import type { UnitsOverride } from '../../import/import-result';
import { inspectSummary } from '../../import/inspect-summary';
import { importPath } from '../../import/read-file';
import { fail, printJson } from '../output';

const UNITS = ['mm', 'cm', 'm', 'in', 'ft'];

export function register(program: Command): void {
  program
    .command('inspect')
    .description('Import a DXF/SVG/DAE/OBJ/STL file and report units, extent, entities, contours, parts, cut length and warnings.')
    .argument('<file>', 'design file')
    .option('--units <unit>', `drawing units, overriding the file (${UNITS.join('|')})`)
    .option('--kerf <mm>', 'kerf for the narrow-feature check')
    .option('--thickness <mm>', 'material thickness for the small-hole check')
    .option('--json', 'print the result as JSON')
    .action((file: string, opts: { units?: string; kerf?: string; thickness?: string; json?: boolean }) => {
      if (opts.units !== undefined && !UNITS.includes(opts.units)) fail(`--units must be one of ${UNITS.join(', ')}, got "${opts.units}"`);
      const num = (name: string, raw?: string): number | undefined => {
        if (raw === undefined) return undefined;
        const v = Number(raw);
        if (!(v > 0) || !Number.isFinite(v)) fail(`--${name} must be a positive number of millimetres, got "${raw}"`);
        return v;
      };
      let summary;
      try {
        const result = importPath(file, { unitsOverride: opts.units as UnitsOverride | undefined, kerfMm: num('kerf', opts.kerf), thicknessMm: num('thickness', opts.thickness) });
        summary = inspectSummary(result);
      } catch (err) {
        fail(err instanceof ImportError ? err.message : `${file}: ${(err as Error).message}`);
      }
      if (opts.json) {
        printJson(summary);
        return;
      }
      const b = summary.bbox;
      const lines = [
        `${summary.file}: ${summary.format}${summary.version ? ` ${summary.version}` : ''}, units ${summary.units.unit} (${summary.units.source}, ×${summary.units.scaleToMm} to mm)`,
        `extent: ${b ? `${(b.maxX - b.minX).toFixed(2)} × ${(b.maxY - b.minY).toFixed(2)} mm at (${b.minX.toFixed(2)}, ${b.minY.toFixed(2)})` : 'no cutting geometry'}`,
        `entities: ${Object.entries(summary.entities).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
        ...(Object.keys(summary.unsupported).length ? [`not imported: ${Object.entries(summary.unsupported).map(([k, v]) => `${k} ${v}`).join(', ')}`] : []),
        `contours: ${summary.contours.closed} closed, ${summary.contours.open} open; parts: ${summary.parts}; cut length ${summary.cutLengthMm.toFixed(1)} mm; texts: ${summary.textCount}`,
        ...summary.warnings.map((w) => `  ${w.code}: ${w.message}${w.handle ? ` [${w.handle}]` : ''}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
