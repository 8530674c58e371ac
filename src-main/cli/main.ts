// The `acrylichub` command line: builds the program from every command module and turns CliErrors (and any other
// failure) into one clear line on stderr with a non-zero exit code.
import { Command, CommanderError } from 'commander';
import { appVersion } from '../services/app-services';
import { commands } from './commands/index';
import { CliError } from './output';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('acrylichub')
    .description('AcrylicHub Pro: import, quote, nest and cut acrylic on GRBL laser cutters.')
    .version(appVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`acrylichub: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`acrylichub: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

const isMain = process.argv[1] && /acrylichub(\.mjs)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
}
