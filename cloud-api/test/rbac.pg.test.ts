// The shared rbac suite against a real PostgreSQL (the pg Pool driver).
import { describe } from 'vitest';
import { useSuiteContext } from './suites/context';
import { rbacSuite } from './suites/rbac-suite';
import { openTestPg } from './pg-context';

describe('rbac on PostgreSQL', () => {
  const ctx = useSuiteContext(openTestPg);
  rbacSuite(ctx);
});
