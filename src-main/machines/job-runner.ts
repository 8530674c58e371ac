// Runs one job (a run of it) on a connected controller: character-counting streaming of the prepared lines,
// each sent exactly once and in order, with the job state machine deciding what happens on pause/resume/abort,
// error:N (pause and report the line), ALARM (fail), a lost link or a hang (interrupted, with a safe line to
// resume from). Emits progress with the time left from the time model and a log of events for the job history.
import { EventEmitter } from 'node:events';
import { applyJob, createJobState, isTerminal, reduceJob, type JobEvent, type JobState } from '../../src-shared/grbl/job-state';
import { planResume } from '../../src-shared/grbl/resume';
import { REALTIME } from '../../src-shared/grbl/realtime';
import { decodeAlarm, decodeError } from '../../src-shared/grbl/codes';
import type { GrblConnection, LineReply } from './grbl-connection';

export interface JobLogEntry {
  type: 'start' | 'pause' | 'resume' | 'error' | 'alarm' | 'abort' | 'done' | 'interrupted' | 'hang' | 'info';
  message: { en: string; id: string };
  line?: number;
  code?: number;
  at: string;
}

export interface JobProgressSnapshot {
  jobId: string;
  status: JobState['status'];
  totalLines: number;
  sentLines: number;
  ackedLines: number;
  startLine: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
  reason?: string;
  /** `line` is the 1-based line number in the file. */
  error?: { line: number; code: number; kind: 'error' | 'alarm'; message: { en: string; id: string } };
  /** 0-based index of the streamed line to resume from. */
  resumeFrom?: number;
  at: string;
}

export interface RunnerOptions {
  jobId: string;
  /** Start (resume) at this 0-based line, after sending `preamble` send-response. */
  fromLine?: number;
  preamble?: readonly string[];
  /** Seconds at which each line has finished executing (the time model), already scaled by calibration. */
  lineEndS?: ArrayLike<number>;
  totalEstimateS?: number;
  /** 1-based source line of each streamed line, for messages. */
  sourceLine?: readonly number[];
  progressIntervalMs?: number;
  now?: () => Date;
}

type RunnerEvents = { progress: [JobProgressSnapshot]; log: [JobLogEntry]; end: [JobState] };

export class JobRunner extends EventEmitter<RunnerEvents> {
  state: JobState;
  private next = 0;
  private startedAt = 0;
  private lastProgressAt = 0;
  private finished = false;
  private completing = false;
  private resumeFrom?: number;
  private readonly detach: (() => void)[] = [];
  private endPromise: Promise<JobState>;
  private resolveEnd!: (s: JobState) => void;

  constructor(private readonly conn: GrblConnection, readonly lines: readonly string[], readonly opts: RunnerOptions) {
    super();
    this.state = createJobState(lines.length);
    this.endPromise = new Promise((r) => (this.resolveEnd = r));
  }

  /** Starts streaming; resolves when the run ends (done, aborted, failed or interrupted). */
  async run(): Promise<JobState> {
    const from = this.opts.fromLine ?? 0;
    for (const line of this.opts.preamble ?? []) await this.conn.command(line);
    this.apply({ type: 'start', fromLine: from });
    this.next = from;
    this.startedAt = Date.now();
    this.log('start', from > 0 ? { en: `resumed from line ${this.src(from)}`, id: `dilanjutkan dari baris ${this.src(from)}` } : { en: 'started', id: 'dimulai' });
    this.listen();
    this.fill();
    return this.endPromise;
  }

  get ended(): Promise<JobState> {
    return this.endPromise;
  }

  pause(reason = 'paused by the operator'): void {
    if (this.state.status !== 'running') throw new Error(`cannot pause a job that is ${this.state.status}`);
    this.conn.realtime(REALTIME.feedHold).catch(() => undefined);
    this.apply({ type: 'pause', reason });
    this.log('pause', { en: reason, id: 'dijeda oleh operator' });
  }

  resume(): void {
    if (this.state.status !== 'paused') throw new Error(`cannot resume a job that is ${this.state.status}`);
    this.conn.realtime(REALTIME.cycleStart).catch(() => undefined);
    this.apply({ type: 'resume' });
    this.log('resume', { en: 'resumed', id: 'dilanjutkan' });
    this.fill();
    this.maybeComplete();
  }

