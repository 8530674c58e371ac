// The shared auth and session-cache suites against a real PostgreSQL (the pg Pool driver), plus what only a
// server can show: a LISTEN connection that never hears the probe keeps the session cache off.
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
});
