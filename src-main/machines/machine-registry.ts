// Live machines of this app: builds a SerialMachine or RemoteMachine from each machines-table row on first use,
// records every job's progress and log in the job history, and forwards status/progress/log to the UI sinks.
import type { MachineConfig, MachineInfo, JobRecord } from '../../src-shared/contract/channels/machines';
import type { EventName, EventPayload } from '../../src-shared/contract/index';
import { GRBL_DEFAULT_SETTINGS, cloneSettings, estimateGcode, parseGrblSettings, type GrblSettings } from '../../src-shared/planner/index';
import { prepareJob } from '../../src-shared/grbl/validate-line';
import { emitFrame } from '../../src-shared/toolpath/emit-gcode';
import { RemoteMachine } from '../bridge/remote-machine';
import type { JobService } from './job-service';
import { MachineError, NO_LINES, problemText, type Machine, type MachineSnapshot } from './machine';
import type { MachinePasswords } from './machine-passwords';
import type { MachineRow, MachineStore } from './machine-store';
import { SerialMachine } from './serial-machine';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Builds the live machine of a row; `password` reads an MQTT machine's broker password from the keychain. */
export type MachineFactory = (row: MachineRow, password: () => Promise<string | undefined>) => Machine;

export const defaultMachineFactory: MachineFactory = (row, password) =>
  row.kind === 'serial'
    ? new SerialMachine({ id: row.id, path: row.port_path!, baud: row.baud ?? 115200 })
    : new RemoteMachine({ id: row.id, remoteId: row.mqtt_machine_id!, mqtt: { url: row.mqtt_url!, username: row.mqtt_username ?? undefined }, password });

const noMachine = (id: string) => new MachineError('not-found', { en: `no machine ${id}`, id: `tidak ada mesin ${id}` });

export class MachineRegistry {
  private readonly live = new Map<string, Machine>();
  private readonly sinks = new Set<EventSink>();
  private readonly lastWrite = new Map<string, { at: number; status: string }>();

  constructor(
    private readonly store: MachineStore, private readonly jobs: JobService, private readonly passwords: MachinePasswords,
    private readonly factory: MachineFactory = defaultMachineFactory,
  ) {
    jobs.interruptStale();
  }

