// files.import end to end through the handler: a large fixture in a worker thread with progress events, a small
// one from base64 in-process, the output validated by the contract schema, bad input and cancellation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOutputSchema } from '../../src-shared/contract/channels/files';
import { ContractError } from '../../src-shared/contract/index';
import { TaskRegistry } from '../services/task-registry';
import { createFilesHandlers } from './handlers';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'dxf');

function setup() {
  const tasks = new TaskRegistry();
  const events: { taskId: string; fraction: number | null; done?: boolean; message?: string }[] = [];
  const ctx = { emit: (_e: string, p: unknown) => events.push(p as (typeof events)[number]) } as never;
  return { tasks, events, ctx, handler: createFilesHandlers({ tasks })['files.import'] };
}

describe('files.import', () => {
  it('imports a 3 MB DXF from a path in a worker thread, with stage progress', async () => {
    const { handler, events, ctx } = setup();
    const out = await handler({ path: join(DIR, 'kicad_crkbd-F.Cu.dxf') }, ctx);
    expect(importOutputSchema.parse(out).paths.length).toBe(40596);
    expect(out.contours.length).toBeGreaterThan(0);
    expect(out.contours[0]).not.toHaveProperty('segments');
    expect(events.at(-1)).toMatchObject({ fraction: 1, done: true });
    expect(events.some((e) => e.message?.includes('contours'))).toBe(true);
  }, 120_000);

  it('imports base64 bytes in-process and gives a BAD_INPUT error for a non-design file', async () => {
    const { handler, ctx } = setup();
    const data = readFileSync(join(DIR, 'vzbot_back_acrylic_panel_inkscape.dxf')).toString('base64');
    const out = await handler({ name: 'panel.dxf', dataBase64: data, unitsOverride: 'mm' }, ctx);
    expect(out.units.source).toBe('override');
    expect(out.parts.length).toBeGreaterThan(0);
    await expect(handler({ name: 'x.dxf', dataBase64: Buffer.from('hello world').toString('base64') }, ctx)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('is cancelled by task.cancel', async () => {
    const { handler, tasks, events } = setup();
    const ctx = {
      emit: (_e: string, p: unknown) => {
        events.push(p as (typeof events)[number]);
        if ((p as { fraction: number }).fraction === 0) tasks.cancel((p as { taskId: string }).taskId);
      },
    } as never;
    const err = await Promise.resolve(handler({ path: join(DIR, 'kicad_crkbd-F.Cu.dxf') }, ctx)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('CANCELLED');
  });
});
