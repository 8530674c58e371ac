// MQTT passwords never land in SQLite: a new machine's goes to the secret store, an old database's are moved
// out (and stay readable if the move fails), removing the machine removes its password.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { TaskRegistry } from '../services/task-registry';
import type { CoreDeps } from '../services/core-deps';
import type { HandlerContext } from '../../src-shared/contract/index';
import { FileSecretStore, type SecretStore } from '../sync/secret-store';
import { createMachineHandlers } from './handlers';
import { MachinePasswords } from './machine-passwords';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(store?: SecretStore) {
  const dir = mkdtempSync(join(tmpdir(), 'ah-mpw-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'app.db'));
  const secrets = store ?? new FileSecretStore(join(dir, 'machine-secrets.json'), { en: 'file', id: 'berkas' });
  const passwords = new MachinePasswords(async () => secrets, db);
  const deps: CoreDeps = {
    db, dataDir: dir, shell: 'browser', appVersion: 'test', now: () => new Date(), tasks: new TaskRegistry(), broadcast: () => {},
    onClose: () => {},
  };
  return { dir, db, secrets, passwords, h: createMachineHandlers(deps, { passwords }) };
}

const ctx: HandlerContext = { emit: () => {} };
const mqttMachine = { kind: 'mqtt' as const, name: 'Laser B', url: 'mqtt://127.0.0.1:1', remoteId: 'laser-b', username: 'shop', password: 'kata-Sandi-123' };

/** Every byte of the SQLite files (main database and write-ahead log). */
function databaseBytes(dir: string): string {
  return readdirSync(dir).filter((f) => f.startsWith('app.db')).map((f) => readFileSync(join(dir, f), 'latin1')).join('');
}

describe('MQTT machine passwords', () => {
  it('keeps a new machine\'s password in the secret store, not in the database, and removes it with the machine', async () => {
    const { dir, db, secrets, h } = setup();
    const m = await h['machines.add'](mqttMachine, ctx);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseBytes(dir)).not.toContain(mqttMachine.password);
    expect(await secrets.get(`mqtt:${m.id}`)).toBe(mqttMachine.password);
    expect(m).not.toHaveProperty('password');

    await h['machines.remove']({ id: m.id }, ctx);
    expect(await secrets.get(`mqtt:${m.id}`)).toBeNull();
  });

  it('does not add the machine when the secret store refuses the password', async () => {
    const broken: SecretStore = {
      kind: 'keychain', warning: null,
      get: async () => null, delete: async () => {},
      set: async () => { throw new Error('the keyring is locked'); },
    };
    const { h } = setup(broken);
    await expect(h['machines.add'](mqttMachine, ctx)).rejects.toThrow(/could not keep the MQTT password in the keychain: the keyring is locked/);
    expect(await h['machines.list']({}, ctx)).toEqual([]);
  });

  it('moves passwords of an older database out of SQLite, and reads them where they are until then', async () => {
    const { db, secrets, passwords } = setup();
    db.prepare(`INSERT INTO machines(id, name, kind, mqtt_url, mqtt_machine_id, mqtt_username, mqtt_password, created_at, updated_at)
      VALUES ('old', 'Old laser', 'mqtt', 'mqtt://x', 'l', 'u', 'legacy-pw', '2026-01-01', '2026-01-01')`).run();
    expect(await passwords.get('old')).toBe('legacy-pw');
    expect(await passwords.moveLegacy()).toBe(1);
    expect(db.prepare("SELECT mqtt_password FROM machines WHERE id = 'old'").get()).toEqual({ mqtt_password: null });
    expect(await secrets.get('mqtt:old')).toBe('legacy-pw');
    expect(await passwords.get('old')).toBe('legacy-pw');
    expect(await passwords.moveLegacy()).toBe(0);
  });

  it('leaves an old password in the database when the secret store fails', async () => {
    const failing: SecretStore = {
      kind: 'keychain', warning: null, get: async () => null, delete: async () => {},
      set: async () => { throw new Error('no keychain'); },
    };
    const { db, passwords } = setup(failing);
    db.prepare(`INSERT INTO machines(id, name, kind, mqtt_url, mqtt_machine_id, mqtt_password, created_at, updated_at)
      VALUES ('old', 'Old laser', 'mqtt', 'mqtt://x', 'l', 'legacy-pw', '2026-01-01', '2026-01-01')`).run();
    await expect(passwords.moveLegacy()).rejects.toThrow('no keychain');
    expect(await passwords.get('old')).toBe('legacy-pw');
  });
});
