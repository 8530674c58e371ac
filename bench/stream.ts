// `npm run bench:stream`: throughput of character-counting streaming over a real pty to the Grbl emulator paced
// at 115200 baud (10 bits per byte → 11,520 B/s line capacity), beside send-response streaming of the same job
// in the same process. The emulator runs in its own process (as a controller would) with motion 10,000× faster
// than real time, so the serial link is the only limit. Timed from the first line written to the last `ok`.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { GrblConnection } from '../src-main/machines/grbl-connection';
import { JobRunner } from '../src-main/machines/job-runner';
import { SerialTransport } from '../src-main/machines/serial-transport';

const BAUD = 115200;
const CAPACITY = BAUD / 10;
const LINES = Number(process.env.BENCH_LINES ?? 3000);
/** Each mode runs this many times; the best run is reported (scheduling noise only ever slows a run down). */
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const emulatorScript = fileURLToPath(new URL('../test/grbl-emulator/run.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

function shortLines(n: number): string[] {
  const out = ['G21', 'G90', 'M4S300', 'G1F6000'];
  for (let i = 0; out.length < n; i++) out.push(`G1X${(i % 97) / 2}Y${(i % 89) / 2}`);
  return out;
}

async function startEmulatorProcess(): Promise<{ child: ChildProcess; hostPath: string; stop: () => Promise<string> }> {
  const child = spawn(process.execPath, [tsx, emulatorScript, '--baud', String(BAUD), '--time-scale', '10000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const hostPath = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${stderr}`)));
  });
  return {
    child,
    hostPath,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve(stderr.trim()));
      child.kill('SIGINT');
    }),
  };
}

async function timed(lines: string[], mode: 'counting' | 'send-response'): Promise<{ ms: number; emulator: string }> {
  const emu = await startEmulatorProcess();
  const conn = new GrblConnection(new SerialTransport(emu.hostPath, BAUD), { bannerTimeoutMs: 1500 });
  await conn.connect();
  let lastAck = 0;
  conn.on('reply', (r) => {
    if (r.kind === 'ok' || r.kind === 'error') lastAck = performance.now();
  });
  const t0 = performance.now();
  if (mode === 'counting') {
    const end = await new JobRunner(conn, lines, { jobId: 'bench' }).run();
    if (end.status !== 'done') throw new Error(`character-counting run ended ${end.status}`);
  } else {
    for (const l of lines) await conn.command(l);
  }
  const ms = lastAck - t0;
  await conn.close();
  return { ms, emulator: await emu.stop() };
}

const lines = shortLines(LINES);
const bytes = lines.reduce((s, l) => s + l.length + 1, 0);
async function best(mode: 'counting' | 'send-response') {
  const runs: { ms: number; emulator: string }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(lines, mode));
  runs.sort((x, y) => x.ms - y.ms);
  return { ...runs[0], all: runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ') };
}
const counting = await best('counting');
const sendResponse = await best('send-response');

const rate = (ms: number) => bytes / (ms / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`job: ${lines.length} lines, ${fmt(bytes)} bytes (avg ${(bytes / lines.length).toFixed(1)} B/line), ${BAUD} baud → line capacity ${fmt(CAPACITY)} B/s`);
console.log(`character counting: ${fmt(rate(counting.ms))} B/s = ${((rate(counting.ms) / CAPACITY) * 100).toFixed(1)} % of capacity (best of ${RUNS}: ${counting.all} s; emulator: ${counting.emulator})`);
console.log(`send-response:      ${fmt(rate(sendResponse.ms))} B/s = ${((rate(sendResponse.ms) / CAPACITY) * 100).toFixed(1)} % of capacity (best of ${RUNS}: ${sendResponse.all} s)`);
console.log(`character counting / send-response: ${(sendResponse.ms / counting.ms).toFixed(2)}×  (goal: character counting ≥ 95 % of capacity)`);
console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (a loaded machine delays every ok and lowers the figure)`);
