// Embedded PostgreSQL (PGlite, Postgres in WASM) for development and unit tests: no server to install. One
// connection only; PGlite serialises queries and transactions itself.
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Db, Queryable } from './db';

export async function openPgliteDb(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  let busy = 0;
  const wrap = (runner: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await runner.query<T>(sql, params as unknown[]);
      return res.rows;
    },
  });
  const base = wrap(pg);
  return {
    driver: 'pglite',
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      busy++;
      try {
        return await base.query<T>(sql, params);
      } finally {
        busy--;
      }
    },
    tx: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async execScript(sql) {
      await pg.transaction(async (tx) => {
        await tx.exec(sql);
      });
    },
    poolStats: () => ({ total: 1, idle: busy > 0 ? 0 : 1, waiting: Math.max(0, busy - 1) }),
    // Embedded: the database lives in this process, so the subscription cannot be lost.
    listen: async (channel, onMessage) => {
      const stop = await pg.listen(channel, onMessage);
      // In-process: a committed transaction's notifications are delivered before the next statement completes.
      return { sync: async () => void (await pg.query('SELECT')), stop };
    },
    close: () => pg.close(),
  };
}
