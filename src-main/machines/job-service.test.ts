// Job queue/history on a real (in-memory) store: queue order, progress and log persistence, outcome fields and
// the per-machine calibration factor from actual vs estimated times.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { JobService } from './job-service';
import { MachineStore } from './machine-store';
import type { JobProgressSnapshot } from './job-runner';

function setup() {
  const db = openDatabase(':memory:');
  let t = Date.parse('2026-11-25T10:00:00Z');
  const now = () => new Date((t += 1000));
  const machines = new MachineStore(db, now);
  const m = machines.add({ kind: 'serial', name: 'Laser A', port: '/dev/ttyUSB0', baud: 115200 });
  return { db, jobs: new JobService(db, now), machineId: m.id, machines };
}

function progress(jobId: string, status: JobProgressSnapshot['status'], extra: Partial<JobProgressSnapshot> = {}): JobProgressSnapshot {
  return { jobId, status, totalLines: 100, sentLines: 100, ackedLines: 100, startLine: 0, etaSeconds: 0, elapsedSeconds: 0, at: new Date().toISOString(), ...extra };
}

describe('JobService', () => {
  it('queues jobs in order and moves them to history when they finish', () => {
    const { jobs, machineId } = setup();
    const a = jobs.create({ machineId, name: 'A', gcode: 'G0X1', totalLines: 1, estimateSeconds: 100 });
    const b = jobs.create({ machineId, name: 'B', gcode: 'G0X2', totalLines: 1, operator: 'Budi' });
    expect(jobs.queue(machineId).map((j) => j.name)).toEqual(['A', 'B']);
    jobs.recordProgress(progress(a.id, 'running', { ackedLines: 10, elapsedSeconds: 5 }));
    expect(jobs.get(a.id)).toMatchObject({ status: 'running', ackedLines: 10 });
    expect(jobs.get(a.id)!.startedAt).toBeDefined();
    jobs.recordProgress(progress(a.id, 'done', { elapsedSeconds: 120 }));
    jobs.recordProgress(progress(a.id, 'done', { elapsedSeconds: 120 })); // repeated: counted once
    expect(jobs.get(a.id)).toMatchObject({ status: 'done', actualSeconds: 120, queuePosition: undefined });
    expect(jobs.queue(machineId).map((j) => j.name)).toEqual(['B']);
    expect(jobs.history(machineId, 10).map((j) => j.name)).toEqual(['A']);
    expect(jobs.remove(b.id)).toBe(true);
    expect(jobs.remove(a.id)).toBe(false); // finished jobs stay in history
  });

  it('keeps the event log and decodes the stored error', () => {
    const { jobs, machineId } = setup();
    const j = jobs.create({ machineId, name: 'E', gcode: 'G1X1', totalLines: 1 });
    jobs.appendLog(j.id, { type: 'start', message: { en: 'started', id: 'dimulai' }, at: '2026-11-25T10:00:00Z' });
    jobs.appendLog(j.id, { type: 'alarm', line: 40, code: 1, message: { en: 'ALARM:1', id: 'ALARM:1' }, at: '2026-11-25T10:00:05Z' });
    jobs.recordProgress(progress(j.id, 'failed', { error: { line: 40, code: 1, kind: 'alarm', message: { en: '', id: '' } } }));
    expect(jobs.log(j.id).map((e) => e.type)).toEqual(['start', 'alarm']);
    expect(jobs.get(j.id)!.error).toMatchObject({ kind: 'alarm', code: 1, line: 40, message: { en: expect.stringMatching(/Hard limit/) } });
  });

  it('derives the calibration factor from actual ÷ estimated over completed full runs', () => {
    const { jobs, machineId } = setup();
    expect(jobs.calibration(machineId)).toEqual({ factor: 1, samples: 0 });
    for (const [est, act] of [[100, 110], [200, 230]]) {
      const j = jobs.create({ machineId, name: 'C', gcode: 'G1X1', totalLines: 1, estimateSeconds: est });
      jobs.recordProgress(progress(j.id, 'done', { elapsedSeconds: act }));
    }
    const aborted = jobs.create({ machineId, name: 'X', gcode: 'G1X1', totalLines: 1, estimateSeconds: 100 });
    jobs.recordProgress(progress(aborted.id, 'aborted', { elapsedSeconds: 5 }));
    const c = jobs.calibration(machineId);
    expect(c.samples).toBe(2);
    expect(c.factor).toBeCloseTo((1.1 + 1.15) / 2, 6);
    const next = jobs.create({ machineId, name: 'N', gcode: 'G1X1', totalLines: 1, estimateSeconds: 60, calibration: c.factor });
    expect(next.calibratedEstimateSeconds).toBeCloseTo(67.5, 6);
  });

  it('ignores implausible jobs and keeps the factor within 0.5–2', () => {
    const { jobs, machineId } = setup();
    const run = (est: number, act: number) => {
      const j = jobs.create({ machineId, name: 'C', gcode: 'G1X1', totalLines: 1, estimateSeconds: est });
      jobs.recordProgress(progress(j.id, 'done', { elapsedSeconds: act }));
    };
    run(100, 0.1); // an emulator run at 400× speed
    expect(jobs.calibration(machineId)).toEqual({ factor: 1, samples: 0 });
    run(100, 300);
    expect(jobs.calibration(machineId)).toEqual({ factor: 2, samples: 1 });
  });

  it('marks jobs left running by a closed app as interrupted', () => {
    const { jobs, machineId } = setup();
    const j = jobs.create({ machineId, name: 'R', gcode: 'G1X1', totalLines: 1 });
    jobs.recordProgress(progress(j.id, 'running'));
    expect(jobs.interruptStale()).toBe(1);
    expect(jobs.get(j.id)!.status).toBe('interrupted');
  });
});
