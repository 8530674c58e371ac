// Prepared-statement cache per database: better-sqlite3's prepare() costs far more than running a statement,
// and the sync store runs the same few statements for every record of a 10,000-row pull.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
