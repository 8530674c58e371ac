// `npm start`: runs the desktop app in Electron where its binary is installed; otherwise (as on build servers
// without internet, where Electron's binary cannot be downloaded) says why and runs browser mode instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ensureRenderer } from './ensure-renderer.mjs';

const root = process.cwd();
ensureRenderer(root);

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const electron = process.env.ACRYLICHUB_BROWSER_MODE ? null : electronBinary();
let child;
if (electron && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform !== 'linux')) {
  await import('./build-electron.mjs');
  child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
} else {
  const why = !electron
    ? "Electron's binary is not installed (node_modules/electron has no dist/; npm blocks its download script by default; where the internet is reachable run `npm run setup:electron`)"
    : process.env.ACRYLICHUB_BROWSER_MODE
      ? 'ACRYLICHUB_BROWSER_MODE is set'
      : 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
  console.log(`Starting in browser mode because ${why}.`);
  const args = [join(root, 'bin', 'acrylichub.mjs'), 'serve', ...process.argv.slice(2)];
  child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
