// The nest channels through their handlers with the real task registry and worker threads: task.progress events,
// nest.get, nest.stop keeping the best layout, task.cancel, BAD_INPUT and NOT_FOUND.
import { describe, expect, it } from 'vitest';
import { createNestHandlers } from './handlers';
import { TaskRegistry } from '../services/task-registry';
import { ContractError, type HandlerContext } from '../../src-shared/contract/index';
import { nestChannels } from '../../src-shared/contract/channels/nest';
import { verifyNest } from '../../src-shared/nest/verify';
import type { NestJob } from '../../src-shared/nest/types';

const square = (s: number) => [{ x: 0, y: 0 }, { x: s, y: 0 }, { x: s, y: s }, { x: 0, y: s }];
const job: NestJob = {
  parts: [{ id: 'a', quantity: 12, shape: { outer: square(30), holes: [] } }, { id: 'b', quantity: 5, shape: { outer: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 0, y: 40 }], holes: [] } }],
  sheets: [{ width: 200, height: 150, margin: 2 }],
  spacing: 2,
  rotations: { kind: 'steps', steps: 4 },
  seconds: 30,
};

function setup() {
  const tasks = new TaskRegistry();
  const events: { taskId: string; done: boolean; message?: string }[] = [];
  const ctx: HandlerContext = { emit: (_e, p) => events.push(p as (typeof events)[number]) };
  const h = createNestHandlers({ tasks, onClose: () => undefined }, { workers: 2 });
  return { tasks, events, ctx, h };
}

describe('nest channels', () => {
  it('start → progress events → stop keeps the best valid layout → get reports it', async () => {
    const { events, ctx, h } = setup();
    const input = nestChannels['nest.start'].input.parse({ job });
    const { taskId } = await h['nest.start'](input, ctx);
    const t = Date.now();
    while (!events.some((e) => e.taskId === taskId) && Date.now() - t < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(events[0].message).toMatch(/best utilisation \d+\.\d+ %/);
    const r = await h['nest.stop']({ taskId }, ctx);
    expect(nestChannels['nest.stop'].output.parse(r)).toBeTruthy();
    expect(verifyNest(job, r)).toEqual([]);
    const got = await h['nest.get']({ taskId }, ctx);
    expect(got.state).toBe('stopped');
    expect(got.best?.placements.length).toBe(17);
    await new Promise((r) => setTimeout(r, 20));
    expect(events.at(-1)).toMatchObject({ taskId, done: true });
  }, 120_000);

  it('task.cancel discards the run', async () => {
    const { tasks, ctx, h } = setup();
    const { taskId } = await h['nest.start']({ job }, ctx);
    expect(tasks.cancel(taskId)).toBe(true);
    expect((await h['nest.get']({ taskId }, ctx)).state).toBe('cancelled');
    await expect(h['nest.stop']({ taskId }, ctx)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('bad input and unknown tasks give contract errors', async () => {
    const { ctx, h } = setup();
    await expect(async () => h['nest.start']({ job: { ...job, parts: [{ ...job.parts[0], quantity: 0 }] } }, ctx)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(async () => h['nest.get']({ taskId: 'nope' }, ctx)).rejects.toBeInstanceOf(ContractError);
  });
});
