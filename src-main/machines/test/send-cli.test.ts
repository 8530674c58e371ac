// `acrylichub send` as a user runs it, against the emulator on a real pty: exit 0 only when every line was
// acknowledged; a decoded error and non-zero exit otherwise; a clear message before anything moves for bad
// G-code, a missing or busy port, and a device that is not Grbl.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { createPtyPair } from '../../../test/grbl-emulator/pty-pair';
import { SerialTransport } from '../serial-transport';
import { squareJob, startEmulator } from './harness';

const bin = fileURLToPath(new URL('../../../bin/acrylichub.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'send-cli-'));
const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function send(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'send', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function file(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

async function emulator(opts: Parameters<typeof startEmulator>[0] = {}) {
  const e = await startEmulator({ timeScale: 200, ...opts });
  closers.push(() => e.pty.dispose(), () => e.emulator.close());
  return e;
}

describe('acrylichub send', () => {
  it('exits 0 when every line was acknowledged (text and --json)', async () => {
    const { pty, emulator: emu } = await emulator();
    const lines = squareJob(1500);
    const r = await send([file('ok.gcode', lines), '--port', pty.hostPath]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1500 lines acknowledged/);
    expect(emu.received).toEqual(lines);
    const j = await send([file('ok.gcode', lines), '--port', pty.hostPath, '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ status: 'done', ackedLines: 1500, totalLines: 1500 });
  });

  it('exits non-zero with the decoded error and its line', async () => {
    const { pty } = await emulator({ faults: { errorAtLine: { line: 120, code: 33 } }, timeScale: 20 });
    const r = await send([file('err.gcode', ['; header comment', ...squareJob(400)]), '--port', pty.hostPath]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error:33 at line 121: Motion command target is invalid/);
  });

  it('exits non-zero on an alarm, in Indonesian when asked', async () => {
    const { pty } = await emulator({ faults: { alarmAtLine: { line: 50, code: 1 } } });
    const r = await send([file('alarm.gcode', squareJob(400)), '--port', pty.hostPath, '--lang', 'id']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ALARM:1 .*Limit switch tersentuh/);
  });

  it('refuses long lines and unknown words before opening the port', async () => {
    const { pty, emulator: emu } = await emulator();
    const r = await send([file('bad.gcode', ['G21', 'G1 X10 Q5 F100', `G1 X${'1'.repeat(85)}`]), '--port', pty.hostPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not sent, nothing moved/);
    expect(r.stderr).toMatch(/line 2: has the word Q5/);
    expect(r.stderr).toMatch(/line 3: is 88 characters .* at most 79/);
    expect(emu.statusQueries).toBe(0);
    expect(emu.gcodeLineCount).toBe(0);
  });

  it('says when the port does not exist or is busy', async () => {
    const missing = await send([file('m.gcode', ['G0X1']), '--port', '/dev/ttyUSB-none']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/serial port \/dev\/ttyUSB-none does not exist/);
    const { pty } = await emulator();
    const holder = new SerialTransport(pty.hostPath);
    await holder.open();
    closers.push(() => holder.close());
    const busy = await send([file('b.gcode', ['G0X1']), '--port', pty.hostPath]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/is busy/);
  });

  it('says when the device is not Grbl', async () => {
    const pty = await createPtyPair();
    closers.push(() => pty.dispose());
    const other = new SerialPort({ path: pty.devicePath, baudRate: 115200 });
    closers.push(() => new Promise((r) => other.close(() => r(undefined))));
    other.on('data', () => other.write('echo:Unknown command: "?"\r\nok\r\n'));
    const r = await send([file('n.gcode', ['G0X1']), '--port', pty.hostPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a Grbl controller: it answered "echo:Unknown command/);
  }, 20_000);
});
