// Builds the renderer (vite) when dist/renderer is missing or older than any renderer/shared source file, so
// `npm start`, `acrylichub serve` and the browser tests always serve the current UI.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = join(dir, name);
    const s = statSync(full);
    t = Math.max(t, s.isDirectory() ? newest(full) : s.mtimeMs);
  }
  return t;
}

export function ensureRenderer(root = process.cwd()) {
  const index = join(root, 'dist', 'renderer', 'index.html');
  const sources = Math.max(newest(join(root, 'src-renderer')), newest(join(root, 'src-shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return false;
  console.log('Building the user interface (vite)…');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureRenderer();
