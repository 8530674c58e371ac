// A machine driven through its bridge over MQTT, behind the same Machine interface as a serial one: status,
// progress and job log come from the bridge's topics; a job is validated here, uploaded in checksummed chunks
// (QoS 1), and started with an explicit control message once the bridge confirms the upload.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import {
  jobProgressSchema, machineEventSchema, machineStatusSchema, topics,
  type JobControl, type MachineCommand, type MachineEventPayload, type MachineStatusPayload,
} from '../../src-shared/grbl/mqtt-topics';
import { prepareJob } from '../../src-shared/grbl/validate-line';
import type { OverrideKind } from '../../src-shared/grbl/realtime';
import type { JobLogEntry, JobProgressSnapshot } from '../machines/job-runner';
import { MachineError, problemText, type ConnectionState, type JogRequest, type Machine, type MachineEvents, type MachineSnapshot, type StartJobRequest } from '../machines/machine';
import { clientOptions, describeMqttError, type MqttLinkOptions } from './mqtt-options';
import { chunkUpload } from './upload';

export interface RemoteMachineOptions {
  id: string;
  /** The bridge's --machine id (topic level). */
  remoteId: string;
  mqtt: MqttLinkOptions;
  /** Reads the broker password at connect time (the desktop keeps it in the keychain); overrides mqtt.password. */
  password?: () => Promise<string | undefined>;
  /** How long to wait for the bridge to confirm an upload or a control. */
  replyTimeoutMs?: number;
}

export class RemoteMachine extends EventEmitter<MachineEvents> implements Machine {
  readonly id: string;
  private client?: MqttClient;
  private connection: ConnectionState = 'offline';
  private error?: string;
  private status?: MachineStatusPayload;
  private readonly jobs = new Map<string, JobProgressSnapshot>();
  private readonly bridgeEvents = new EventEmitter<{ event: [MachineEventPayload] }>();

  constructor(readonly opts: RemoteMachineOptions) {
    super();
    this.id = opts.id;
  }

  snapshot(): MachineSnapshot {
    const s = this.status;
    const jobId = s?.job?.jobId;
    return {
      ...(s ?? { machineId: this.opts.remoteId, online: false, connected: false }),
      kind: 'mqtt',
      connection: this.connection,
      error: this.error,
      job: jobId ? this.jobs.get(jobId) ?? s?.job : s?.job,
    };
  }

