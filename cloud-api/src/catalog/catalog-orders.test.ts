// Catalog, orders, analytics, audit and personal data against embedded PGlite (the same suite runs on PostgreSQL in test/).
import { describe } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { useSuiteContext } from '../../test/suites/context';
import { catalogOrdersSuite } from '../../test/suites/catalog-orders-suite';
import { privacySuite } from '../../test/suites/privacy-suite';

describe('catalog and orders on PGlite', () => {
  const ctx = useSuiteContext(async () => {
    const db = await openPgliteDb('memory://');
    return { db, cleanup: () => db.close() };
  });
  catalogOrdersSuite(ctx);
  privacySuite(ctx);
});
