// Accounts and tokens against embedded PGlite (the same suite runs against PostgreSQL in test/auth.pg.test.ts).
import { describe } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { useSuiteContext } from '../../test/suites/context';
import { authSuite } from '../../test/suites/auth-suite';
import { sessionCacheSuite } from '../../test/suites/session-cache-suite';
import { passwordResetSuite } from '../../test/suites/password-reset-suite';

describe('auth on PGlite', () => {
  const ctx = useSuiteContext(async () => {
    const db = await openPgliteDb('memory://');
    return { db, cleanup: () => db.close() };
  });
  authSuite(ctx);
  sessionCacheSuite(ctx);
  passwordResetSuite(ctx);
});
