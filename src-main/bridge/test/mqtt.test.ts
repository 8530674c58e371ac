// The MQTT bridge against a private Mosquitto (password file) and the embedded aedes broker: upload without
// starting, explicit start, progress, abort, a broker restart mid-job (the job goes on, status comes back),
// a bridge restart (last will `offline`, then online again with its spooled uploads) and refused credentials.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bridge } from '../bridge';
import { RemoteMachine } from '../remote-machine';
import { SerialMachine } from '../../machines/serial-machine';
import type { JobProgressSnapshot } from '../../machines/job-runner';
import { squareJob, startEmulator } from '../../machines/test/harness';
import { PASSWORD, USER, startEmbedded, startMosquitto, type TestBroker } from './brokers';
import { openDatabase } from '../../store/database';
import { TaskRegistry } from '../../services/task-registry';
import type { CoreDeps } from '../../services/core-deps';
import type { HandlerContext } from '../../../src-shared/contract/index';
import { createMachineHandlers } from '../../machines/handlers';

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function setup(broker: TestBroker, timeScale = 50) {
  const { pty, emulator } = await startEmulator({ timeScale });
  closers.push(() => pty.dispose(), () => emulator.close());
  const spool = mkdtempSync(join(tmpdir(), 'spool-'));
  const bridge = new Bridge({
    machineId: 'laser-1', machine: new SerialMachine({ id: 'laser-1', path: pty.hostPath, connection: { bannerTimeoutMs: 1000 } }),
    mqtt: { url: broker.url, username: USER, password: PASSWORD }, spoolDir: spool,
  });
  await bridge.start();
  closers.push(() => bridge.stop());
  const remote = new RemoteMachine({ id: 'desk-1', remoteId: 'laser-1', mqtt: { url: broker.url, username: USER, password: PASSWORD } });
  await remote.connect();
  closers.push(() => remote.disconnect());
  await until(() => remote.snapshot().online && remote.snapshot().connected === true);
  return { pty, emulator, bridge, remote, spool };
}

function progressLog(remote: RemoteMachine): JobProgressSnapshot[] {
  const seen: JobProgressSnapshot[] = [];
  remote.on('job', (p) => seen.push(p));
  return seen;
}

