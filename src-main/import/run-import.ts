// Imports in a worker thread (large files: the main process and the UI stay responsive, and the import can be
// cancelled by terminating the worker) or in-process (small files: no thread start-up cost).
import { workerUrl } from '../services/worker-url';
import { Worker } from 'node:worker_threads';
import { ImportError, importFile } from './import-file';
import type { ImportOptions, ImportResult } from './import-result';

/** Files at least this big go to a worker thread. */
export const WORKER_THRESHOLD_BYTES = 2 * 1024 * 1024;

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled / Impor dibatalkan');
    this.name = 'ImportCancelled';
  }
}

export interface RunImportOptions extends Omit<ImportOptions, 'onStage'> {
  onProgress?: (fraction: number, message: string) => void;
  signal?: AbortSignal;
  /** Force (true) or forbid (false) the worker; default: by size. */
  worker?: boolean;
}

export function runImport(name: string, bytes: Uint8Array, opts: RunImportOptions = {}): Promise<ImportResult> {
  const { onProgress, signal, worker, ...importOpts } = opts;
  if (signal?.aborted) return Promise.reject(new ImportCancelled());
  if (!(worker ?? bytes.length >= WORKER_THRESHOLD_BYTES)) {
    return new Promise((resolve) => resolve(importFile(name, bytes, { ...importOpts, onStage: onProgress })));
  }
  return new Promise((resolve, reject) => {
    const copy = bytes.slice();
    const w = new Worker(workerUrl('import', new URL('./worker-entry.mjs', import.meta.url)), {
      workerData: { name, bytes: copy, opts: importOpts },
      transferList: [copy.buffer],
    });
    const onAbort = () => {
      void w.terminate();
      reject(new ImportCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    w.on('message', (m: { type: string; fraction?: number; message?: string; result?: ImportResult; user?: boolean }) => {
      if (m.type === 'progress') onProgress?.(m.fraction ?? 0, m.message ?? '');
      else if (m.type === 'result') {
        done();
        resolve(m.result!);
        void w.terminate();
      } else if (m.type === 'error') {
        done();
        reject(m.user ? new ImportError(m.message ?? 'import failed') : new Error(m.message));
        void w.terminate();
      }
    });
    w.on('error', (err) => {
      done();
      reject(err);
    });
  });
}
