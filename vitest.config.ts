// Unit tests live beside the code (*.test.ts). Slow integration and browser tests live in test/ folders and run
// from their own npm scripts, so they are excluded here.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'cloud-api/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/test/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
