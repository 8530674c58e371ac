// PostgreSQL through a pg Pool. Queries go as unnamed extended-protocol statements (never `name:`), and a
// transaction holds one client from BEGIN to COMMIT, so the driver is safe behind pgbouncer in transaction mode.
import pg from 'pg';
import type { Db, Queryable } from './db';

const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** `listenUrl` is a direct (non-pgbouncer) connection for LISTEN; it defaults to `connectionString`. */
export async function openPgDb(connectionString: string, max: number, listenUrl = connectionString): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max, types, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {
    /* an idle client died (server restart): the pool replaces it on next use */
  });
  const wrap = (runner: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await runner.query(sql, params as unknown[]);
      return res.rows as T[];
    },
  });
  const db: Db = {
    driver: 'pg',
    ...wrap(pool),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async execScript(sql) {
      const client = await pool.connect();
      try {
        // A parameterless query uses the simple protocol, which accepts many statements in one string.
        await client.query(`BEGIN;\n${sql}\n;COMMIT;`);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async listen(channel, onMessage, onLost) {
      const client = new pg.Client({ connectionString: listenUrl, keepAlive: true, connectionTimeoutMillis: 5_000 });
      let closed = false;
      const lost = (err?: Error) => {
        if (closed) return;
        closed = true;
        onLost(err);
        void client.end().catch(() => undefined);
      };
      client.on('notification', (n) => n.channel === channel && onMessage(n.payload ?? ''));
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      } catch (err) {
        closed = true; // the caller learns from the rejection, not from onLost
        await client.end().catch(() => undefined);
        throw err;
      }
      return {
        sync: async () => {
          await client.query('SELECT');
        },
        stop: async () => {
          closed = true;
          await client.end().catch(() => undefined);
        },
      };
    },
    close: () => pool.end(),
  };
  await db.query('SELECT 1');
  return db;
}
