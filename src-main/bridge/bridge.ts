// The bridge beside a machine: streams jobs to the local serial controller and mirrors it on MQTT so desktops
// across the shop can drive it. The job runs from the bridge's own memory, so a broker restart or a lost
// network never stops a cut: status/progress are republished when the broker is back. Uploads are verified
// chunk by chunk and kept in a spool folder; only an explicit `start` control runs a job.
import mqtt, { type MqttClient } from 'mqtt';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  jobControlSchema, jobIdFromTopic, machineCommandSchema, topicIdSchema, topics, uploadMessageSchema,
  type MachineEventPayload, type MachineStatusPayload,
} from '../../src-shared/grbl/mqtt-topics';
import { operatorText, type Machine, type MachineSnapshot } from '../machines/machine';
import type { JobProgressSnapshot } from '../machines/job-runner';
import { clientOptions, describeMqttError, type MqttLinkOptions } from './mqtt-options';
import { UploadAssembly } from './upload';

export interface BridgeOptions {
  machineId: string;
  machine: Machine;
  mqtt: MqttLinkOptions;
  /** Folder where verified uploads are kept (so a bridge restart does not lose them). */
  spoolDir: string;
  /** Retry the serial link this often while it is down. */
  reconnectMs?: number;
  /** Minimum interval between retained status publications. */
  statusIntervalMs?: number;
  log?: (line: string) => void;
}

type Words = { en: string; id: string };

export class Bridge {
  private client?: MqttClient;
  private readonly uploads = new Map<string, UploadAssembly>();
  private lastStatusAt = 0;
  private statusTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly log: (line: string) => void;

  constructor(readonly opts: BridgeOptions) {
    topicIdSchema.parse(opts.machineId);
    this.log = opts.log ?? (() => undefined);
    mkdirSync(opts.spoolDir, { recursive: true });
  }

