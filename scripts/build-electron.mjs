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
  external: ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'keytar'],
};

await build({ ...common, entryPoints: ['src-main/electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['src-main/electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
console.log('Built dist-electron/main.cjs and dist-electron/preload.cjs');
