import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database';
import { migrations } from './migrations/index';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ah-store-'));
  dirs.push(dir);
  return join(dir, 'store.db');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('local store', () => {
  it('creates an empty database at the latest version with WAL and foreign keys', () => {
    const db = openDatabase(tempFile());
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades a database from every earlier version and keeps its rows', () => {
    for (let from = 1; from < migrations.length; from++) {
      const file = tempFile();
      const old = openDatabase(file, migrations.slice(0, from));
      old.prepare("INSERT INTO settings(key, value, updated_at) VALUES ('language', '\"id\"', 'x')").run();
      old.close();
      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(migrations.length);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'language'").get()).toEqual({ value: '"id"' });
      db.close();
    }
  });

  it('refuses a database written by a newer version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer AcrylicHub/);
  });

  it('rolls back a failing migration as a whole', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const bad = [...migrations, { version: migrations.length + 1, name: 'bad', up: 'CREATE TABLE t1(x); INSERT INTO nope VALUES (1);' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't1'").get()).toBeUndefined();
    db.close();
  });
});
