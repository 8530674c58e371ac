// Runs one import off the main thread: receives the bytes (transferred), posts stage progress, then the result
// or the error message.
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError, importFile } from './import-file';
import type { ImportOptions } from './import-result';

interface Input {
  name: string;
  bytes: Uint8Array;
  opts: Omit<ImportOptions, 'onStage'>;
}

const { name, bytes, opts } = workerData as Input;
try {
  const result = importFile(name, bytes, { ...opts, onStage: (fraction, message) => parentPort!.postMessage({ type: 'progress', fraction, message }) });
  parentPort!.postMessage({ type: 'result', result });
} catch (err) {
  parentPort!.postMessage({ type: 'error', message: (err as Error).message, user: err instanceof ImportError });
}
