// Test equipment: a pair of connected pseudo-terminals made by socat, standing in for a USB serial cable. The
// host side (driver under test) opens `hostPath`, the emulator opens `devicePath`. Killing socat is how tests
// "pull the cable".
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  hostPath: string;
  devicePath: string;
  /** Ends socat (the cable is pulled); resolves once it has exited. */
  close(): Promise<void>;
  /** Ends socat and removes the temporary folder of the links. */
  dispose(): Promise<void>;
  /** Makes a new pair under the same names (the cable is plugged back in). */
  reopen(): Promise<void>;
}

async function startSocat(hostPath: string, devicePath: string): Promise<ChildProcess> {
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = Date.now();
  while (!(existsSync(hostPath) && existsSync(devicePath) && /starting data transfer loop/.test(stderr))) {
    if (child.exitCode !== null) throw new Error(`socat exited: ${stderr.trim()}`);
    if (Date.now() - started > 5000) {
      child.kill();
      throw new Error(`socat did not create ${hostPath} in 5 s (is socat installed? apt-get install -y socat): ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return child;
}

export async function createPtyPair(dir = mkdtempSync(join(tmpdir(), 'grbl-pty-'))): Promise<PtyPair> {
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  let child = await startSocat(hostPath, devicePath);
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    hostPath,
    devicePath,
    close,
    async dispose() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
    async reopen() {
      await close();
      child = await startSocat(hostPath, devicePath);
    },
  };
}
