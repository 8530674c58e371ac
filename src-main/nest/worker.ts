// One nesting worker thread: runs the pure nester on its job and start order, posts every improvement (with the
// layout) and a heartbeat, and returns the best layout when the budget ends or the stop flag is raised.
import { parentPort, workerData } from 'node:worker_threads';
import { nest } from '../../src-shared/nest/search';
import { NestInputError } from '../../src-shared/nest/validate';
import type { WorkerInput, WorkerMessage } from './protocol';

const input = workerData as WorkerInput;
const stop = new Int32Array(input.stop);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const result = nest(input.job, {
    start: input.start,
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    onProgress: (progress, best, improved) => post({ type: 'progress', progress, ...(improved ? { best: best() } : {}) }),
  });
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err), badInput: err instanceof NestInputError });
}
