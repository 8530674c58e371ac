// The shared auth suite against a real PostgreSQL (the pg Pool driver).
import { describe } from 'vitest';
import { useSuiteContext } from './suites/context';
import { authSuite } from './suites/auth-suite';
import { openTestPg } from './pg-context';

describe('auth on PostgreSQL', () => {
  const ctx = useSuiteContext(openTestPg);
  authSuite(ctx);
});
