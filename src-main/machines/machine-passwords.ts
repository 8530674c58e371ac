// MQTT broker passwords of bridge machines live in the OS keychain (or the plainly reported 0600 fallback file),
// never in the SQLite database, which gets copied into backups and support bundles. Databases written before
// this kept the password in machines.mqtt_password: `moveLegacy` copies each one into the secret store and only
// then clears the column, so a failure midway loses nothing.
import type { Db } from '../store/database';
import { openSecretStore, type SecretStore } from '../sync/secret-store';

const account = (machineId: string) => `mqtt:${machineId}`;

export class MachinePasswords {
  private store?: Promise<SecretStore>;

  /** `open` is called once, on first use: a shop with only serial machines never probes the keychain. */
  constructor(private readonly open: () => Promise<SecretStore>, private readonly db: Db) {}

  static inDataDir(dataDir: string, db: Db): MachinePasswords {
    return new MachinePasswords(() => openSecretStore(dataDir, {
      service: 'AcrylicHub Pro machines',
      fileName: 'machine-secrets.json',
      what: { en: 'Machine broker passwords', id: 'Kata sandi broker mesin' },
    }), db);
  }

  private secrets(): Promise<SecretStore> {
    return (this.store ??= this.open());
  }

  async set(machineId: string, password: string): Promise<void> {
    await (await this.secrets()).set(account(machineId), password);
  }

  /** The stored password; a row not yet moved out of SQLite still answers with its old column. */
  async get(machineId: string): Promise<string | undefined> {
    const stored = await (await this.secrets()).get(account(machineId));
    if (stored !== null) return stored;
    const row = this.db.prepare('SELECT mqtt_password FROM machines WHERE id = ?').get(machineId) as { mqtt_password: string | null } | undefined;
    return row?.mqtt_password ?? undefined;
  }

  async delete(machineId: string): Promise<void> {
    await (await this.secrets()).delete(account(machineId));
  }

  /** Moves passwords still in the machines table into the secret store. Returns how many moved. */
  async moveLegacy(): Promise<number> {
    const rows = this.db.prepare('SELECT id, mqtt_password FROM machines WHERE mqtt_password IS NOT NULL').all() as { id: string; mqtt_password: string }[];
    for (const r of rows) {
      await this.set(r.id, r.mqtt_password);
      this.db.prepare('UPDATE machines SET mqtt_password = NULL WHERE id = ? AND mqtt_password = ?').run(r.id, r.mqtt_password);
    }
    return rows.length;
  }
}
