// The real OS keychain: keytar (native) against gnome-keyring's Secret Service in a private D-Bus session with an
// unlocked keyring (ENVIRONMENT.md recipe: fresh HOME and XDG_RUNTIME_DIR, dbus-run-session, unlock with a
// password on stdin). Skipped with a message when the system packages are not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const haveKeyring = existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');

describe.skipIf(!haveKeyring)('OS keychain (gnome-keyring via keytar)', () => {
  it('stores, reads and deletes the refresh token in the keychain, not in a file', () => {
    const home = mkdtempSync(join(tmpdir(), 'ah-keyring-home-'));
    const runtime = mkdtempSync(join(tmpdir(), 'ah-keyring-run-'));
    chmodSync(runtime, 0o700);
    const data = mkdtempSync(join(tmpdir(), 'ah-keyring-data-'));
    try {
      const script = `eval "$(printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets)"; ` +
        `"${process.execPath}" --import tsx src-main/sync/test/keychain-probe.ts "${data}"`;
      const out = execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
        cwd: ROOT, env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: runtime, DISPLAY: '' }, encoding: 'utf8', timeout: 60_000,
      });
      const result = JSON.parse(out.trim().split('\n').pop()!);
      expect(result).toEqual({ kind: 'keychain', warning: null, back: 'token-from-keychain', gone: null });
      expect(existsSync(join(data, 'sync-secrets.json'))).toBe(false);
    } finally {
      for (const d of [home, runtime, data]) rmSync(d, { recursive: true, force: true });
    }
  });
});
