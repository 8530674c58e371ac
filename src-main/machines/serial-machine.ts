// A machine wired to this computer by serial: owns the GrblConnection while connected and the JobRunner while a
// job runs, keeps the interrupted job (lines and last acknowledged line) so it can be resumed after a
// reconnect, and turns controller state into MachineSnapshot events.
import { EventEmitter } from 'node:events';
import { alarmMessage } from '../../src-shared/grbl/codes';
import { planResume } from '../../src-shared/grbl/resume';
import { prepareJob } from '../../src-shared/grbl/validate-line';
import { overrideBytes, REALTIME, type OverrideKind } from '../../src-shared/grbl/realtime';
import { GRBL_DEFAULT_SETTINGS, estimateGcode, parseGrblSettings, type GrblSettings } from '../../src-shared/planner/index';
import { GrblConnection, type ConnectionOptions } from './grbl-connection';
import { JobRunner, type JobProgressSnapshot } from './job-runner';
import { MachineError, NO_LINES, operatorText, problemText, type OperatorText, type ConnectionState, type JogRequest, type Machine, type MachineEvents, type MachineSnapshot, type StartJobRequest } from './machine';
import { checkWithController, type CheckProblem } from './check-mode';
import type { LineTransport } from './transport';
import { SerialTransport } from './serial-transport';

export interface SerialMachineOptions {
  id: string;
  path: string;
  baud?: number;
  connection?: ConnectionOptions;
  /** Injected for tests or other links; defaults to a SerialTransport on `path`. */
  transportFactory?: () => LineTransport;
}

interface JobText {
  jobId: string;
  lines: string[];
  sourceLine: number[];
  calibration: number;
  lineEndS?: Float64Array;
  totalS?: number;
}

export class SerialMachine extends EventEmitter<MachineEvents> implements Machine {
  readonly id: string;
  private conn?: GrblConnection;
  private runner?: JobRunner;
  private job?: JobText;
  private interrupted?: { job: JobText; ackedLines: number };
  private connection: ConnectionState = 'offline';
  private error?: string;
  private alarm?: { code: number; message: { en: string; id: string } };
  private lastJob?: JobProgressSnapshot;
  private lastOverrides?: { feed: number; rapid: number; spindle: number };

  constructor(readonly opts: SerialMachineOptions) {
    super();
    this.id = opts.id;
  }

  snapshot(): MachineSnapshot {
    const s = this.conn?.status;
    return {
      machineId: this.id,
      kind: 'serial',
      online: this.connection === 'online',
      connected: this.connection === 'online',
      connection: this.connection,
      error: this.error,
      state: s?.state,
      subState: s?.subState,
      mpos: s?.mpos,
      wpos: s?.wpos,
      feed: s?.feed,
      power: s?.spindle,
      overrides: s?.overrides ?? this.lastOverrides,
      pins: s?.pins,
      alarm: this.alarm,
      firmware: this.conn?.firmware,
      rxBufferSize: this.conn?.rxBufferSize,
      settings: this.conn ? { ...this.conn.settings } : undefined,
      interruptedJobId: this.interrupted?.job.jobId,
      job: this.runner?.snapshot() ?? this.lastJob,
      at: new Date().toISOString(),
    };
  }

  async connect(): Promise<void> {
    if (this.connection === 'online' || this.connection === 'connecting') return;
    this.setConnection('connecting');
    const transport = this.opts.transportFactory?.() ?? new SerialTransport(this.opts.path, this.opts.baud ?? 115200);
    const conn = new GrblConnection(transport, this.opts.connection);
    try {
      await conn.connect();
    } catch (err) {
      const text = operatorText(err);
      this.setConnection('error', text.en);
      throw new MachineError('unavailable', text);
    }
    this.conn = conn;
    this.alarm = undefined;
    conn.on('status', (s) => {
      if (s.overrides) this.lastOverrides = s.overrides;
      if (s.state !== 'Alarm') this.alarm = undefined;
      this.emitStatus();
    });
    conn.on('alarm', (a) => {
      this.alarm = { code: a.code, message: { en: a.en, id: a.id } };
      this.emitStatus();
    });
    conn.on('message', (text) => {
      if (/'\$H'\|'\$X' to unlock/.test(text) && !this.alarm) this.alarm = { code: 0, message: { en: 'Machine locked: home ($H) or unlock ($X)', id: 'Mesin terkunci: homing ($H) atau buka kunci ($X)' } };
    });
    conn.on('close', (reason) => {
      if (this.conn === conn) this.conn = undefined;
      this.setConnection(reason === 'closed' ? 'offline' : 'error', reason === 'closed' ? undefined : reason);
    });
    this.setConnection('online');
  }

