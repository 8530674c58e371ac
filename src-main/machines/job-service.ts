// The job queue and history in SQLite: a job is queued with its G-code, design, material, operator and the time
// model's estimate; progress, the event log and the outcome are written as it runs. Completed jobs' actual ÷
// estimated times give each machine's calibration factor, applied to the next estimates.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../store/database';
import type { JobRecord } from '../../src-shared/contract/channels/machines';
import { decodeAlarm, decodeError } from '../../src-shared/grbl/codes';
import type { JobStatus } from '../../src-shared/grbl/job-state';
import type { JobLogEntry, JobProgressSnapshot } from './job-runner';

/** Per-job actual ÷ estimate ratios outside this range say nothing about the machine (breaks, test runs). */
const CALIBRATION_PLAUSIBLE = [0.2, 5] as const;
const CALIBRATION_CLAMP = [0.5, 2] as const;
/** How many recent completed jobs the calibration factor looks at. */
export const CALIBRATION_WINDOW = 20;

interface JobRow {
  id: string; machine_id: string; name: string; design_id: string | null; material_id: string | null; operator: string;
  total_lines: number; status: JobStatus; queue_position: number | null; estimate_s: number | null; calibration: number;
  actual_s: number | null; sent_lines: number; acked_lines: number; start_line: number; resume_from: number | null;
  reason: string | null; error_kind: 'error' | 'alarm' | null; error_code: number | null; error_line: number | null;
  created_at: string; started_at: string | null; finished_at: string | null;
}

const COLUMNS = `id, machine_id, name, design_id, material_id, operator, total_lines, status, queue_position, estimate_s,
  calibration, actual_s, sent_lines, acked_lines, start_line, resume_from, reason, error_kind, error_code, error_line,
  created_at, started_at, finished_at`;

export interface NewJob {
  machineId: string;
  name: string;
  gcode: string;
  totalLines: number;
  designId?: string;
  materialId?: string;
  operator?: string;
  estimateSeconds?: number;
  calibration?: number;
  id?: string;
}

