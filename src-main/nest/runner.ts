// Runs a nest on worker threads (one per core by default, at most 2 here): each worker searches from its own
// starting order and seed, the runner keeps the best layout any of them has found, reports merged progress, and
// can stop at any time keeping that best layout, or cancel and discard it.
import { workerUrl } from '../services/worker-url';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { isBetter } from '../../src-shared/nest/compare';
import { validateJob, NestInputError } from '../../src-shared/nest/validate';
import type { NestJob, NestProgress, NestResult } from '../../src-shared/nest/types';
import type { WorkerInput, WorkerMessage } from './protocol';

export type NestRunState = 'running' | 'done' | 'stopped' | 'cancelled' | 'failed';

export interface NestRunOptions {
  workers?: number;
  onProgress?: (progress: NestProgress, best: NestResult | null) => void;
  /** Worker script; default: the tsx bootstrap beside this file. */
  workerUrl?: URL;
}

export class NestCancelledError extends Error {
  constructor() {
    super('The nest was cancelled');
    this.name = 'NestCancelledError';
  }
}

/** Seed of worker i: different per worker, fixed for a given job seed. */
export function workerSeed(seed: number, i: number): number {
  return (seed + i * 7919) >>> 0;
}

export class NestRun {
  state: NestRunState = 'running';
  error: string | null = null;
  private badInput = false;
  readonly result: Promise<NestResult>;
  private bestResult: NestResult | null = null;
  private readonly progressBy: (NestProgress | null)[];
  private readonly workers: Worker[] = [];
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private settle!: { resolve: (r: NestResult) => void; reject: (e: Error) => void };

  constructor(
    readonly job: NestJob,
    private readonly opts: NestRunOptions = {},
  ) {
    validateJob(job);
    const n = Math.max(1, Math.min(opts.workers ?? Math.min(2, availableParallelism()), 8));
    this.progressBy = new Array(n).fill(null);
    this.result = new Promise<NestResult>((resolve, reject) => (this.settle = { resolve, reject }));
    this.result.catch(() => undefined);
    let pending = n;
    const url = opts.workerUrl ?? workerUrl('nest', new URL('./worker-entry.mjs', import.meta.url));
    for (let i = 0; i < n; i++) {
      const input: WorkerInput = { job: { ...job, seed: workerSeed(job.seed ?? 1, i) }, start: i, stop: this.stopFlag.buffer as SharedArrayBuffer };
      const w = new Worker(url, { workerData: input });
      this.workers.push(w);
      let finished = false;
      const finish = (err?: string, badInput = false) => {
        if (finished) return;
        finished = true;
        if (err && !this.error) {
          this.error = err;
          this.badInput = badInput;
        }
        if (--pending === 0) this.finishAll();
      };
      w.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          this.progressBy[i] = m.progress;
          if (m.best) this.offer(m.best);
          this.opts.onProgress?.(this.progress()!, this.bestResult);
        } else if (m.type === 'done') {
          this.offer(m.result);
          finish();
        } else {
          finish(m.message, m.badInput);
        }
      });
      w.on('error', (e) => finish(e.message));
      w.on('exit', () => finish(this.state === 'running' ? 'a nesting worker stopped unexpectedly' : undefined));
    }
  }

  best(): NestResult | null {
    return this.bestResult;
  }

  /** Progress merged over the workers: evaluations summed, utilisation of the best layout so far. */
  progress(): NestProgress | null {
    const ps = this.progressBy.filter((p): p is NestProgress => p !== null);
    if (ps.length === 0) return null;
    const b = this.bestResult;
    return {
      evaluations: ps.reduce((s, p) => s + p.evaluations, 0),
      seconds: Math.max(...ps.map((p) => p.seconds)),
      bestUtilisation: b ? b.utilisation : Math.max(...ps.map((p) => p.bestUtilisation)),
      ...(b?.strip ? { bestLength: b.strip.length } : {}),
      placed: b ? b.placements.length : Math.max(...ps.map((p) => p.placed)),
      total: ps[0].total,
    };
  }

  /** Ends the search now and resolves with the best layout found so far. */
  stop(): Promise<NestResult> {
    if (this.state === 'running') Atomics.store(this.stopFlag, 0, 1);
    return this.result;
  }

  /** Ends the search and discards its result. */
  cancel(): void {
    if (this.state !== 'running') return;
    this.state = 'cancelled';
    for (const w of this.workers) void w.terminate();
    this.settle.reject(new NestCancelledError());
  }

  private offer(r: NestResult): void {
    if (isBetter(r, this.bestResult)) this.bestResult = r;
  }

  private finishAll(): void {
    if (this.state !== 'running') return;
    if (this.bestResult) {
      this.state = Atomics.load(this.stopFlag, 0) ? 'stopped' : 'done';
      const evaluations = this.progressBy.reduce((s, p) => s + (p?.evaluations ?? 0), 0);
      this.settle.resolve({ ...this.bestResult, evaluations: Math.max(evaluations, this.bestResult.evaluations) });
    } else {
      this.state = 'failed';
      this.settle.reject(this.badInput ? new NestInputError(this.error!) : new Error(this.error ?? 'nesting failed'));
    }
  }
}

export function startNest(job: NestJob, opts: NestRunOptions = {}): NestRun {
  return new NestRun(job, opts);
}
