import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSecretStore } from './secret-store';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ah-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('secret store', () => {
  it('falls back to a 0600 file with a clear bilingual reason when no keychain answers', async () => {
    const dir = temp();
    const failing = {
      getPassword: async () => null,
      setPassword: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
      deletePassword: async () => true,
    };
    const store = await openSecretStore(dir, { keytar: failing });
    expect(store.kind).toBe('file');
    expect(store.warning?.en).toMatch(/not in the OS keychain: no keychain answered \(Cannot autolaunch D-Bus/);
    expect(store.warning?.id).toMatch(/bukan di keychain sistem/);
    await store.set('refresh:a@b', 'token-1');
    await store.set('refresh:c@d', 'token-2');
    expect(statSync(join(dir, 'sync-secrets.json')).mode & 0o777).toBe(0o600);
    expect(await store.get('refresh:a@b')).toBe('token-1');
    await store.delete('refresh:a@b');
    expect(await store.get('refresh:a@b')).toBeNull();
    expect(await store.get('refresh:c@d')).toBe('token-2');
  });

  it('tightens a secrets file that was left readable by others', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'sync-secrets.json'), '{}', { mode: 0o644 });
    const store = await openSecretStore(dir, { keytar: null });
    expect(store.warning?.en).toMatch(/keytar disabled/);
    await store.set('k', 'v');
    expect(statSync(join(dir, 'sync-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('uses the keychain when a probe round-trips', async () => {
    const mem = new Map<string, string>();
    const fake = {
      getPassword: async (s: string, a: string) => mem.get(`${s}/${a}`) ?? null,
      setPassword: async (s: string, a: string, p: string) => void mem.set(`${s}/${a}`, p),
      deletePassword: async (s: string, a: string) => mem.delete(`${s}/${a}`),
    };
    const store = await openSecretStore(temp(), { keytar: fake });
    expect(store.kind).toBe('keychain');
    expect(store.warning).toBeNull();
    await store.set('refresh:x', 't');
    expect([...mem.keys()]).toEqual(['AcrylicHub Pro sync/refresh:x']);
  });
});
