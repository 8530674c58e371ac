// The layer rule of the architecture: src-shared is pure (no Node built-ins, no electron, no DOM, no I/O
// libraries), and only src-main/electron may import electron. Type-checking enforces the globals (src-shared's
// tsconfig has no DOM lib and no Node types); this test enforces the imports.
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const forbiddenInShared = new Set(['electron', 'better-sqlite3', 'serialport', 'mqtt', 'ws', 'keytar', 'axios', 'react', 'react-dom', 'three', 'pino']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) found.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return found;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || /[\\/]test[\\/]/.test(f);

describe('layer rule', () => {
  it('src-shared imports no Node built-in, electron or I/O library (tests excepted)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(root, 'src-shared')).filter((f) => !isTest(f))) {
      for (const spec of imports(file)) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (builtins.has(spec) || builtins.has(pkg) || forbiddenInShared.has(pkg)) offenders.push(`${relative(root, file)} imports ${spec}`);
        if (spec.startsWith('.') && /src-(main|renderer)/.test(join(file, '..', spec))) offenders.push(`${relative(root, file)} reaches into ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only src-main/electron imports electron', () => {
    const offenders: string[] = [];
    for (const dir of ['src-shared', 'src-main', 'src-renderer', 'cloud-api/src']) {
      for (const file of sourceFiles(join(root, dir))) {
        if (relative(root, file).startsWith(join('src-main', 'electron'))) continue;
        if (imports(file).some((s) => s === 'electron' || s.startsWith('electron/'))) offenders.push(relative(root, file));
      }
    }
    expect(offenders).toEqual([]);
  });

  it("src-shared type-checks without DOM and Node globals", () => {
    const config = JSON.parse(readFileSync(join(root, 'src-shared', 'tsconfig.json'), 'utf8'));
    expect(config.compilerOptions.lib).toEqual(['ES2022']);
    expect(config.compilerOptions.types).toEqual([]);
  });
});
