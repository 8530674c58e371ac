// Channels and events of the machines panel: machines (serial port or MQTT bridge) with live status, jog, home,
// unlock, frame, overrides; jobs started from G-code text with pause/resume/abort, check mode, resume after an
// interruption; the job queue and history with the per-machine calibration of the time estimate.
import { z } from 'zod';
import { channel, event } from '../define';
import { jobProgressSchema, machineStatusSchema, topicIdSchema } from '../../grbl/mqtt-topics';

const words = z.object({ en: z.string(), id: z.string() });
const id = z.string().min(1).max(100);

export const machineSnapshotSchema = machineStatusSchema.extend({
  kind: z.enum(['serial', 'mqtt']),
  connection: z.enum(['offline', 'connecting', 'online', 'error']),
  error: z.string().optional(),
});
export type MachineSnapshotPayload = z.infer<typeof machineSnapshotSchema>;

export const machineConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('serial'),
    name: z.string().trim().min(1).max(100),
    port: z.string().min(1).max(300),
    baud: z.number().int().min(1200).max(2_000_000).default(115200),
    profileId: z.string().max(100).optional(),
  }).strict(),
  z.object({
    kind: z.literal('mqtt'),
    name: z.string().trim().min(1).max(100),
    url: z.string().regex(/^(mqtts?|wss?|tcp|tls):\/\/.+/, 'an mqtt://, mqtts://, ws:// or wss:// URL'),
    remoteId: topicIdSchema,
    username: z.string().max(200).optional(),
    password: z.string().max(200).optional(),
    profileId: z.string().max(100).optional(),
  }).strict(),
]);
export type MachineConfig = z.infer<typeof machineConfigSchema>;

export const calibrationSchema = z.object({
  /** Actual ÷ estimated seconds over recent completed jobs; 1 until there is history. */
  factor: z.number().positive(),
  samples: z.number().int().nonnegative(),
});

export const machineInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['serial', 'mqtt']),
  port: z.string().optional(),
  baud: z.number().int().optional(),
  url: z.string().optional(),
  remoteId: z.string().optional(),
  username: z.string().optional(),
  profileId: z.string().optional(),
  calibration: calibrationSchema,
  status: machineSnapshotSchema,
  createdAt: z.string(),
});
export type MachineInfo = z.infer<typeof machineInfoSchema>;

export const jobLogEntrySchema = z.object({
  at: z.string(),
  type: z.string(),
  line: z.number().int().optional(),
  code: z.number().int().optional(),
  message: words,
});

