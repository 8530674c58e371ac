// `acrylichub machines`: the machine profiles (GRBL settings, bed, power, overhead, hourly rate), and the import
// of a `$$` dump into a profile.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { ContractError } from '../../../src-shared/contract/define';
import { GrblDumpError, parseGrblSettingsDump } from '../../../src-shared/materials/grbl-dump';
import { formatMoney } from '../../../src-shared/pricing/format';
import { openCliStore } from '../../quote/cli-store';
import { fail, printJson } from '../output';
import { requireFile } from './estimate';

interface MachinesOpts {
  data?: string;
  json?: boolean;
  importGrbl?: string;
  id?: string;
}

export function register(program: Command): void {
  program
    .command('machines')
    .description('List the machine profiles, or import a GRBL $$ dump into one (--import-grbl FILE --id ID).')
    .option('--data <dir>', 'data folder whose library to use (default: the seed library, nothing saved)')
    .option('--import-grbl <file>', 'a text file with the answer of the $$ command')
    .option('--id <machine>', 'profile the imported settings go into (saved when --data is given)')
    .option('--json', 'print JSON: [{id, name, kind, laserPowerW, bedMm, grbl: {$1, $11, ...}, jobOverheadS, hourlyRateIdr, ...}]')
    .action((opts: MachinesOpts) => {
      const store = openCliStore(opts.data);
      try {
        if (opts.importGrbl !== undefined) {
          requireFile(opts.importGrbl);
          const base = opts.id ? store.library.getMachine(opts.id) : undefined;
          const parsed = parseGrblSettingsDump(readFileSync(opts.importGrbl, 'utf8'), base?.grbl);
          const machine = base ? store.library.saveMachine({ ...base, grbl: parsed.settings }) : undefined;
          if (opts.json) printJson({ ...parsed, machine, saved: Boolean(machine && opts.data) });
          else process.stdout.write(`${Object.entries(parsed.settings).map(([k, v]) => `${k}=${v}`).join('\n')}\n${parsed.missing.length ? `not in the dump (kept): ${parsed.missing.join(', ')}\n` : ''}`);
          return;
        }
        const machines = store.library.listMachines();
        if (opts.json) {
          printJson(machines);
          return;
        }
        for (const m of machines) {
          process.stdout.write(
            `${m.id.padEnd(22)} ${m.name}\n  ${m.kind} ${m.laserPowerW} W, bed ${m.bedMm.x}×${m.bedMm.y} mm, $110=${m.grbl.$110} $120=${m.grbl.$120} $11=${m.grbl.$11}, overhead ${m.jobOverheadS} s, ${formatMoney(m.hourlyRateIdr, 'IDR', 'en')}/h\n`,
          );
        }
      } catch (err) {
        if (err instanceof GrblDumpError) fail(`${opts.importGrbl}: ${err.message}`);
        if (err instanceof ContractError) fail(err.message);
        throw err;
      } finally {
        store.close();
      }
    });
}
