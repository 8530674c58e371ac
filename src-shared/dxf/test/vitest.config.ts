// `npm run test:import`: the slow import tests (a generated 100 MB DXF), kept out of the unit suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-shared/dxf/test/**/*.test.ts'],
    testTimeout: 600_000,
    pool: 'forks',
  },
});