export const jobRecordSchema = z.object({
  id: z.string(),
  machineId: z.string(),
  name: z.string(),
  designId: z.string().optional(),
  materialId: z.string().optional(),
  operator: z.string(),
  status: jobProgressSchema.shape.status,
  queuePosition: z.number().int().optional(),
  totalLines: z.number().int(),
  sentLines: z.number().int(),
  ackedLines: z.number().int(),
  startLine: z.number().int(),
  resumeFrom: z.number().int().optional(),
  /** Time model estimate, seconds, before calibration. */
  estimateSeconds: z.number().optional(),
  /** Estimate × the machine's calibration factor when the job was queued. */
  calibratedEstimateSeconds: z.number().optional(),
  actualSeconds: z.number().optional(),
  reason: z.string().optional(),
  error: z.object({ kind: z.enum(['error', 'alarm']), code: z.number().int(), line: z.number().int().optional(), message: words }).optional(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

const machineIdInput = z.object({ id }).strict();
const jobIdInput = z.object({ jobId: id }).strict();
const ok = z.object({ ok: z.literal(true) });
const gcodeText = z.string().min(1).max(50_000_000);
const jobMeta = {
  name: z.string().trim().min(1).max(200).default('Job'),
  designId: z.string().max(100).optional(),
  materialId: z.string().max(100).optional(),
  operator: z.string().max(100).default(''),
};

export const machineChannels = {
  'machines.list': channel({
    description: 'Every machine with its live status and calibration factor.',
    input: z.object({}).strict(),
    output: z.array(machineInfoSchema),
  }),
  'machines.ports': channel({
    description: 'Serial ports on this computer (path, maker, serial number) to pick from when adding a machine.',
    input: z.object({}).strict(),
    output: z.array(z.object({ path: z.string(), manufacturer: z.string().optional(), serialNumber: z.string().optional(), vendorId: z.string().optional(), productId: z.string().optional() })),
  }),
  'machines.add': channel({ description: 'Add a serial or MQTT machine.', input: machineConfigSchema, output: machineInfoSchema }),
  'machines.remove': channel({ description: 'Disconnect and remove a machine (its job history goes with it).', input: machineIdInput, output: z.object({ removed: z.boolean() }) }),
  'machines.connect': channel({ description: 'Open the link (serial handshake, or MQTT subscription to the bridge).', input: machineIdInput, output: machineSnapshotSchema }),
  'machines.disconnect': channel({ description: 'Close the link (refused while a job runs).', input: machineIdInput, output: machineSnapshotSchema }),
  'machines.status': channel({ description: 'Current status snapshot.', input: machineIdInput, output: machineSnapshotSchema }),
  'machines.jog': channel({
    description: 'Jog (relative by default) at a feed in mm/min; refused while a job runs.',
    input: z.object({ id, x: z.number().min(-2000).max(2000).optional(), y: z.number().min(-2000).max(2000).optional(), z: z.number().min(-500).max(500).optional(), feed: z.number().positive().max(100_000), relative: z.boolean().default(true) }).strict(),
    output: ok,
  }),
  'machines.jogCancel': channel({ description: 'Stop a jog at once (realtime 0x85).', input: machineIdInput, output: ok }),
  'machines.home': channel({ description: 'Run the homing cycle ($H).', input: machineIdInput, output: ok }),
  'machines.unlock': channel({ description: 'Clear an alarm lock ($X).', input: machineIdInput, output: ok }),
  'machines.reset': channel({ description: 'Soft reset (Ctrl-X); a running job is stopped safely first.', input: machineIdInput, output: ok }),
  'machines.override': channel({
    description: 'Feed, rapid or laser power override in percent (feed/power 10–200, rapid 25/50/100).',
    input: z.object({ id, kind: z.enum(['feed', 'rapid', 'power']), percent: z.number().min(10).max(200) }).strict(),
    output: ok,
  }),
  'machines.frame': channel({
    description: 'Run a framing path (G-code lines with the laser off or at low power).',
    input: z.object({ id, gcode: z.array(z.string().max(200)).min(1).max(200) }).strict(),
    output: ok,
  }),
  'machines.frameBox': channel({
    description: "Trace a design's bounding box (mm, work coordinates) with the laser off, or at a low power for a visible dot.",
    input: z.object({
      id,
      bbox: z.object({ minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number() }).refine((b) => b.maxX >= b.minX && b.maxY >= b.minY, 'max must not be below min'),
      powerPct: z.number().min(0).max(5).default(0),
      speedMmPerMin: z.number().positive().max(100_000).default(3000),
    }).strict(),
    output: z.object({ gcode: z.array(z.string()) }),
  }),
  'machines.setting': channel({
    description: 'Write one controller setting ($N=value), e.g. $30 max power or $110 max rate; refused while a job runs.',
    input: z.object({ id, key: z.number().int().min(0).max(255), value: z.number() }).strict(),
    output: ok,
  }),
  'jobs.enqueue': channel({
    description: 'Queue a job from G-code text on a machine (validated first; nothing moves).',
    input: z.object({ machineId: id, gcode: gcodeText, ...jobMeta }).strict(),
    output: jobRecordSchema,
  }),
  'jobs.start': channel({
    description: 'Start a queued or given job now: by jobId, or straight from G-code text (queued and started).',
    input: z.union([jobIdInput, z.object({ machineId: id, gcode: gcodeText, ...jobMeta }).strict()]),
    output: jobRecordSchema,
  }),
  'jobs.check': channel({
    description: "Validate G-code with the controller's check mode ($C) without moving (serial machines).",
    input: z.object({ machineId: id, gcode: gcodeText }).strict(),
    output: z.object({ lines: z.number().int(), problems: z.array(z.object({ line: z.number().int(), code: z.number().int(), message: words })) }),
  }),
  'jobs.pause': channel({ description: 'Feed hold the running job.', input: jobIdInput, output: jobRecordSchema }),
  'jobs.resume': channel({ description: 'Resume a paused job (also after an error:N pause).', input: jobIdInput, output: jobRecordSchema }),
  'jobs.abort': channel({ description: 'Stop the job: feed hold, then soft reset once motion has stopped.', input: jobIdInput, output: jobRecordSchema }),
  'jobs.resumeInterrupted': channel({ description: 'After a lost link: reconnect first, then resume from the safe line.', input: jobIdInput, output: jobRecordSchema }),
  'jobs.remove': channel({ description: 'Remove a queued job.', input: jobIdInput, output: z.object({ removed: z.boolean() }) }),
  'jobs.queue': channel({
    description: 'Queued, running, paused and interrupted jobs, in queue order.',
    input: z.object({ machineId: id.optional() }).strict(),
    output: z.array(jobRecordSchema),
  }),
  'jobs.history': channel({
    description: 'Finished jobs, newest first.',
    input: z.object({ machineId: id.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(jobRecordSchema),
  }),
  'jobs.get': channel({
    description: 'One job with its event log.',
    input: jobIdInput,
    output: jobRecordSchema.extend({ log: z.array(jobLogEntrySchema) }),
  }),
};

export const machineEvents = {
  'machine.status': event({ description: 'Live machine status (about 5 per second while connected).', payload: machineSnapshotSchema.extend({ id: z.string() }) }),
  'job.progress': event({ description: 'Progress of a job, with time left from the time model.', payload: jobProgressSchema.extend({ machineId: z.string() }) }),
  'job.log': event({ description: 'One entry of a job log (started, paused, error:N, alarm, interrupted, done).', payload: jobLogEntrySchema.extend({ jobId: z.string(), machineId: z.string() }) }),
};
