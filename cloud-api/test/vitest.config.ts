// Integration tests of the cloud API against a real PostgreSQL (a fresh uniquely named database per file) and
// Redis. Run with `npm run test:cloud`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['cloud-api/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
