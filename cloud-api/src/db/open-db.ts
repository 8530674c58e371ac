// Chooses the driver from configuration: a real PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
import type { Db } from './db';
import { openPgDb } from './pg-db';
import { openPgliteDb } from './pglite-db';

export interface DbConfig {
  databaseUrl?: string;
  /** A direct connection for LISTEN when DATABASE_URL goes through pgbouncer in transaction mode. */
  listenUrl?: string;
  poolMax: number;
  pgliteDataDir: string;
}

export function openDb(cfg: DbConfig): Promise<Db> {
  return cfg.databaseUrl ? openPgDb(cfg.databaseUrl, cfg.poolMax, cfg.listenUrl) : openPgliteDb(cfg.pgliteDataDir);
}
