// Each injected fault ends the job in the stated state with its log intact: error:N pauses and names the line,
// ALARM fails the job, a pulled cable or a hang interrupts it with a safe line to resume from, and a resumed
// run completes the job.
import { afterEach, describe, expect, it } from 'vitest';
import { planResume } from '../../../src-shared/grbl/resume';
import { GrblConnection } from '../grbl-connection';
import { JobRunner, type JobLogEntry } from '../job-runner';
import { SerialTransport } from '../serial-transport';
import { squareJob, startRig, type Rig } from './harness';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

function runWithLog(r: Rig, lines: string[], extra: Partial<ConstructorParameters<typeof JobRunner>[2]> = {}) {
  const runner = new JobRunner(r.conn, lines, { jobId: 'f', ...extra });
  const log: JobLogEntry[] = [];
  runner.on('log', (e) => log.push(e));
  return { runner, log };
}

describe('faults during a job', () => {
  it('error:N pauses the job and reports the line; resume carries on to the end', async () => {
    rig = await startRig({ timeScale: 5, faults: { errorAtLine: { line: 300, code: 33 } } });
    const lines = squareJob(1000);
    const { runner, log } = runWithLog(rig, lines);
    void runner.run();
    await until(() => runner.state.status === 'paused');
    expect(runner.state.error).toEqual({ line: 299, code: 33, kind: 'error' });
    expect(log.find((e) => e.type === 'error')?.message.en).toMatch(/error:33 at line 300 .*Motion command target is invalid/);
    await until(() => rig!.emulator.state === 'Hold', 1000);
    runner.resume();
    const end = await runner.ended;
    expect(end.status).toBe('done');
    expect(rig.emulator.received).toEqual(lines);
  });

  it('an alarm stops the job as failed with the alarm in words', async () => {
    rig = await startRig({ timeScale: 500, faults: { alarmAtLine: { line: 400, code: 1 } } });
    const { runner, log } = runWithLog(rig, squareJob(1000));
    const end = await runner.run();
    expect(end.status).toBe('failed');
    expect(end.error?.kind).toBe('alarm');
    expect(log.at(-1)?.message.en).toMatch(/ALARM:1 .*Hard limit/);
    expect(log.at(-1)?.message.id).toMatch(/Limit switch/);
    expect(log[0].type).toBe('start');
  });

  it('a controller that stops answering is reported as a hang and the job is interrupted', async () => {
    rig = await startRig({ timeScale: 500, faults: { silentAtLine: 200 } }, { hangMs: 600 });
    const { runner, log } = runWithLog(rig, squareJob(1000));
    const end = await runner.run();
    expect(end.status).toBe('interrupted');
    expect(log.some((e) => e.type === 'hang' && /stopped answering/.test(e.message.en))).toBe(true);
  });

  it('no ok while the machine reports Idle is reported as a hang', async () => {
    rig = await startRig({ timeScale: 500, faults: { stallAtLine: 200 } }, { hangMs: 600 });
    const { runner, log } = runWithLog(rig, squareJob(1000));
    const end = await runner.run();
    expect(end.status).toBe('interrupted');
    expect(log.some((e) => e.type === 'hang' && /while the machine reports Idle/.test(e.message.en))).toBe(true);
  });

  it('a pulled cable interrupts the job; a resumed run from the safe line completes it', async () => {
    rig = await startRig({ timeScale: 200 });
    const pty = rig.pty;
    rig.emulator.faults = { dropAtLine: 700 };
    rig.emulator.opts.onDrop = () => pty.close();
    const lines = squareJob(1500);
    const { runner, log } = runWithLog(rig, lines);
    const end = await runner.run();
    expect(end.status).toBe('interrupted');
    const snap = runner.snapshot();
    expect(snap.resumeFrom).toBeDefined();
    expect(snap.resumeFrom!).toBeLessThan(end.ackedLines);
    expect(end.ackedLines - snap.resumeFrom!).toBeGreaterThanOrEqual(16);
    expect(log.at(-1)?.message.en).toMatch(/link to the machine lost.*safe to resume from line/);
    const firstRun = rig.emulator.received.slice();
    expect(new Set(firstRun).size).toBeGreaterThan(0);
    expect(firstRun).toEqual(lines.slice(0, firstRun.length)); // in order, nothing skipped or repeated

    // plug the cable back in and resume
    await pty.reopen();
    rig.emulator.faults = {};
    await rig.emulator.open(pty.devicePath);
    const conn = new GrblConnection(new SerialTransport(pty.hostPath), { bannerTimeoutMs: 1000 });
    await conn.connect();
    rig.conn = conn;
    const plan = planResume(lines, end.ackedLines);
    expect(plan.fromLine).toBe(snap.resumeFrom);
    const before = rig.emulator.received.length;
    const second = new JobRunner(conn, lines, { jobId: 'f', fromLine: plan.fromLine, preamble: plan.preamble });
    const end2 = await second.run();
    expect(end2.status).toBe('done');
    expect(end2.ackedLines).toBe(lines.length);
    const secondRun = rig.emulator.received.slice(before);
    expect(secondRun.slice(plan.preamble.length)).toEqual(lines.slice(plan.fromLine));
    expect(rig.emulator.overflows).toBe(0);
  });
});

async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