  /** Feed hold, wait for the machine to stop (so position is kept), soft reset, then aborted. */
  async abort(reason = 'aborted by the operator'): Promise<void> {
    if (isTerminal(this.state.status) || this.state.status === 'interrupted') throw new Error(`cannot abort a job that is ${this.state.status}`);
    this.finished = true; // no more lines
    await this.conn.realtime(REALTIME.feedHold).catch(() => undefined);
    await this.conn.waitForStatus((s) => (s.state === 'Hold' && s.subState === 0) || s.state === 'Idle' || s.state === 'Alarm', 2000);
    await this.conn.resetAndWaitBanner();
    this.end({ type: 'abort', reason }, 'abort', { en: reason, id: 'dibatalkan oleh operator' });
  }

  snapshot(): JobProgressSnapshot {
    const s = this.state;
    const err = s.error;
    return {
      jobId: this.opts.jobId,
      status: s.status,
      totalLines: s.totalLines,
      sentLines: s.sentLines,
      ackedLines: s.ackedLines,
      startLine: s.startLine,
      etaSeconds: this.eta(),
      elapsedSeconds: this.startedAt ? (Date.now() - this.startedAt) / 1000 : 0,
      reason: s.reason,
      error: err ? { ...err, line: this.src(err.line), message: err.kind === 'alarm' ? pick(decodeAlarm(err.code)) : pick(decodeError(err.code)) } : undefined,
      resumeFrom: this.resumeFrom,
      at: (this.opts.now?.() ?? new Date()).toISOString(),
    };
  }

  private eta(): number | null {
    const ends = this.opts.lineEndS;
    const total = this.opts.totalEstimateS;
    if (!ends || total === undefined || ends.length === 0) return null;
    const queued = this.conn.status?.buffer ? Math.max(0, 15 - this.conn.status.buffer.blocksFree) : 0;
    const executing = Math.min(ends.length - 1, Math.max(-1, this.state.ackedLines - 1 - queued));
    return Math.max(0, total - (executing >= 0 ? ends[executing] : 0));
  }

  private src(i: number): number {
    return this.opts.sourceLine?.[i] ?? i + 1;
  }

  private listen(): void {
    const onAlarm = (a: { code: number; en: string; id: string }) => {
      if (this.isOver()) return;
      this.end({ type: 'alarm', line: this.state.ackedLines, code: a.code }, 'alarm', { en: `ALARM:${a.code} near line ${this.src(this.state.ackedLines)}: ${a.en}`, id: `ALARM:${a.code} dekat baris ${this.src(this.state.ackedLines)}: ${a.id}` }, a.code);
    };
    const onClose = (reason: string) => this.interrupt(reason, { en: `link to the machine lost: ${reason}`, id: `sambungan ke mesin terputus: ${reason}` });
    const onReset = () => this.interrupt('the controller reset itself', { en: 'the controller reset itself during the job', id: 'pengendali mereset dirinya sendiri selama job' });
    const onHang = (h: { sinceMs: number; reason: string }) => {
      this.conn.realtime(REALTIME.feedHold).catch(() => undefined);
      const secs = Math.round(h.sinceMs / 1000);
      const words = h.reason === 'no-answer'
        ? { en: `the controller stopped answering (${secs} s without a reply)`, id: `pengendali berhenti menjawab (${secs} detik tanpa balasan)` }
        : { en: `no ok for ${secs} s while the machine reports Idle`, id: `tidak ada ok selama ${secs} detik padahal mesin Idle` };
      this.log('hang', words);
      this.interrupt('hang', words);
    };
    const onStatus = () => this.maybeProgress();
    this.conn.on('alarm', onAlarm);
    this.conn.on('close', onClose);
    this.conn.on('reset', onReset);
    this.conn.on('hang', onHang);
    this.conn.on('status', onStatus);
    this.detach.push(() => {
      this.conn.off('alarm', onAlarm);
      this.conn.off('close', onClose);
      this.conn.off('reset', onReset);
      this.conn.off('hang', onHang);
      this.conn.off('status', onStatus);
    });
  }

  private isOver(): boolean {
    return isTerminal(this.state.status) || this.state.status === 'interrupted';
  }

