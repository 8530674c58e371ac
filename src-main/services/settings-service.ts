// Reads and writes user settings in the local store. Values are JSON per key; unknown keys from older or newer
// versions are ignored, and missing keys take their defaults from the contract's schema.
import { settingsSchema, type Settings } from '../../src-shared/contract/channels/settings';
import type { Db } from '../store/database';

export class SettingsService {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const raw: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        raw[row.key] = JSON.parse(row.value);
      } catch {
        // A corrupt value falls back to its default rather than breaking the app.
      }
    }
    const known = settingsSchema.safeParse(raw);
    if (known.success) return known.data;
    // Drop only the fields that fail, keep the rest.
    const bad = new Set(known.error.issues.map((i) => String(i.path[0])));
    return settingsSchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
  }

  set(change: Partial<Settings>): Settings {
    const stmt = this.db.prepare(
      'INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(change)) {
        if (value === undefined) continue;
        stmt.run(key, JSON.stringify(value), at);
      }
    })();
    return this.get();
  }
}