  async connect(): Promise<void> {
    if (this.client) return;
    this.setConnection('connecting');
    const link = this.opts.password ? { ...this.opts.mqtt, password: await this.readPassword() } : this.opts.mqtt;
    const client = mqtt.connect(link.url, clientOptions(link, { clientId: this.opts.mqtt.clientId ?? `acrylichub-desktop-${Math.random().toString(16).slice(2, 10)}` }));
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => {
          client.end(true);
          reject(err);
        };
        client.once('error', onError);
        client.once('connect', () => {
          client.off('error', onError);
          resolve();
        });
      });
    } catch (err) {
      const msg = describeMqttError(err as Error, this.opts.mqtt.url);
      this.setConnection('error', msg);
      throw new MachineError('unavailable', { en: msg, id: `broker MQTT tidak dapat dihubungi: ${msg}` });
    }
    this.client = client;
    const r = this.opts.remoteId;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('connect', () => this.setConnection('online'));
    client.on('offline', () => this.setConnection('connecting', 'broker unreachable; reconnecting'));
    client.on('error', (err) => (this.error = describeMqttError(err, this.opts.mqtt.url)));
    await client.subscribeAsync([topics.status(r), topics.events(r), topics.allProgress(r)], { qos: 1 });
    this.setConnection('online');
  }

  private async readPassword(): Promise<string | undefined> {
    try {
      return await this.opts.password!();
    } catch (err) {
      const why = (err as Error).message;
      const text = { en: `could not read the MQTT password from the keychain: ${why}`, id: `kata sandi MQTT tidak dapat dibaca dari keychain: ${why}` };
      this.setConnection('error', text.en);
      throw new MachineError('unavailable', text);
    }
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync();
    this.setConnection('offline');
  }

  private setConnection(state: ConnectionState, error?: string): void {
    this.connection = state;
    this.error = error;
    this.emit('status', this.snapshot());
  }

  private onMessage(topic: string, payload: Buffer): void {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    const r = this.opts.remoteId;
    if (topic === topics.status(r)) {
      const s = machineStatusSchema.safeParse(body);
      if (!s.success) return;
      this.status = s.data;
      // The status carries the job too; QoS 0 status can overtake the QoS 1 terminal progress, so it counts.
      if (s.data.job) this.takeJob(s.data.job);
      this.emit('status', this.snapshot());
    } else if (topic === topics.events(r)) {
      const e = machineEventSchema.safeParse(body);
      if (!e.success) return;
      this.bridgeEvents.emit('event', e.data);
      if (e.data.type === 'job' && e.data.jobId) {
        const entry: JobLogEntry = { type: (e.data.logType ?? 'info') as JobLogEntry['type'], message: e.data.message, line: e.data.line, code: e.data.code, at: e.data.at };
        this.emit('log', { jobId: e.data.jobId, entry });
      }
    } else if (topic.endsWith('/progress')) {
      const p = jobProgressSchema.safeParse(body);
      if (p.success) this.takeJob(p.data);
    }
  }

  /** Keeps the newest snapshot of a job, whichever topic brought it, and tells listeners when it changed. */
  private takeJob(p: JobProgressSnapshot): void {
    const prev = this.jobs.get(p.jobId);
    if (prev && (prev.at > p.at || (prev.at === p.at && prev.status === p.status && prev.ackedLines === p.ackedLines))) return; // older (retained replay) or the same
    this.jobs.set(p.jobId, p);
    this.emit('job', p);
  }

  private requireClient(): MqttClient {
    if (!this.client) throw new MachineError('not-connected', { en: `machine ${this.id} is not connected to its broker`, id: `mesin ${this.id} belum tersambung ke broker-nya` });
    if (this.status && !this.status.online) throw new MachineError('unavailable', { en: `the bridge of machine ${this.id} is offline`, id: `bridge mesin ${this.id} sedang offline` });
    return this.client;
  }

  /** Waits for a bridge event matching `test`. */
  private waitEvent(test: (e: MachineEventPayload) => boolean, what: string): Promise<MachineEventPayload> {
    const timeoutMs = this.opts.replyTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const on = (e: MachineEventPayload) => {
        if (!test(e)) return;
        clearTimeout(timer);
        this.bridgeEvents.off('event', on);
        resolve(e);
      };
      const timer = setTimeout(() => {
        this.bridgeEvents.off('event', on);
        reject(new MachineError('unavailable', { en: `the bridge did not confirm ${what} within ${Math.round(timeoutMs / 1000)} s`, id: `bridge tidak mengonfirmasi ${what} dalam ${Math.round(timeoutMs / 1000)} detik` }));
      }, timeoutMs);
      this.bridgeEvents.on('event', on);
    });
  }

  private async command(c: MachineCommand): Promise<void> {
    const client = this.requireClient();
    const requestId = randomUUID();
    const reply = this.waitEvent((e) => e.type === 'command' && e.requestId === requestId, c.action);
    await client.publishAsync(topics.commands(this.opts.remoteId), JSON.stringify({ ...c, requestId }), { qos: 1 });
    const e = await reply;
    if (!e.ok) throw new MachineError('busy', e.message);
  }

  private async control(jobId: string, action: JobControl['action']): Promise<void> {
    const client = this.requireClient();
    const requestId = randomUUID();
    const reply = this.waitEvent((e) => e.type === 'command' && e.jobId === jobId && e.requestId === requestId, action);
    await client.publishAsync(topics.control(this.opts.remoteId, jobId), JSON.stringify({ action, requestId } satisfies JobControl), { qos: 1 });
    const e = await reply;
    if (!e.ok) throw new MachineError('busy', e.message);
  }

  jog(j: JogRequest): Promise<void> {
    return this.command({ action: 'jog', x: j.x, y: j.y, z: j.z, feed: j.feed, relative: j.relative ?? true });
  }
  jogCancel(): Promise<void> {
    return this.command({ action: 'jogCancel' });
  }
  home(): Promise<void> {
    return this.command({ action: 'home' });
  }
  unlock(): Promise<void> {
    return this.command({ action: 'unlock' });
  }
  reset(): Promise<void> {
    return this.command({ action: 'reset' });
  }
  override(kind: OverrideKind, percent: number): Promise<void> {
    return this.command({ action: 'override', kind, percent });
  }
  writeSetting(key: number, value: number): Promise<void> {
    return this.command({ action: 'setting', key, value });
  }
  frame(lines: readonly string[]): Promise<void> {
    return this.command({ action: 'frame', gcode: [...lines] });
  }

  /** Uploads in checksummed chunks and waits for the bridge to verify them; does not start anything. */
  async upload(jobId: string, gcode: string, name?: string): Promise<void> {
    const client = this.requireClient();
    const prepared = prepareJob(gcode);
    if (prepared.problems.length) throw new MachineError('bad-gcode', problemText(prepared.problems));
    const verified = this.waitEvent((e) => e.type === 'upload' && e.jobId === jobId, 'the upload');
    for (const m of chunkUpload(gcode, { name })) {
      await client.publishAsync(topics.upload(this.opts.remoteId, jobId), JSON.stringify(m), { qos: 1 });
    }
    const e = await verified;
    if (!e.ok) throw new MachineError('bad-gcode', e.message);
  }

  async startJob(req: StartJobRequest): Promise<JobProgressSnapshot> {
    await this.upload(req.jobId, req.gcode, req.name);
    await this.control(req.jobId, 'start');
    return this.jobs.get(req.jobId) ?? {
      jobId: req.jobId, status: 'running', totalLines: prepareJob(req.gcode).lines.length, sentLines: 0, ackedLines: 0, startLine: 0,
      etaSeconds: null, elapsedSeconds: 0, at: new Date().toISOString(),
    };
  }

  private currentJobId(): string {
    const id = this.snapshot().job?.jobId;
    if (!id) throw new MachineError('not-found', { en: 'no job on this machine', id: 'tidak ada pekerjaan di mesin ini' });
    return id;
  }

  pauseJob(): Promise<void> {
    return this.control(this.currentJobId(), 'pause');
  }
  resumeJob(): Promise<void> {
    return this.control(this.currentJobId(), 'resume');
  }
  abortJob(): Promise<void> {
    return this.control(this.currentJobId(), 'abort');
  }
  async resumeInterrupted(): Promise<JobProgressSnapshot> {
    const id = this.status?.interruptedJobId;
    if (!id) throw new MachineError('not-found', { en: 'the bridge has no interrupted job', id: 'bridge tidak punya pekerjaan yang terputus' });
    await this.control(id, 'resumeInterrupted');
    return this.jobs.get(id)!;
  }

  /** Sends a control for a given job (the desktop knows which job it means). */
  controlJob(jobId: string, action: JobControl['action']): Promise<void> {
    return this.control(jobId, action);
  }
}
