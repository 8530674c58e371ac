// The one database seam of the cloud API. Two drivers implement it (PGlite embedded, pg Pool for PostgreSQL) so
// every module is written once against plain SQL with positional parameters (no named prepared statements, no
// session state: safe behind pgbouncer in transaction mode).

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** A LISTEN session. */
export interface Subscription {
  /**
   * A round trip on the listening session itself: when it resolves, every notification committed before the call
   * has been delivered to `onMessage` (PostgreSQL sends a session its pending notifications before it reports a
   * statement done). No NOTIFY, no transaction id, nothing for the other listeners.
   */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** Runs `fn` inside BEGIN/COMMIT on one connection; rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement SQL script (migrations) inside one transaction. */
  execScript(sql: string): Promise<void>;
  poolStats(): PoolStats;
  /**
   * Subscribes to NOTIFY on `channel` over a session of its own (LISTEN cannot work through pgbouncer in
   * transaction mode, so the pg driver may use a separate direct URL). `onLost` runs once if that session ends.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLost: (err?: Error) => void): Promise<Subscription>;
  close(): Promise<void>;
}

/** Postgres error code helper: unique violations become 409s etc. */
export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