  async disconnect(): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    if (this.runner && (this.runner.state.status === 'running' || this.runner.state.status === 'paused')) {
      throw new MachineError('busy', { en: 'a job is running: pause and abort it before disconnecting', id: 'pekerjaan sedang berjalan: jeda dan batalkan dulu sebelum memutus sambungan' });
    }
    await conn.close();
    this.conn = undefined;
    this.setConnection('offline');
  }

  private setConnection(state: ConnectionState, error?: string): void {
    this.connection = state;
    this.error = error;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.emit('status', this.snapshot());
  }

  private requireConn(): GrblConnection {
    if (!this.conn) throw new MachineError('not-connected', { en: `machine ${this.id} is not connected`, id: `mesin ${this.id} belum tersambung` });
    return this.conn;
  }

  private requireNoJob(what: OperatorText): void {
    const st = this.runner?.state.status;
    if (st === 'running' || st === 'paused') {
      throw new MachineError('busy', { en: `cannot ${what.en} while a job is ${st}`, id: `tidak dapat ${what.id} selama pekerjaan ${st === 'running' ? 'berjalan' : 'dijeda'}` });
    }
  }

  async jog(j: JogRequest): Promise<void> {
    const conn = this.requireConn();
    this.requireNoJob({ en: 'jog', id: 'menggeser kepala laser' });
    const axes = (['x', 'y', 'z'] as const).filter((a) => j[a] !== undefined).map((a) => `${a.toUpperCase()}${j[a]!.toFixed(3)}`).join('');
    if (!axes) throw new MachineError('bad-gcode', { en: 'a jog needs at least one axis distance', id: 'geser memerlukan jarak pada sedikitnya satu sumbu' });
    await conn.command(`$J=G21${j.relative === false ? 'G90' : 'G91'}${axes}F${Math.round(j.feed)}`);
  }

  async jogCancel(): Promise<void> {
    await this.requireConn().realtime(REALTIME.jogCancel);
  }

  async home(): Promise<void> {
    this.requireNoJob({ en: 'home', id: 'homing' });
    await this.requireConn().command('$H', { timeoutMs: 180_000 });
  }

  async unlock(): Promise<void> {
    this.requireNoJob({ en: 'unlock', id: 'membuka kunci' });
    await this.requireConn().command('$X');
    this.alarm = undefined;
    this.emitStatus();
  }

  async reset(): Promise<void> {
    const conn = this.requireConn();
    if (this.runner && (this.runner.state.status === 'running' || this.runner.state.status === 'paused')) {
      await this.runner.abort('reset by the operator');
      return;
    }
    await conn.resetAndWaitBanner();
  }

  async override(kind: OverrideKind, percent: number): Promise<void> {
    const conn = this.requireConn();
    const cur = conn.status?.overrides ?? this.lastOverrides ?? { feed: 100, rapid: 100, spindle: 100 };
    const current = kind === 'feed' ? cur.feed : kind === 'rapid' ? cur.rapid : cur.spindle;
    for (const b of overrideBytes(kind, percent, current)) await conn.realtime(b);
  }

  async writeSetting(key: number, value: number): Promise<void> {
    const conn = this.requireConn();
    this.requireNoJob({ en: 'change settings', id: 'mengubah pengaturan' });
    await conn.command(`$${key}=${value}`);
    conn.settings[key] = String(value);
    this.emitStatus();
  }

  async frame(lines: readonly string[]): Promise<void> {
    const conn = this.requireConn();
    this.requireNoJob({ en: 'frame', id: 'membingkai' });
    const job = prepareJob(lines.join('\n'));
    if (job.problems.length) throw new MachineError('bad-gcode', problemText(job.problems));
    for (const line of job.lines) await conn.command(line);
  }

  /** Validates a job with the firmware's check mode ($C) without moving. */
  async check(gcode: string): Promise<{ problems: CheckProblem[]; lines: number }> {
    const conn = this.requireConn();
    this.requireNoJob({ en: 'check a file', id: 'memeriksa berkas' });
    const job = prepareJob(gcode);
    if (job.problems.length) throw new MachineError('bad-gcode', problemText(job.problems));
    const problems = await checkWithController(conn, job.lines);
    return { problems: problems.map((p) => ({ ...p, index: job.sourceLine[p.index] - 1 })), lines: job.lines.length };
  }

  private settings(): GrblSettings {
    try {
      const c = this.conn?.settings ?? {};
      return parseGrblSettings(Object.entries(c).map(([k, v]) => `$${k}=${v}`).join('\n'));
    } catch {
      return { ...GRBL_DEFAULT_SETTINGS, stepsPerMm: [...GRBL_DEFAULT_SETTINGS.stepsPerMm], maxRateMmPerMin: [...GRBL_DEFAULT_SETTINGS.maxRateMmPerMin], accelerationMmPerS2: [...GRBL_DEFAULT_SETTINGS.accelerationMmPerS2] };
    }
  }

  async startJob(req: StartJobRequest): Promise<JobProgressSnapshot> {
    const conn = this.requireConn();
    this.requireNoJob({ en: 'start a job', id: 'memulai pekerjaan' });
    const state = conn.status?.state;
    if (state === 'Alarm') {
      throw new MachineError('busy', {
        en: `the machine is in alarm${this.alarm ? ` (${this.alarm.message.en})` : ''}: home or unlock it first`,
        id: `mesin dalam keadaan alarm${this.alarm ? ` (${this.alarm.message.id})` : ''}: lakukan homing atau buka kunci dulu`,
      });
    }
    if (state && state !== 'Idle') throw new MachineError('busy', { en: `the machine must be Idle to start a job (it is ${state})`, id: `mesin harus Idle untuk memulai pekerjaan (sekarang ${state})` });
    const prepared = prepareJob(req.gcode);
    if (prepared.problems.length) throw new MachineError('bad-gcode', problemText(prepared.problems));
    if (prepared.lines.length === 0) throw new MachineError('bad-gcode', NO_LINES);
    const calibration = req.calibration ?? 1;
    const est = estimateGcode(prepared.lines.join('\n'), this.settings());
    const lineEndS = est.lineEndS.map((t) => t * calibration);
    const job: JobText = { jobId: req.jobId, lines: prepared.lines, sourceLine: prepared.sourceLine, calibration, lineEndS, totalS: est.timeS * calibration };
    this.interrupted = undefined;
    return this.run(conn, job, 0, []);
  }

  /** Estimated seconds of a G-code text on this machine's settings (before calibration). */
  estimate(gcode: string): number {
    return estimateGcode(prepareJob(gcode).lines.join('\n'), this.settings()).timeS;
  }

  private async run(conn: GrblConnection, job: JobText, fromLine: number, preamble: string[]): Promise<JobProgressSnapshot> {
    const runner = new JobRunner(conn, job.lines, {
      jobId: job.jobId, fromLine, preamble, lineEndS: job.lineEndS, totalEstimateS: job.totalS, sourceLine: job.sourceLine,
    });
    this.runner = runner;
    this.job = job;
    runner.on('progress', (p) => {
      this.emit('job', p);
      this.emitStatus();
    });
    runner.on('log', (entry) => this.emit('log', { jobId: job.jobId, entry }));
    runner.on('end', (s) => {
      this.lastJob = runner.snapshot();
      if (s.status === 'interrupted') this.interrupted = { job, ackedLines: s.ackedLines };
      if (this.runner === runner) this.runner = undefined;
    });
    void runner.run();
    await new Promise((r) => setImmediate(r));
    return runner.snapshot();
  }

  async pauseJob(): Promise<void> {
    if (!this.runner) throw new MachineError('not-found', { en: 'no job is running', id: 'tidak ada pekerjaan yang berjalan' });
    this.runner.pause();
  }

  async resumeJob(): Promise<void> {
    if (!this.runner) throw new MachineError('not-found', { en: 'no job is paused', id: 'tidak ada pekerjaan yang dijeda' });
    this.runner.resume();
  }

  async abortJob(): Promise<void> {
    if (!this.runner) throw new MachineError('not-found', { en: 'no job is running', id: 'tidak ada pekerjaan yang berjalan' });
    await this.runner.abort();
  }

  async resumeInterrupted(): Promise<JobProgressSnapshot> {
    const conn = this.requireConn();
    const it = this.interrupted;
    if (!it) throw new MachineError('not-found', { en: 'no interrupted job to resume', id: 'tidak ada pekerjaan terputus untuk dilanjutkan' });
    this.requireNoJob({ en: 'resume', id: 'melanjutkan' });
    if (conn.status?.state === 'Alarm') throw new MachineError('busy', {
        en: `the machine is in alarm (${alarmMessage(this.alarm?.code ?? 0)}): home or unlock it first`,
        id: `mesin dalam keadaan alarm (${alarmMessage(this.alarm?.code ?? 0, 'id')}): lakukan homing atau buka kunci dulu`,
      });
    const plan = planResume(it.job.lines, it.ackedLines);
    this.interrupted = undefined;
    return this.run(conn, it.job, plan.fromLine, plan.preamble);
  }

  get currentJobId(): string | undefined {
    return this.runner ? this.job?.jobId : undefined;
  }

  get interruptedJobId(): string | undefined {
    return this.interrupted?.job.jobId;
  }

  /** The runner's end promise (for callers that wait for the job, like the CLI and the bridge). */
  jobEnded(): Promise<JobProgressSnapshot> | undefined {
    const r = this.runner;
    return r?.ended.then(() => r.snapshot());
  }
}

