// Handlers of the nest channels: a nest runs as a task on worker threads (src-main/nest/runner.ts), emits
// `task.progress` on every improvement and heartbeat (fraction = time used of the budget, message = best
// utilisation so far), answers `nest.get` with its state and best layout, stops on `nest.stop` keeping that
// layout, and is discarded by `task.cancel`. Finished runs are kept (the last 20) so the UI can fetch results.
import { ContractError, type Handlers, type HandlerContext } from '../../src-shared/contract/index';
import { DEFAULT_SECONDS } from '../../src-shared/nest/search';
import { NestInputError } from '../../src-shared/nest/validate';
import type { NestJob } from '../../src-shared/nest/types';
import type { CoreDeps } from '../services/core-deps';
import { startNest, type NestRun } from './runner';

type NestChannels = 'nest.start' | 'nest.get' | 'nest.stop';
const KEEP_FINISHED = 20;

export function createNestHandlers(deps: Pick<CoreDeps, 'tasks' | 'onClose'>, opts: { workers?: number } = {}): Pick<Handlers, NestChannels> {
  const runs = new Map<string, NestRun>();
  deps.onClose(() => {
    for (const run of runs.values()) run.cancel();
  });

  const find = (taskId: string): NestRun => {
    const run = runs.get(taskId);
    if (!run) throw new ContractError('NOT_FOUND', `No nest task ${taskId}`);
    return run;
  };

  const start = (job: NestJob, ctx: HandlerContext) => {
    const task = deps.tasks.start();
    const budget = job.seconds ?? DEFAULT_SECONDS;
    const emit = (fraction: number, message: string, done: boolean) =>
      ctx.emit('task.progress', { taskId: task.taskId, kind: 'nest', fraction: Math.min(1, Math.max(0, fraction)), message, done });
    let run: NestRun;
    try {
      run = startNest(job, {
        workers: opts.workers,
        onProgress: (p) => emit(p.seconds / budget, `best utilisation ${(p.bestUtilisation * 100).toFixed(2)} %, ${p.placed}/${p.total} parts placed`, false),
      });
    } catch (err) {
      task.finish();
      if (err instanceof NestInputError) throw new ContractError('BAD_INPUT', err.message);
      throw err;
    }
    runs.set(task.taskId, run);
    task.signal.addEventListener('abort', () => run.cancel());
    run.result.then(
      (r) => emit(1, `done: utilisation ${(r.utilisation * 100).toFixed(2)} %, ${r.unplaced.length} parts not placed`, true),
      (e: Error) => emit(1, run.state === 'cancelled' ? 'cancelled' : `failed: ${e.message}`, true),
    ).finally(() => {
      task.finish();
      prune(runs);
    });
    return { taskId: task.taskId };
  };

  return {
    'nest.start': (input, ctx) => start(input.job as NestJob, ctx),
    'nest.get': (input) => {
      const run = find(input.taskId);
      return { state: run.state, progress: run.progress(), best: run.best(), error: run.error };
    },
    'nest.stop': async (input) => {
      const run = find(input.taskId);
      try {
        return await run.stop();
      } catch (err) {
        if (run.state === 'cancelled') throw new ContractError('CANCELLED', 'The nest was cancelled before it was stopped');
        throw err;
      }
    },
  };
}

function prune(runs: Map<string, NestRun>): void {
  const finished = [...runs.entries()].filter(([, r]) => r.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) runs.delete(id);
}
