// Integration tests of sync against a real PostgreSQL (uniquely named database per file) and real processes.
// Run with `npm run test:sync`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/sync/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
