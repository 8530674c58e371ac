// Imports in a worker thread (large files: the main process and the UI stay responsive, and the import can be
// cancelled by terminating the worker; the worker is kept for the next large import) or in-process (small files:
// no thread start-up cost).
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

/** How long an idle import worker is kept for the next large import. */
const WORKER_IDLE_MS = 60_000;

type Reply = { id: number; type: 'progress' | 'result' | 'error'; fraction?: number; message?: string; result?: ImportResult; user?: boolean };

/** An import worker thread that takes one import at a time and is kept between imports: in browser mode it would
 * otherwise load the TypeScript importers through tsx again for every file, and a warm JIT imports a large file in
 * about a third of the time of a cold one. It does not keep the process alive while idle, and ends after
 * WORKER_IDLE_MS without work. */
class ImportWorker {
  private readonly worker = new Worker(workerUrl('import', new URL('./worker-entry.mjs', import.meta.url)));
  private current?: { id: number; settle: (reply: Reply | Error) => void };
  private idleTimer?: NodeJS.Timeout;
  dead = false;

  constructor() {
    this.worker.on('message', (m: Reply) => this.current?.id === m.id && this.current.settle(m));
    this.worker.on('error', (err) => this.die(err));
    this.worker.on('exit', () => this.die(new Error('the import worker stopped')));
    this.idle();
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(id: number, name: string, bytes: Uint8Array, opts: Omit<ImportOptions, 'onStage'>, onReply: (reply: Reply | Error) => void): void {
    clearTimeout(this.idleTimer);
    this.worker.ref();
    this.current = { id, settle: onReply };
    const copy = bytes.slice();
    this.worker.postMessage({ id, name, bytes: copy, opts }, [copy.buffer]);
  }

  /** The import finished: wait for the next one. */
  release(): void {
    this.current = undefined;
    this.idle();
  }

  /** Stops the worker (a cancelled import: its work cannot be interrupted otherwise). */
  stop(): void {
    this.dead = true;
    this.current = undefined;
    clearTimeout(this.idleTimer);
    void this.worker.terminate();
  }

  private idle(): void {
    this.worker.unref();
    this.idleTimer = setTimeout(() => this.stop(), WORKER_IDLE_MS);
    this.idleTimer.unref();
  }

  private die(err: Error): void {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.idleTimer);
    this.current?.settle(err);
    this.current = undefined;
  }
}

let spare: ImportWorker | undefined;
let nextId = 1;

/** The kept worker when it is free, otherwise a new one (two large imports at once run side by side). */
function takeWorker(): ImportWorker {
  const w = spare && !spare.dead && !spare.busy ? spare : new ImportWorker();
  spare = w;
  return w;
}

export function runImport(name: string, bytes: Uint8Array, opts: RunImportOptions = {}): Promise<ImportResult> {
  const { onProgress, signal, worker, ...importOpts } = opts;
  if (signal?.aborted) return Promise.reject(new ImportCancelled());
  if (!(worker ?? bytes.length >= WORKER_THRESHOLD_BYTES)) {
    return new Promise((resolve) => resolve(importFile(name, bytes, { ...importOpts, onStage: onProgress })));
  }
  return new Promise((resolve, reject) => {
    const w = takeWorker();
    const onAbort = () => {
      w.stop();
      reject(new ImportCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    w.run(nextId++, name, bytes, importOpts, (m) => {
      if (m instanceof Error) {
        signal?.removeEventListener('abort', onAbort);
        reject(m);
      } else if (m.type === 'progress') onProgress?.(m.fraction ?? 0, m.message ?? '');
      else {
        signal?.removeEventListener('abort', onAbort);
        w.release();
        if (m.type === 'result') resolve(m.result!);
        else reject(m.user ? new ImportError(m.message ?? 'import failed') : new Error(m.message));
      }
    });
  });
}
