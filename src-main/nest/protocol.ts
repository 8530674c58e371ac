// Messages between the nest runner and its worker threads. The stop flag is a shared Int32Array because the
// nester's search loop is synchronous: a posted message would only arrive after it ends.
import type { NestJob, NestProgress, NestResult } from '../../src-shared/nest/types';

export interface WorkerInput {
  job: NestJob;
  /** Starting order of this worker (largest area / longest side / tallest first). */
  start: number;
  /** Int32Array over a SharedArrayBuffer; element 0 becomes 1 to ask for a stop. */
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: NestProgress; best?: NestResult }
  | { type: 'done'; result: NestResult }
  | { type: 'error'; message: string; badInput: boolean };
