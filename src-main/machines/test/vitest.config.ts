// Integration tests of the machine drivers and the MQTT bridge over real ptys (socat) with the Grbl emulator and
// real brokers (Mosquitto started per test, aedes embedded). Run with `npm run test:machines`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/machines/test/**/*.test.ts', 'src-main/bridge/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
