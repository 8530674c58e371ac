// Integration tests of the nester: the nesting DXF fixtures through the DXF importer, and the `acrylichub nest`
// command as a real process with worker threads. Run with `npm run test:nest`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/nest/test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
