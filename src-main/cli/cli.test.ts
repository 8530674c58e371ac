// The CLI as a user runs it: a real process through bin/acrylichub.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'acrylichub.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('acrylichub CLI', () => {
  it('prints help listing the commands', () => {
    const res = run('--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/serve/);
  });

  it('has --help for every command', () => {
    for (const cmd of buildProgram().commands) {
      expect(cmd.helpInformation(), cmd.name()).toMatch(/Usage:/);
      expect(cmd.description(), cmd.name()).not.toBe('');
    }
  });

  it('fails with one clear line on bad input', () => {
    const res = run('serve', '--port', 'abc');
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual(['acrylichub: --port must be an integer ≥ 0, got "abc"']);
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });
});
