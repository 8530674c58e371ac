// `acrylichub send FILE.gcode --port PATH`: streams a G-code file to a Grbl 1.1 controller with character
// counting. The file is checked before the port is even opened (line length, unknown words), the device must
// answer as Grbl, and the exit code is 0 only when every line was acknowledged with ok.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describeProblems, prepareJob } from '../../../src-shared/grbl/validate-line';
import { SerialMachine } from '../../machines/serial-machine';
import type { JobProgressSnapshot } from '../../machines/job-runner';
import { fail, numberOption, printJson } from '../output';

interface SendOptions { port: string; baud: string; json?: boolean; check?: boolean; lang: string }

export function register(program: Command): void {
  program
    .command('send')
    .description('Stream a G-code file to a Grbl 1.1 laser over serial; exit 0 only when every line was acknowledged.')
    .argument('<file>', 'G-code file (.gcode, .nc)')
    .requiredOption('--port <path>', 'serial port, e.g. /dev/ttyUSB0 or COM3')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--check', "validate the whole file with the controller's check mode ($C) before cutting")
    .option('--lang <en|id>', 'language of messages', 'en')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: SendOptions) => {
      const baud = numberOption('baud', opts.baud, { min: 1200, integer: true })!;
      const lang = opts.lang === 'id' ? 'id' : 'en';
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
      }
      const prepared = prepareJob(text);
      if (prepared.problems.length) fail(`${file}: not sent, nothing moved —\n${describeProblems(prepared.problems, lang)}`);
      if (prepared.lines.length === 0) fail(`${file}: no G-code lines to send`);

      const machine = new SerialMachine({ id: 'cli', path: opts.port, baud });
      try {
        await machine.connect();
      } catch (err) {
        fail((err as Error).message);
      }
      try {
        if (opts.check) {
          const { problems } = await machine.check(text);
          if (problems.length) {
            const first = problems.slice(0, 5).map((p) => `line ${p.index + 1}: error:${p.code} ${lang === 'id' ? p.id : p.en}`).join('\n');
            fail(`${file}: the controller's check mode found ${problems.length} problem(s), nothing cut —\n${first}`);
          }
        }
        const result = await stream(machine, text, !opts.json && process.stderr.isTTY);
        if (opts.json) printJson(result);
        if (result.status !== 'done') fail(outcomeMessage(result, file, lang), 3);
        if (!opts.json) process.stdout.write(`${file}: ${result.ackedLines} lines acknowledged in ${result.elapsedSeconds.toFixed(1)} s\n`);
      } finally {
        await machine.disconnect().catch(() => undefined);
      }
    });
}

async function stream(machine: SerialMachine, text: string, bar: boolean): Promise<JobProgressSnapshot> {
  const onSigint = () => void machine.abortJob().catch(() => undefined);
  process.once('SIGINT', onSigint);
  try {
    if (bar) machine.on('job', (p) => drawBar(p));
    await machine.startJob({ jobId: randomUUID(), gcode: text });
    // An error:N pauses the job for an operator; on the command line there is none, so stop it cleanly.
    machine.on('job', (p) => {
      if (p.status === 'paused' && p.error) void machine.abortJob().catch(() => undefined);
    });
    const end = await machine.jobEnded()!;
    if (bar) process.stderr.write('\n');
    return end;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function drawBar(p: JobProgressSnapshot): void {
  const frac = p.totalLines ? p.ackedLines / p.totalLines : 0;
  const width = 30;
  const filled = Math.round(frac * width);
  const eta = p.etaSeconds === null ? '' : ` ${Math.floor(p.etaSeconds / 60)}:${String(Math.round(p.etaSeconds % 60)).padStart(2, '0')} left`;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${p.ackedLines}/${p.totalLines} ${p.status}${eta}   `);
}

function outcomeMessage(p: JobProgressSnapshot, file: string, lang: 'en' | 'id'): string {
  if (p.error) return `${file}: ${p.error.kind === 'alarm' ? 'ALARM' : 'error'}:${p.error.code} at line ${p.error.line}: ${p.error.message[lang]} (${p.ackedLines}/${p.totalLines} lines acknowledged)`;
  if (p.status === 'interrupted') return `${file}: interrupted (${p.reason}) after ${p.ackedLines}/${p.totalLines} lines; safe to resume from line ${(p.resumeFrom ?? 0) + 1}`;
  return `${file}: ${p.status}${p.reason ? ` (${p.reason})` : ''} after ${p.ackedLines}/${p.totalLines} lines`;
}