  /** Connects to the broker (rejecting on refused credentials) and to the machine (retrying in the background). */
  async start(): Promise<void> {
    const { machineId, machine } = this.opts;
    const statusTopic = topics.status(machineId);
    const client = mqtt.connect(this.opts.mqtt.url, clientOptions(this.opts.mqtt, {
      clientId: this.opts.mqtt.clientId ?? `acrylichub-bridge-${machineId}`,
      clean: true,
      will: { topic: statusTopic, payload: Buffer.from(JSON.stringify({ machineId, online: false })), qos: 1, retain: true },
    }));
    this.client = client;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        client.end(true);
        reject(new Error(describeMqttError(err, this.opts.mqtt.url)));
      };
      client.once('error', onError);
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
    });
    client.on('error', (err) => this.log(`mqtt: ${describeMqttError(err, this.opts.mqtt.url)}`));
    client.on('connect', () => {
      this.log('mqtt: connected');
      this.subscribe();
      this.publishStatus(true);
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    this.subscribe();

    machine.on('status', () => this.publishStatus());
    machine.on('job', (p) => this.publishProgress(p));
    machine.on('log', ({ jobId, entry }) => this.event({ type: 'job', jobId, logType: entry.type, line: entry.line, code: entry.code, message: entry.message }));
    this.publishStatus(true);
    await this.connectMachine();
  }

  private subscribe(): void {
    const id = this.opts.machineId;
    this.client?.subscribe([topics.allUploads(id), topics.allControls(id), topics.commands(id)], { qos: 1 });
  }

  private async connectMachine(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.opts.machine.connect();
      this.log(`machine: connected (${this.opts.machine.snapshot().firmware ?? 'Grbl'})`);
      this.event({ type: 'connected', message: { en: 'controller connected', id: 'pengendali tersambung' } });
    } catch (err) {
      this.log(`machine: ${(err as Error).message}; retrying`);
      this.scheduleReconnect();
      return;
    }
    const watch = (s: MachineSnapshot) => {
      if (s.connection === 'error' || s.connection === 'offline') {
        this.opts.machine.off('status', watch);
        if (this.stopped) return;
        this.event({ type: 'disconnected', message: { en: `controller link lost${s.error ? `: ${s.error}` : ''}`, id: `sambungan pengendali terputus${s.error ? `: ${s.error}` : ''}` } });
        this.scheduleReconnect();
      }
    };
    this.opts.machine.on('status', watch);
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    if (!this.stopped) this.reconnectTimer = setTimeout(() => void this.connectMachine(), this.opts.reconnectMs ?? 2000);
  }

  private statusPayload(): MachineStatusPayload {
    const s = this.opts.machine.snapshot();
    const { kind: _k, connection, error: _e, ...rest } = s;
    return { ...rest, machineId: this.opts.machineId, online: true, connected: connection === 'online', job: s.job ? { ...s.job } : undefined };
  }

  private publishStatus(force = false): void {
    const now = Date.now();
    const interval = this.opts.statusIntervalMs ?? 200;
    if (!force && now - this.lastStatusAt < interval) {
      if (!this.statusTimer) this.statusTimer = setTimeout(() => {
        this.statusTimer = undefined;
        this.publishStatus(true);
      }, interval - (now - this.lastStatusAt));
      return;
    }
    this.lastStatusAt = now;
    if (!this.client?.connected) return;
    this.client.publish(topics.status(this.opts.machineId), JSON.stringify(this.statusPayload()), { qos: 0, retain: true });
  }

  private publishProgress(p: JobProgressSnapshot): void {
    if (!this.client?.connected) return;
    const terminal = p.status !== 'running' || p.ackedLines === p.totalLines;
    this.client.publish(topics.progress(this.opts.machineId, p.jobId), JSON.stringify(p), { qos: terminal ? 1 : 0, retain: true });
  }

  private event(e: Omit<MachineEventPayload, 'machineId' | 'at'>): void {
    if (!this.client?.connected) return;
    const payload: MachineEventPayload = { ...e, machineId: this.opts.machineId, at: new Date().toISOString() };
    this.client.publish(topics.events(this.opts.machineId), JSON.stringify(payload), { qos: 1 });
  }

  private onMessage(topic: string, payload: Buffer): void {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      this.log(`mqtt: ignored a message on ${topic} that is not JSON`);
      return;
    }
    const jobId = jobIdFromTopic(topic);
    if (topic === topics.commands(this.opts.machineId)) void this.onCommand(body);
    else if (jobId && topic.endsWith('/upload')) this.onUpload(jobId, body);
    else if (jobId && topic.endsWith('/control')) void this.onControl(jobId, body);
  }

  private spoolFile(jobId: string): string {
    return join(this.opts.spoolDir, `${jobId}.gcode`);
  }

  private onUpload(jobId: string, body: unknown): void {
    if (!topicIdSchema.safeParse(jobId).success) return;
    const parsed = uploadMessageSchema.safeParse(body);
    if (!parsed.success) return this.uploadResult(jobId, false, { en: `bad upload message: ${parsed.error.issues[0]?.message}`, id: `pesan unggahan tidak sah: ${parsed.error.issues[0]?.message}` });
    const m = parsed.data;
    let asm = this.uploads.get(jobId);
    if (!asm) {
      asm = new UploadAssembly();
      this.uploads.set(jobId, asm);
    }
    if (m.kind === 'chunk') {
      const err = asm.addChunk(m);
      if (err) this.uploadResult(jobId, false, { en: err, id: `unggahan gagal: ${err}` });
      return;
    }
    const result = asm.commit(m);
    this.uploads.delete(jobId);
    if ('error' in result) return this.uploadResult(jobId, false, { en: result.error, id: `unggahan gagal: ${result.error}` });
    writeFileSync(this.spoolFile(jobId), result.gcode);
    this.uploadResult(jobId, true, { en: `upload verified (${m.bytes} bytes); waiting for start`, id: `unggahan terverifikasi (${m.bytes} byte); menunggu perintah mulai` });
  }

  private uploadResult(jobId: string, ok: boolean, message: Words): void {
    this.event({ type: 'upload', jobId, ok, message });
  }

  private async onControl(jobId: string, body: unknown): Promise<void> {
    const parsed = jobControlSchema.safeParse(body);
    if (!parsed.success) return;
    const m = this.opts.machine;
    try {
      switch (parsed.data.action) {
        case 'start': {
          const file = this.spoolFile(jobId);
          if (!existsSync(file)) throw new Error(`job ${jobId} has not been uploaded`);
          await m.startJob({ jobId, gcode: readFileSync(file, 'utf8') });
          break;
        }
        case 'pause': this.requireJob(jobId); await m.pauseJob(); break;
        case 'resume': this.requireJob(jobId); await m.resumeJob(); break;
        case 'abort': this.requireJob(jobId); await m.abortJob(); break;
        case 'resumeInterrupted': await m.resumeInterrupted(); break;
      }
      this.event({ type: 'command', jobId, requestId: parsed.data.requestId, ok: true, message: { en: `${parsed.data.action} accepted`, id: `${parsed.data.action} diterima` } });
    } catch (err) {
      const why = operatorText(err);
      this.event({ type: 'command', jobId, requestId: parsed.data.requestId, ok: false, message: { en: `${parsed.data.action} refused: ${why.en}`, id: `${parsed.data.action} ditolak: ${why.id}` } });
    }
  }

  private requireJob(jobId: string): void {
    const current = this.opts.machine.snapshot().job;
    if (!current || current.jobId !== jobId) throw new Error(`job ${jobId} is not the current job`);
  }

  private async onCommand(body: unknown): Promise<void> {
    const parsed = machineCommandSchema.safeParse(body);
    if (!parsed.success) return;
    const c = parsed.data;
    const m = this.opts.machine;
    try {
      switch (c.action) {
        case 'jog': await m.jog(c); break;
        case 'jogCancel': await m.jogCancel(); break;
        case 'home': await m.home(); break;
        case 'unlock': await m.unlock(); break;
        case 'reset': await m.reset(); break;
        case 'override': await m.override(c.kind, c.percent); break;
        case 'frame': await m.frame(c.gcode); break;
        case 'setting': await m.writeSetting(c.key, c.value); break;
      }
      this.event({ type: 'command', requestId: c.requestId, ok: true, message: { en: `${c.action} done`, id: `${c.action} selesai` } });
    } catch (err) {
      const why = operatorText(err);
      this.event({ type: 'command', requestId: c.requestId, ok: false, message: { en: `${c.action} refused: ${why.en}`, id: `${c.action} ditolak: ${why.id}` } });
    }
  }

  /** Publishes offline, closes the broker link and the machine. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.statusTimer);
    const client = this.client;
    if (client?.connected) {
      await new Promise<void>((r) => client.publish(topics.status(this.opts.machineId), JSON.stringify({ machineId: this.opts.machineId, online: false }), { qos: 1, retain: true }, () => r()));
    }
    await new Promise<void>((r) => (client ? client.end(false, {}, () => r()) : r()));
    await this.opts.machine.disconnect().catch(() => undefined);
  }
}
