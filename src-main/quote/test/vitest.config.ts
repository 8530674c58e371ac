// Integration tests of quoting on every real DXF fixture (import → estimate → price, and the CLI end to end).
// Slow (the fixtures take seconds to import), so they run from `npm run test:quote`, not the unit suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/quote/test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
