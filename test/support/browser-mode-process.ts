// Starts the real browser-mode host as a separate process (`acrylichub serve --port 0 --json`) on a fresh data
// folder, waits for its ready line, and stops it (SIGTERM, then SIGKILL) after the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BrowserModeProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');

export async function startBrowserModeProcess(dataDir = mkdtempSync(join(tmpdir(), 'ah-e2e-')), env: NodeJS.ProcessEnv = {}): Promise<BrowserModeProcess> {
  const child = spawn(process.execPath, [join(root, 'bin', 'acrylichub.mjs'), 'serve', '--port', '0', '--json', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in 30 s: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    dataDir,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