export class JobService {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  create(job: NewJob): JobRecord {
    const id = job.id ?? uuidv7();
    const at = this.now().toISOString();
    const pos = (this.db.prepare("SELECT COALESCE(MAX(queue_position), 0) + 1 AS p FROM jobs WHERE machine_id = ?").get(job.machineId) as { p: number }).p;
    this.db.prepare(
      `INSERT INTO jobs(id, machine_id, name, design_id, material_id, operator, gcode, total_lines, status, queue_position, estimate_s, calibration, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    ).run(id, job.machineId, job.name, job.designId ?? null, job.materialId ?? null, job.operator ?? '', job.gcode, job.totalLines, pos,
      job.estimateSeconds ?? null, job.calibration ?? 1, at);
    return this.get(id)!;
  }

  get(id: string): JobRecord | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  gcode(id: string): string | undefined {
    return (this.db.prepare('SELECT gcode FROM jobs WHERE id = ?').get(id) as { gcode: string } | undefined)?.gcode;
  }

  queue(machineId?: string): JobRecord[] {
    const rows = this.db.prepare(
      `SELECT ${COLUMNS} FROM jobs WHERE status IN ('queued', 'running', 'paused', 'interrupted') AND (? IS NULL OR machine_id = ?)
       ORDER BY CASE status WHEN 'running' THEN 0 WHEN 'paused' THEN 0 WHEN 'interrupted' THEN 1 ELSE 2 END, queue_position, created_at`,
    ).all(machineId ?? null, machineId ?? null) as JobRow[];
    return rows.map(toRecord);
  }

  history(machineId: string | undefined, limit: number): JobRecord[] {
    const rows = this.db.prepare(
      `SELECT ${COLUMNS} FROM jobs WHERE status IN ('done', 'aborted', 'failed') AND (? IS NULL OR machine_id = ?)
       ORDER BY COALESCE(finished_at, created_at) DESC, id DESC LIMIT ?`,
    ).all(machineId ?? null, machineId ?? null, limit) as JobRow[];
    return rows.map(toRecord);
  }

  remove(id: string): boolean {
    return this.db.prepare("DELETE FROM jobs WHERE id = ? AND status = 'queued'").run(id).changes > 0;
  }

  /** Writes a progress snapshot; sets started/finished times and the actual duration on the way. */
  recordProgress(p: JobProgressSnapshot): void {
    const at = this.now().toISOString();
    const finished = p.status === 'done' || p.status === 'aborted' || p.status === 'failed';
    this.db.prepare(
      `UPDATE jobs SET status = ?, sent_lines = ?, acked_lines = ?, start_line = ?, resume_from = ?, reason = ?,
         error_kind = ?, error_code = ?, error_line = ?,
         queue_position = CASE WHEN ? THEN NULL ELSE queue_position END,
         started_at = COALESCE(started_at, CASE WHEN ? IN ('running', 'paused') THEN ? END),
         finished_at = CASE WHEN ? THEN ? ELSE finished_at END,
         actual_s = CASE WHEN ? = 'done' AND finished_at IS NULL THEN COALESCE(actual_s, 0) + ? ELSE actual_s END
       WHERE id = ?`,
    ).run(p.status, p.sentLines, p.ackedLines, p.startLine, p.resumeFrom ?? null, p.reason ?? null,
      p.error?.kind ?? null, p.error?.code ?? null, p.error?.line ?? null,
      finished ? 1 : 0, p.status, at, finished ? 1 : 0, at, p.status, p.elapsedSeconds, p.jobId);
  }

  /** Adds the seconds of an interrupted run so a resumed job's actual time counts every run. */
  addRunTime(id: string, seconds: number): void {
    this.db.prepare('UPDATE jobs SET actual_s = COALESCE(actual_s, 0) + ? WHERE id = ?').run(seconds, id);
  }

  appendLog(jobId: string, e: JobLogEntry): void {
    this.db.prepare('INSERT INTO job_log(job_id, at, type, line, code, message_en, message_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(jobId, e.at, e.type, e.line ?? null, e.code ?? null, e.message.en, e.message.id);
  }

  log(jobId: string): JobLogEntry[] {
    const rows = this.db.prepare('SELECT at, type, line, code, message_en, message_id FROM job_log WHERE job_id = ? ORDER BY id').all(jobId) as {
      at: string; type: JobLogEntry['type']; line: number | null; code: number | null; message_en: string; message_id: string;
    }[];
    return rows.map((r) => ({ at: r.at, type: r.type, line: r.line ?? undefined, code: r.code ?? undefined, message: { en: r.message_en, id: r.message_id } }));
  }

  /** Jobs left running/paused by a crash or a closed app are interrupted, not running. */
  interruptStale(): number {
    return this.db.prepare("UPDATE jobs SET status = 'interrupted', reason = 'the app closed during the job' WHERE status IN ('running', 'paused')").run().changes;
  }

  /**
   * Actual ÷ estimated seconds over the machine's recent completed (full, not resumed) jobs: the median of the
   * per-job ratios, ignoring implausible ones (a job paused for lunch, a test run on an emulator) and clamped to
   * 0.5–2 so one odd job cannot make every later estimate absurd.
   */
  calibration(machineId: string): { factor: number; samples: number } {
    const ratios = (this.db.prepare(
      `SELECT actual_s / estimate_s AS r FROM jobs
       WHERE machine_id = ? AND status = 'done' AND start_line = 0 AND estimate_s > 0 AND actual_s > 0
       ORDER BY finished_at DESC LIMIT ${CALIBRATION_WINDOW}`,
    ).all(machineId) as { r: number }[]).map((x) => x.r).filter((r) => r >= CALIBRATION_PLAUSIBLE[0] && r <= CALIBRATION_PLAUSIBLE[1]).sort((a, b) => a - b);
    if (!ratios.length) return { factor: 1, samples: 0 };
    const mid = ratios.length >> 1;
    const median = ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
    return { factor: Math.min(CALIBRATION_CLAMP[1], Math.max(CALIBRATION_CLAMP[0], median)), samples: ratios.length };
  }
}

function toRecord(r: JobRow): JobRecord {
  const words = r.error_kind === 'alarm' ? decodeAlarm(r.error_code ?? 0) : decodeError(r.error_code ?? 0);
  return {
    id: r.id,
    machineId: r.machine_id,
    name: r.name,
    designId: r.design_id ?? undefined,
    materialId: r.material_id ?? undefined,
    operator: r.operator,
    status: r.status,
    queuePosition: r.queue_position ?? undefined,
    totalLines: r.total_lines,
    sentLines: r.sent_lines,
    ackedLines: r.acked_lines,
    startLine: r.start_line,
    resumeFrom: r.resume_from ?? undefined,
    estimateSeconds: r.estimate_s ?? undefined,
    calibratedEstimateSeconds: r.estimate_s !== null ? r.estimate_s * r.calibration : undefined,
    actualSeconds: r.actual_s ?? undefined,
    reason: r.reason ?? undefined,
    error: r.error_kind && r.error_code !== null
      ? { kind: r.error_kind, code: r.error_code, line: r.error_line ?? undefined, message: { en: words.en, id: words.id } }
      : undefined,
    createdAt: r.created_at,
    startedAt: r.started_at ?? undefined,
    finishedAt: r.finished_at ?? undefined,
  };
}
