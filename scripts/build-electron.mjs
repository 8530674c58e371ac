// Bundles the Electron main process and preload (TypeScript → CommonJS) into dist-electron/. Native modules stay
// external: electron-builder rebuilds them for Electron's ABI at packaging time and unpacks them from the asar.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // app-services reads package.json via import.meta only when no version is passed; Electron passes app.getVersion().
  logOverride: { 'empty-import-meta': 'silent' },
  // import.meta.url becomes the bundle's own file URL (worker shims and resource paths resolve from it).
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'keytar'],
};

await build({ ...common, entryPoints: ['src-main/electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['src-main/electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// Worker threads run as their own bundles; main.ts names them in ACRYLICHUB_<NAME>_WORKER.
await build({ ...common, entryPoints: ['src-main/nest/worker.ts'], outfile: 'dist-electron/nest-worker.cjs' });
await build({ ...common, entryPoints: ['src-main/import/import-worker.ts'], outfile: 'dist-electron/import-worker.cjs' });
console.log('Built dist-electron/{main,preload,nest-worker,import-worker}.cjs');