  addSink(sink: EventSink): void {
    this.sinks.add(sink);
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const s of this.sinks) s(event, payload);
  }

  list(): MachineInfo[] {
    return this.store.list().map((r) => this.info(r));
  }

  info(row: MachineRow): MachineInfo {
    const m = this.live.get(row.id);
    const status: MachineSnapshot = m?.snapshot() ?? { machineId: row.id, kind: row.kind, connection: 'offline', online: false, connected: false };
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      port: row.port_path ?? undefined,
      baud: row.baud ?? undefined,
      url: row.mqtt_url ?? undefined,
      remoteId: row.mqtt_machine_id ?? undefined,
      username: row.mqtt_username ?? undefined,
      profileId: row.profile_id ?? undefined,
      calibration: this.jobs.calibration(row.id),
      status,
      createdAt: row.created_at,
    };
  }

  /** Adds a machine; its MQTT password goes to the keychain, and if that fails the machine is not added. */
  async add(cfg: MachineConfig): Promise<MachineInfo> {
    const row = this.store.add(cfg);
    if (cfg.kind === 'mqtt' && cfg.password) {
      try {
        await this.passwords.set(row.id, cfg.password);
      } catch (err) {
        this.store.remove(row.id);
        const why = (err as Error).message;
        throw new MachineError('unavailable', { en: `could not keep the MQTT password in the keychain: ${why}`, id: `kata sandi MQTT tidak dapat disimpan di keychain: ${why}` });
      }
    }
    return this.info(row);
  }

  async remove(id: string): Promise<boolean> {
    const m = this.live.get(id);
    if (m) {
      await m.disconnect();
      this.live.delete(id);
    }
    if (this.store.get(id)?.kind === 'mqtt') await this.passwords.delete(id);
    return this.store.remove(id);
  }

  /** The live machine for a row, created (not connected) on first use. */
  get(id: string): Machine {
    let m = this.live.get(id);
    if (m) return m;
    const row = this.store.get(id);
    if (!row) throw noMachine(id);
    m = this.factory(row, () => this.passwords.get(id));
    this.wire(m);
    this.live.set(id, m);
    return m;
  }

  private wire(m: Machine): void {
    m.on('status', (s) => this.emit('machine.status', { ...s, id: m.id, job: s.job ? { ...s.job } : undefined }));
    m.on('job', (p) => {
      this.persistProgress(p);
      this.emit('job.progress', { ...p, machineId: m.id });
    });
    m.on('log', ({ jobId, entry }) => {
      if (this.jobs.get(jobId)) this.jobs.appendLog(jobId, entry);
      this.emit('job.log', { ...entry, jobId, machineId: m.id });
    });
  }

  /** Writes progress on every status change and at most once a second otherwise. */
  private persistProgress(p: Parameters<JobService['recordProgress']>[0]): void {
    if (!this.jobs.get(p.jobId)) return;
    const last = this.lastWrite.get(p.jobId);
    const now = Date.now();
    if (last && last.status === p.status && now - last.at < 1000) return;
    this.lastWrite.set(p.jobId, { at: now, status: p.status });
    if (p.status === 'interrupted' && last?.status !== 'interrupted') this.jobs.addRunTime(p.jobId, p.elapsedSeconds);
    this.jobs.recordProgress(p);
  }

  /** The time model's settings for a machine: its controller's `$$` when known, else Grbl defaults. */
  private settings(machineId: string): GrblSettings {
    const values = this.live.get(machineId)?.snapshot().settings;
    if (!values) return cloneSettings(GRBL_DEFAULT_SETTINGS);
    try {
      return parseGrblSettings(Object.entries(values).map(([k, v]) => `$${k}=${v}`).join('\n'));
    } catch {
      return cloneSettings(GRBL_DEFAULT_SETTINGS);
    }
  }

  /** The framing path of a bounding box for this machine (its $30 scales the low power). */
  frameGcode(machineId: string, bbox: { minX: number; minY: number; maxX: number; maxY: number }, powerPct: number, speedMmPerMin: number): string[] {
    return emitFrame(bbox, { settings: this.settings(machineId), powerPct, speedMmPerMin });
  }

  enqueue(input: { machineId: string; gcode: string; name: string; designId?: string; materialId?: string; operator?: string }): JobRecord {
    if (!this.store.get(input.machineId)) throw noMachine(input.machineId);
    const prepared = prepareJob(input.gcode);
    if (prepared.problems.length) throw new MachineError('bad-gcode', problemText(prepared.problems));
    if (prepared.lines.length === 0) throw new MachineError('bad-gcode', NO_LINES);
    const est = estimateGcode(prepared.lines.join('\n'), this.settings(input.machineId));
    return this.jobs.create({
      machineId: input.machineId, name: input.name, gcode: input.gcode, totalLines: prepared.lines.length,
      designId: input.designId, materialId: input.materialId, operator: input.operator,
      estimateSeconds: est.timeS, calibration: this.jobs.calibration(input.machineId).factor,
    });
  }

  async start(jobId: string): Promise<JobRecord> {
    const job = this.requireJob(jobId);
    if (job.status !== 'queued') throw new MachineError('busy', { en: `job ${jobId} is ${job.status}, not queued`, id: `pekerjaan ${jobId} berstatus ${job.status}, bukan dalam antrean` });
    const m = this.get(job.machineId);
    const p = await m.startJob({ jobId, gcode: this.jobs.gcode(jobId)!, name: job.name, calibration: this.jobs.calibration(job.machineId).factor });
    this.persistProgress(p);
    return this.requireJob(jobId);
  }

  async control(jobId: string, action: 'pause' | 'resume' | 'abort' | 'resumeInterrupted'): Promise<JobRecord> {
    const job = this.requireJob(jobId);
    const m = this.get(job.machineId);
    const current = m.snapshot().job?.jobId;
    if (action === 'resumeInterrupted') {
      if (job.status !== 'interrupted') throw new MachineError('busy', { en: `job ${jobId} is ${job.status}, not interrupted`, id: `pekerjaan ${jobId} berstatus ${job.status}, bukan terputus` });
      await m.resumeInterrupted();
    } else {
      if (current !== jobId) throw new MachineError('busy', { en: `job ${jobId} is not the job on its machine`, id: `pekerjaan ${jobId} bukan pekerjaan yang ada di mesinnya` });
      if (action === 'pause') await m.pauseJob();
      else if (action === 'resume') await m.resumeJob();
      else await m.abortJob();
    }
    const snap = m.snapshot().job;
    if (snap?.jobId === jobId) this.persistProgress(snap);
    return this.requireJob(jobId);
  }

  requireJob(jobId: string): JobRecord {
    const job = this.jobs.get(jobId);
    if (!job) throw new MachineError('not-found', { en: `no job ${jobId}`, id: `tidak ada pekerjaan ${jobId}` });
    return job;
  }

  async closeAll(): Promise<void> {
    for (const m of this.live.values()) {
      const j = m.snapshot().job;
      if (j && (j.status === 'running' || j.status === 'paused')) await m.abortJob().catch(() => undefined);
      await m.disconnect().catch(() => undefined);
    }
    this.live.clear();
  }
}
