// The shared auth and session-cache suites against a real PostgreSQL (the pg Pool driver), plus what only a
// server can show: a LISTEN connection that never hears the probe keeps the session cache off, and a lost one
// turns it off until it is back.
import { describe, expect, it } from 'vitest';
import { SessionCache } from '../src/auth/session-cache';
import { openPgDb } from '../src/db/pg-db';
import { useSuiteContext } from './suites/context';
import { authSuite } from './suites/auth-suite';
import { sessionCacheSuite } from './suites/session-cache-suite';
import { passwordResetSuite } from './suites/password-reset-suite';
import { openTestPg } from './pg-context';
import { startTestPostgres } from './services';

describe('auth on PostgreSQL', () => {
  const ctx = useSuiteContext(openTestPg);
  authSuite(ctx);
  sessionCacheSuite(ctx);
  passwordResetSuite(ctx);

  it('keeps the session cache off when notifications do not arrive (LISTEN on another database, as through pgbouncer)', async () => {
    const [main, elsewhere] = await Promise.all([startTestPostgres(), startTestPostgres()]);
    const db = await openPgDb(main.url, 2, elsewhere.url);
    const warnings: string[] = [];
    const cache = new SessionCache(db, 30, { warn: (_o, msg) => void warnings.push(msg) }, 300);
    try {
      await cache.start();
      cache.set('s', { userId: 'u', orgId: 'o', role: 'viewer', status: 'active', revoked: false }, cache.snapshot());
      expect(cache.get('s')).toBeUndefined();
      expect(warnings).toEqual(['session cache: probe notification did not arrive; reading sessions from the database']);
    } finally {
      await cache.stop();
      await db.close();
      await Promise.all([main.stop(), elsewhere.stop()]);
    }
  });

  it('turns the session cache off when its LISTEN connection dies, and on again once it listens anew', async () => {
    const server = await startTestPostgres();
    const db = await openPgDb(server.url, 2);
    const lost: string[] = [];
    const cache = new SessionCache(db, 30, { warn: (_o, msg) => void lost.push(msg) }, 200);
    const state = { userId: 'u', orgId: 'o', role: 'viewer' as const, status: 'active', revoked: false };
    const eventually = async (check: () => boolean) => {
      for (let i = 0; i < 150 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
      return check();
    };
    try {
      await cache.start();
      cache.set('s', state, cache.snapshot());
      expect(cache.get('s')).toBeDefined();
      await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
      expect(await eventually(() => cache.get('s') === undefined)).toBe(true);
      expect(lost[0]).toMatch(/feed lost/);
      expect(await eventually(() => (cache.set('s', state, cache.snapshot()), cache.get('s') !== undefined))).toBe(true);
    } finally {
      await cache.stop();
      await db.close();
      await server.stop();
    }
  });
});
