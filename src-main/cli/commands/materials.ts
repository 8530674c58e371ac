// `acrylichub materials`: the material library (seed values from resources/, or the store in --data).
import type { Command } from 'commander';
import { formatMoney } from '../../../src-shared/pricing/format';
import { openCliStore } from '../../quote/cli-store';
import { printJson } from '../output';

export function register(program: Command): void {
  program
    .command('materials')
    .description('List the material library: thicknesses, sheet sizes and prices (IDR), kerf and laser presets.')
    .option('--data <dir>', 'data folder whose library to list (default: the seed library)')
    .option('--json', 'print the full records as JSON: [{id, name, nameId, kind, finish, thicknesses: [...], ...}]')
    .action((opts: { data?: string; json?: boolean }) => {
      const store = openCliStore(opts.data);
      try {
        const materials = store.library.listMaterials();
        if (opts.json) {
          printJson(materials);
          return;
        }
        for (const m of materials) {
          const full = (t: (typeof m.thicknesses)[number]) => t.sheets.find((s) => !s.offcut) ?? t.sheets[0];
          process.stdout.write(`${m.id.padEnd(26)} ${m.name}\n`);
          for (const t of m.thicknesses) {
            const s = full(t);
            process.stdout.write(
              `  ${String(t.thicknessMm).padStart(4)} mm  kerf ${t.kerfMm.toFixed(2)} mm  cut ${t.presets.cut.speedMmPerMin} mm/min ${t.presets.cut.powerPct} %  ${s.widthMm}×${s.heightMm} ${formatMoney(s.priceIdr, 'IDR', 'en')}\n`,
            );
          }
        }
      } finally {
        store.close();
      }
    });
}
