// The machines table: serial (port, baud) or MQTT (broker URL, the bridge's machine id, username) entries.
// mqtt_password is only read to move old rows' passwords into the keychain (machine-passwords.ts).
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../store/database';
import type { MachineConfig } from '../../src-shared/contract/channels/machines';

export interface MachineRow {
  id: string; name: string; kind: 'serial' | 'mqtt'; port_path: string | null; baud: number | null; mqtt_url: string | null;
  mqtt_machine_id: string | null; mqtt_username: string | null; mqtt_password: string | null; profile_id: string | null;
  created_at: string; updated_at: string;
}

export class MachineStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  list(): MachineRow[] {
    return this.db.prepare('SELECT * FROM machines ORDER BY name, id').all() as MachineRow[];
  }

  get(id: string): MachineRow | undefined {
    return this.db.prepare('SELECT * FROM machines WHERE id = ?').get(id) as MachineRow | undefined;
  }

  add(cfg: MachineConfig): MachineRow {
    const id = uuidv7();
    const at = this.now().toISOString();
    if (cfg.kind === 'serial') {
      this.db.prepare('INSERT INTO machines(id, name, kind, port_path, baud, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, cfg.name, 'serial', cfg.port, cfg.baud, cfg.profileId ?? null, at, at);
    } else {
      // The password goes to the keychain (MachinePasswords), never into this table.
      this.db.prepare('INSERT INTO machines(id, name, kind, mqtt_url, mqtt_machine_id, mqtt_username, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, cfg.name, 'mqtt', cfg.url, cfg.remoteId, cfg.username ?? null, cfg.profileId ?? null, at, at);
    }
    return this.get(id)!;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM machines WHERE id = ?').run(id).changes > 0;
  }
}