  private interrupt(reason: string, words: { en: string; id: string }): void {
    if (this.isOver()) return;
    this.resumeFrom = planResume(this.lines, this.state.ackedLines).fromLine;
    this.end({ type: 'interrupt', reason }, 'interrupted', {
      en: `${words.en}; last acknowledged line ${this.src(Math.max(0, this.state.ackedLines - 1))}, safe to resume from line ${this.src(this.resumeFrom)}`,
      id: `${words.id}; baris terakhir yang diterima ${this.src(Math.max(0, this.state.ackedLines - 1))}, aman dilanjutkan dari baris ${this.src(this.resumeFrom)}`,
    });
  }

  private fill(): void {
    if (this.finished || this.state.status !== 'running') return;
    while (this.next < this.lines.length) {
      const first = this.next;
      const batch = this.lines.slice(first, first + 64);
      const n = this.conn.streamLines(batch, (i) => ({
        onReply: (r) => this.onReply(first + i, r),
        onDropped: () => undefined,
      }));
      if (n === 0) {
        if (!this.conn.fitsBuffer(batch[0])) {
          this.end({ type: 'fail', reason: 'line too long' }, 'error', { en: `line ${this.src(first)} does not fit the controller's buffer`, id: `baris ${this.src(first)} tidak muat di buffer pengendali` });
        }
        break;
      }
      this.next += n;
      this.apply({ type: 'sent', count: n });
      if (n < batch.length) break;
    }
  }

  private onReply(index: number, r: LineReply): void {
    if (this.isOver()) return;
    this.apply({ type: 'acked', count: 1 });
    if (r.kind === 'error') {
      this.conn.realtime(REALTIME.feedHold).catch(() => undefined);
      if (this.state.status === 'running' || this.state.status === 'paused') {
        this.apply({ type: 'lineError', line: index, code: r.code });
        this.log('error', { en: `error:${r.code} at line ${this.src(index)} (${this.lines[index]}): ${r.en}`, id: `error:${r.code} di baris ${this.src(index)} (${this.lines[index]}): ${r.id}` }, index, r.code);
        this.emitProgress();
      }
      return;
    }
    this.fill();
    this.maybeProgress();
    this.maybeComplete();
  }

  private maybeComplete(): void {
    if (this.completing || this.state.status !== 'running' || this.state.ackedLines !== this.state.totalLines) return;
    this.completing = true;
    this.conn.pollNow();
    const settle = () => {
      this.conn.waitForStatus((s) => s.state === 'Idle' || s.state === 'Check', 600_000, false).then((s) => {
        this.completing = false;
        if (!s || this.isOver()) return;
        if (this.state.status !== 'running') return; // paused during the last moves: completes after resume
        this.end({ type: 'complete' }, 'done', { en: 'every line acknowledged and the machine is idle', id: 'semua baris diterima dan mesin diam' });
      });
    };
    settle();
  }

  private apply(e: JobEvent): void {
    const next = reduceJob(this.state, e);
    if ('refused' in next) return;
    const changed = next.status !== this.state.status;
    this.state = next;
    if (changed) this.emitProgress();
  }

  private end(e: JobEvent, type: JobLogEntry['type'], message: { en: string; id: string }, code?: number): void {
    if (this.isOver()) return;
    this.finished = true;
    this.state = applyJob(this.state, e);
    this.log(type, message, this.state.error?.line, code ?? this.state.error?.code);
    for (const d of this.detach.splice(0)) d();
    this.emitProgress();
    this.emit('end', this.state);
    this.resolveEnd(this.state);
  }

  private log(type: JobLogEntry['type'], message: { en: string; id: string }, line?: number, code?: number): void {
    this.emit('log', { type, message, line, code, at: (this.opts.now?.() ?? new Date()).toISOString() });
  }

  private maybeProgress(): void {
    const now = Date.now();
    if (now - this.lastProgressAt >= (this.opts.progressIntervalMs ?? 250)) this.emitProgress();
  }

  private emitProgress(): void {
    this.lastProgressAt = Date.now();
    this.emit('progress', this.snapshot());
  }
}

function pick(d: { en: string; id: string }): { en: string; id: string } {
  return { en: d.en, id: d.id };
}
