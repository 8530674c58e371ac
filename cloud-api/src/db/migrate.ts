// Applies the SQL files in cloud-api/migrations/ in order, each in its own transaction, recording them in
// schema_migrations. A transaction-scoped advisory lock lets several replicas start at once safely.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const MIGRATION_LOCK_KEY = 4_242_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Returns the versions applied by this call. */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  await db.tx(async (q) => {
    // Under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog.
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await q.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const rows = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      return rows.length > 0;
    });
    if (done) continue;
    const versionGuard = `DO $$ BEGIN PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
      IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = ${m.version}) THEN
        RAISE EXCEPTION 'migration ${m.version} already applied' USING ERRCODE = 'AH001'; END IF; END $$;`;
    const record = `INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}');`;
    try {
      await db.execScript(`${versionGuard}\n${m.sql}\n;${record}`);
      applied.push(m.version);
    } catch (err) {
      if ((err as { code?: string }).code === 'AH001') continue; // another replica won the race
      throw new Error(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
