// The import worker thread: imports files one at a time as they are posted to it (the runner keeps it between
// imports, so its JIT stays warm), posting stage progress and then the result or the error message, each tagged
// with the import's id.
import { parentPort } from 'node:worker_threads';
import { ImportError, importFile } from './import-file';
import type { ImportOptions } from './import-result';

export interface ImportRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  opts: Omit<ImportOptions, 'onStage'>;
}

parentPort!.on('message', ({ id, name, bytes, opts }: ImportRequest) => {
  try {
    const result = importFile(name, bytes, { ...opts, onStage: (fraction, message) => parentPort!.postMessage({ id, type: 'progress', fraction, message }) });
    parentPort!.postMessage({ id, type: 'result', result });
  } catch (err) {
    parentPort!.postMessage({ id, type: 'error', message: (err as Error).message, user: err instanceof ImportError });
  }
});
