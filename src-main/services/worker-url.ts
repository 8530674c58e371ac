// Where a worker thread's script is. In development the TypeScript workers start through a small .mjs shim that
// registers tsx; the packaged desktop app has compiled worker bundles instead and names them in
// ACRYLICHUB_<NAME>_WORKER (set by the Electron shell before the services start).
import { pathToFileURL } from 'node:url';

export function workerUrl(name: 'nest' | 'import', devShim: URL): URL {
  const bundled = process.env[`ACRYLICHUB_${name.toUpperCase()}_WORKER`];
  return bundled ? pathToFileURL(bundled) : devShim;
}
