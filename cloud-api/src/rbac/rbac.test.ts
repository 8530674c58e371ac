// The RBAC matrix (every route × every role) and cross-company isolation on embedded PGlite.
import { describe } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { useSuiteContext } from '../../test/suites/context';
import { rbacSuite } from '../../test/suites/rbac-suite';

describe('RBAC on PGlite', () => {
  const ctx = useSuiteContext(async () => {
    const db = await openPgliteDb('memory://');
    return { db, cleanup: () => db.close() };
  });
  rbacSuite(ctx);
});
