// The machines/jobs channels end to end over a real pty: add a serial machine, connect, jog, start a job from
// G-code text, watch machine.status / job.progress events, and find the job with its log in the history.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database';
import { TaskRegistry } from '../../services/task-registry';
import type { CoreDeps } from '../../services/core-deps';
import type { HandlerContext } from '../../../src-shared/contract/index';
import { ContractError } from '../../../src-shared/contract/define';
import { createMachineHandlers } from '../handlers';
import { squareJob, startEmulator } from './harness';

const closers: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function deps(): CoreDeps {
  const db = openDatabase(':memory:');
  return {
    db, dataDir: '/tmp', shell: 'browser', appVersion: 'test', now: () => new Date(), tasks: new TaskRegistry(), broadcast: () => {},
    onClose: (fn) => closers.push(fn),
  };
}

describe('machines channels', () => {
  it('runs a job from G-code text and records it in the history with its log', async () => {
    const { pty, emulator } = await startEmulator({ timeScale: 100 });
    closers.push(() => pty.dispose(), () => emulator.close());
    const h = createMachineHandlers(deps());
    const events: { event: string; payload: unknown }[] = [];
    const ctx: HandlerContext = { emit: (event, payload) => events.push({ event, payload }) };

    const m = await h['machines.add']({ kind: 'serial', name: 'Laser A', port: pty.hostPath, baud: 115200 }, ctx);
    expect(m.status.connection).toBe('offline');
    const snap = await h['machines.connect']({ id: m.id }, ctx);
    expect(snap).toMatchObject({ connection: 'online', firmware: '1.1h', rxBufferSize: 128 });

    await h['machines.jog']({ id: m.id, x: 5, y: 2, feed: 1000, relative: true }, ctx);
    await new Promise((r) => setTimeout(r, 300));
    expect(emulator.machinePosition[0]).toBeCloseTo(5, 3);

    const frame = await h['machines.frameBox']({ id: m.id, bbox: { minX: 10, minY: 10, maxX: 60, maxY: 30 }, powerPct: 0, speedMmPerMin: 3000 }, ctx);
    expect(frame.gcode).toContain('M5');
    await new Promise((r) => setTimeout(r, 300));
    expect(emulator.machinePosition.slice(0, 2)).toEqual([10, 10]);
    await h['machines.setting']({ id: m.id, key: 110, value: 8000 }, ctx);
    expect((await h['machines.status']({ id: m.id }, ctx)).settings?.['110']).toBe('8000');

    await expect(h['jobs.start']({ machineId: m.id, gcode: 'G1 X1 W3', name: 'bad', operator: '' }, ctx)).rejects.toMatchObject({ code: 'BAD_INPUT' });

    const gcode = squareJob(600).join('\n');
    const job = await h['jobs.start']({ machineId: m.id, gcode, name: 'Sign 40x20', operator: 'Budi' }, ctx);
    expect(job.status).toBe('running');
    expect(job.estimateSeconds).toBeGreaterThan(0);
    await expect(h['machines.jog']({ id: m.id, x: 1, feed: 500, relative: true }, ctx)).rejects.toBeInstanceOf(ContractError);

    const start = Date.now();
    while ((await h['jobs.get']({ jobId: job.id }, ctx)).status !== 'done') {
      if (Date.now() - start > 30_000) throw new Error('job did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await h['jobs.get']({ jobId: job.id }, ctx);
    expect(done).toMatchObject({ status: 'done', ackedLines: 600, totalLines: 600, operator: 'Budi' });
    expect(done.actualSeconds).toBeGreaterThan(0);
    expect(done.log.map((e) => e.type)).toEqual(['start', 'done']);
    expect((await h['jobs.history']({ machineId: m.id, limit: 10 }, ctx)).map((j) => j.id)).toEqual([job.id]);
    const list = await h['machines.list']({}, ctx);
    // The emulator runs far faster than the estimate, so this job says nothing about the machine: not counted.
    const ratio = done.actualSeconds! / done.estimateSeconds!;
    expect(list[0].calibration.samples).toBe(ratio >= 0.2 && ratio <= 5 ? 1 : 0);

    expect(events.some((e) => e.event === 'machine.status')).toBe(true);
    const progress = events.filter((e) => e.event === 'job.progress').map((e) => e.payload as { status: string; etaSeconds: number | null });
    expect(progress.at(-1)?.status).toBe('done');
    expect(progress.some((p) => p.status === 'running' && p.etaSeconds !== null)).toBe(true);
    expect(events.filter((e) => e.event === 'job.log').length).toBe(2);
    await h['machines.disconnect']({ id: m.id }, ctx);
  });

  it('records an interrupted job and resumes it after the cable is back', async () => {
    const { pty, emulator } = await startEmulator({ timeScale: 100 });
    closers.push(() => pty.dispose(), () => emulator.close());
    emulator.faults = { dropAtLine: 500 };
    emulator.opts.onDrop = () => pty.close();
    const h = createMachineHandlers(deps());
    const ctx: HandlerContext = { emit: () => undefined };
    const m = await h['machines.add']({ kind: 'serial', name: 'Laser B', port: pty.hostPath, baud: 115200 }, ctx);
    await h['machines.connect']({ id: m.id }, ctx);
    const lines = squareJob(1200);
    const job = await h['jobs.start']({ machineId: m.id, gcode: lines.join('\n'), name: 'Box', operator: '' }, ctx);
    await until(async () => (await h['jobs.get']({ jobId: job.id }, ctx)).status === 'interrupted');
    const interrupted = await h['jobs.get']({ jobId: job.id }, ctx);
    expect(interrupted.resumeFrom).toBeLessThan(interrupted.ackedLines);
    expect(interrupted.log.at(-1)).toMatchObject({ type: 'interrupted', message: { en: expect.stringMatching(/safe to resume from line/) } });
    expect((await h['machines.status']({ id: m.id }, ctx)).interruptedJobId).toBe(job.id);

    await pty.reopen();
    emulator.faults = {};
    await emulator.open(pty.devicePath);
    await h['machines.connect']({ id: m.id }, ctx);
    await h['jobs.resumeInterrupted']({ jobId: job.id }, ctx);
    await until(async () => (await h['jobs.get']({ jobId: job.id }, ctx)).status === 'done');
    const done = await h['jobs.get']({ jobId: job.id }, ctx);
    expect(done.ackedLines).toBe(1200);
    expect(done.log.map((e) => e.type)).toEqual(['start', 'interrupted', 'start', 'done']);
    expect(emulator.received.slice(-10)).toEqual(lines.slice(-10));
  });

  it('says clearly when the port is missing', async () => {
    const h = createMachineHandlers(deps());
    const ctx: HandlerContext = { emit: () => undefined };
    const m = await h['machines.add']({ kind: 'serial', name: 'Ghost', port: '/dev/ttyACM99', baud: 115200 }, ctx);
    await expect(h['machines.connect']({ id: m.id }, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/does not exist/) });
  });
});

async function until(cond: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
