// The shared catalog-orders suite against a real PostgreSQL (the pg Pool driver).
import { describe } from 'vitest';
import { useSuiteContext } from './suites/context';
import { catalogOrdersSuite } from './suites/catalog-orders-suite';
import { privacySuite } from './suites/privacy-suite';
import { openTestPg } from './pg-context';

describe('catalog-orders on PostgreSQL', () => {
  const ctx = useSuiteContext(openTestPg);
  catalogOrdersSuite(ctx);
  privacySuite(ctx);
});
