// Opens the local SQLite store (better-sqlite3) with WAL, foreign keys and a busy timeout, and brings its schema
// to the latest version. The schema version lives in PRAGMA user_version; each migration runs in one
// transaction, so a crash mid-upgrade leaves the previous version intact.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as allMigrations } from './migrations/index';
import type { Migration } from './migrations/types';

export type Db = Database.Database;

export function openDatabase(file: string, migrations: Migration[] = allMigrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db, migrations);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every migration above the database's version; refuses a database newer than this build. */
export function migrate(db: Db, migrations: Migration[]): number {
  checkOrder(migrations);
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new Error(
      `The data file was written by a newer AcrylicHub (schema ${current}, this version knows ${latest}). ` +
        'Update the application or use another data folder (ACRYLICHUB_HOME).',
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

function checkOrder(migrations: Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
