// Runs the findings recheck in a worker, one request at a time: a new request while one is running terminates
// that worker (its answer would describe a drawing the user has already changed) and starts afresh.
import type { Finding } from '../../../../src-shared/geometry/types';
import type { RecheckReply, RecheckRequest } from './dfm-check.worker';

export class RecheckCancelled extends Error {}

let worker: Worker | null = null;
let running: { reject(err: Error): void } | null = null;

export function recheckFindings(request: RecheckRequest): Promise<Finding[]> {
  if (running && worker) {
    worker.terminate();
    worker = null;
    running.reject(new RecheckCancelled('superseded by a newer edit'));
  }
  const w = (worker ??= new Worker(new URL('./dfm-check.worker.ts', import.meta.url), { type: 'module' }));
  return new Promise<Finding[]>((resolve, reject) => {
    const done = () => {
      running = null;
    };
    running = { reject };
    w.onmessage = (e: MessageEvent<RecheckReply>) => {
      done();
      if ('error' in e.data) reject(new Error(e.data.error));
      else resolve(e.data.findings);
    };
    w.onerror = (e) => {
      done();
      worker = null;
      w.terminate();
      reject(new Error(e.message || 'the checking worker failed'));
    };
    w.postMessage(request);
  });
}