describe.each([
  ['Mosquitto', startMosquitto],
  ['embedded aedes', startEmbedded],
])('bridge over %s', (_name, makeBroker) => {
  it('uploads without starting, starts explicitly, reports progress, and aborts', async () => {
    const broker = await makeBroker();
    closers.push(() => broker.stop());
    const { emulator, bridge, remote, spool } = await setup(broker);
    const seen = progressLog(remote);
    const lines = squareJob(800);
    await remote.upload('job-a', lines.join('\n'), 'Sign');
    expect(existsSync(join(spool, 'job-a.gcode'))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(emulator.gcodeLineCount).toBe(0); // upload never starts a job

    await remote.controlJob('job-a', 'start'); // start is an explicit control
    await until(() => seen.some((p) => p.jobId === 'job-a' && p.status === 'done'), 30_000);
    expect(emulator.received).toEqual(lines);
    const done = seen.filter((p) => p.jobId === 'job-a').at(-1)!;
    expect(done).toMatchObject({ status: 'done', ackedLines: 800, totalLines: 800 });

    // a second job, aborted while it runs
    const slow = squareJob(4000).join('\n');
    emulator.faults = {};
    const before = emulator.gcodeLineCount;
    await remote.startJob({ jobId: 'job-b', gcode: slow });
    // Running progress goes at QoS 0 and may be dropped on a busy machine: watch the controller itself instead.
    const rigs = () => ({
      linesBefore: before, linesNow: emulator.gcodeLineCount, emulator: emulator.state, plannerBlocks: emulator.plannerBlocks, rxUsed: emulator.rxUsed,
      bridgeMachine: bridge.opts.machine.snapshot(), remote: remote.snapshot(), lastProgress: seen.slice(-3),
    });
    await until(() => emulator.gcodeLineCount > before + 50, 20_000, rigs);
    await remote.controlJob('job-b', 'abort');
    await until(() => seen.some((p) => p.jobId === 'job-b' && p.status === 'aborted'), 20_000, rigs);
    expect(emulator.state).toBe('Idle');
  });

  it('keeps cutting through a broker restart and status resumes', async () => {
    const broker = await makeBroker();
    closers.push(() => broker.stop());
    const { emulator, remote } = await setup(broker, 4);
    const seen = progressLog(remote);
    const lines = squareJob(2500);
    await remote.startJob({ jobId: 'job-r', gcode: lines.join('\n') });
    await until(() => emulator.gcodeLineCount > 200);
    await broker.stop();
    const atStop = emulator.gcodeLineCount;
    await new Promise((r) => setTimeout(r, 700));
    expect(emulator.gcodeLineCount).toBeGreaterThan(atStop); // streaming went on without the broker
    await broker.start();
    await until(() => remote.snapshot().connection === 'online' && remote.snapshot().online, 15_000);
    await until(() => seen.some((p) => p.jobId === 'job-r' && p.status === 'done'), 60_000);
    expect(emulator.received).toEqual(lines);
    expect(emulator.overflows).toBe(0);
  });

  it('refuses wrong credentials with a clear message', async () => {
    const broker = await makeBroker();
    closers.push(() => broker.stop());
    const remote = new RemoteMachine({ id: 'd', remoteId: 'laser-1', mqtt: { url: broker.url, username: USER, password: 'wrong' } });
    await expect(remote.connect()).rejects.toThrow(/refused the username\/password/);
    const bridge = new Bridge({
      machineId: 'laser-1', machine: new SerialMachine({ id: 'x', path: '/dev/null-missing' }),
      mqtt: { url: broker.url, username: 'nobody', password: PASSWORD }, spoolDir: mkdtempSync(join(tmpdir(), 'spool-')),
    });
    await expect(bridge.start()).rejects.toThrow(/refused the username\/password/);
  });
});

describe('an MQTT machine through the app channels', () => {
  it('looks like a serial machine: connect, jog, start a job, history with its log', async () => {
    const broker = await startEmbedded();
    closers.push(() => broker.stop());
    const { emulator } = await setup(broker);
    const db = openDatabase(':memory:');
    const deps: CoreDeps = { db, dataDir: mkdtempSync(join(tmpdir(), 'ah-mqtt-app-')), shell: 'browser', appVersion: 'test', now: () => new Date(), tasks: new TaskRegistry(), broadcast: () => {}, onClose: (fn) => closers.push(fn) };
    const h = createMachineHandlers(deps);
    const events: string[] = [];
    const ctx: HandlerContext = { emit: (e) => events.push(e) };
    const m = await h['machines.add']({ kind: 'mqtt', name: 'Laser across the shop', url: broker.url, remoteId: 'laser-1', username: USER, password: PASSWORD }, ctx);
    const snap = await h['machines.connect']({ id: m.id }, ctx);
    expect(snap.kind).toBe('mqtt');
    await until(() => events.includes('machine.status'));
    await h['machines.jog']({ id: m.id, x: 3, feed: 1000, relative: true }, ctx);
    const lines = squareJob(500);
    const job = await h['jobs.start']({ machineId: m.id, gcode: lines.join('\n'), name: 'Remote', operator: 'Sari' }, ctx);
    const start = Date.now();
    while ((await h['jobs.get']({ jobId: job.id }, ctx)).status !== 'done') {
      if (Date.now() - start > 30_000) throw new Error('remote job did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await h['jobs.get']({ jobId: job.id }, ctx);
    expect(done).toMatchObject({ status: 'done', ackedLines: 500, operator: 'Sari' });
    expect(done.log.map((e) => e.type)).toEqual(['start', 'done']);
    expect(emulator.received.slice(-500)).toEqual(lines);
    expect(events).toContain('job.progress');
    await h['machines.disconnect']({ id: m.id }, ctx);
  });
});

describe('bridge process restart', () => {
  it('publishes the last will offline when killed and comes back online with its spooled uploads', async () => {
    const broker = await startMosquitto();
    closers.push(() => broker.stop());
    const { pty, emulator } = await startEmulator({ timeScale: 50 });
    closers.push(() => pty.dispose(), () => emulator.close());
    const spool = mkdtempSync(join(tmpdir(), 'spool-'));
    const bin = fileURLToPath(new URL('../../../bin/acrylichub.mjs', import.meta.url));
    const args = [bin, 'bridge', '--port', pty.hostPath, '--mqtt', broker.url, '--machine', 'laser-9', '--username', USER, '--spool', spool];
    const env = { ...process.env, ACRYLICHUB_MQTT_PASSWORD: PASSWORD };
    const launch = (): ChildProcess => spawn(process.execPath, args, { env, stdio: 'ignore' });
    let child = launch();
    closers.push(() => child.kill('SIGKILL'));

    const remote = new RemoteMachine({ id: 'desk', remoteId: 'laser-9', mqtt: { url: broker.url, username: USER, password: PASSWORD } });
    await remote.connect();
    closers.push(() => remote.disconnect());
    await until(() => remote.snapshot().online && remote.snapshot().connected === true, 20_000);
    const lines = squareJob(300);
    await remote.upload('job-k', lines.join('\n'));

    child.kill('SIGKILL');
    await until(() => remote.snapshot().online === false, 10_000); // last will
    child = launch();
    await until(() => remote.snapshot().online && remote.snapshot().connected === true, 20_000);
    const seen = progressLog(remote);
    await remote.controlJob('job-k', 'start');
    await until(() => seen.some((p) => p.jobId === 'job-k' && p.status === 'done'), 30_000);
    expect(emulator.received.slice(-lines.length)).toEqual(lines);
  }, 90_000);
});

/** Waits for `cond`; on time-out the error carries what `explain` says about the rigs (for a rare CI failure). */
async function until(cond: () => boolean, timeoutMs = 10_000, explain?: () => unknown): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met in time${explain ? `: ${JSON.stringify(explain())}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
