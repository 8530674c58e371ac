// MQTT topics and payloads between a bridge (beside a machine) and desktops, as zod schemas both ends validate
// with. Documented for people in docs/mqtt.md. All payloads are JSON; `v1` in the topic is the protocol version.
import { z } from 'zod';

export const TOPIC_ROOT = 'acrylichub/v1/machines';

export const topics = {
  status: (machineId: string) => `${TOPIC_ROOT}/${machineId}/status`,
  events: (machineId: string) => `${TOPIC_ROOT}/${machineId}/events`,
  commands: (machineId: string) => `${TOPIC_ROOT}/${machineId}/commands`,
  upload: (machineId: string, jobId: string) => `${TOPIC_ROOT}/${machineId}/jobs/${jobId}/upload`,
  control: (machineId: string, jobId: string) => `${TOPIC_ROOT}/${machineId}/jobs/${jobId}/control`,
  progress: (machineId: string, jobId: string) => `${TOPIC_ROOT}/${machineId}/jobs/${jobId}/progress`,
  /** Wildcards a bridge subscribes to. */
  allUploads: (machineId: string) => `${TOPIC_ROOT}/${machineId}/jobs/+/upload`,
  allControls: (machineId: string) => `${TOPIC_ROOT}/${machineId}/jobs/+/control`,
  allProgress: (machineId: string) => `${TOPIC_ROOT}/${machineId}/jobs/+/progress`,
};

/** Machine ids and job ids become topic levels: no wildcards, separators or spaces. */
export const topicIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (1–64)');

/** The job id inside a jobs/{jobId}/... topic, or undefined. */
export function jobIdFromTopic(topic: string): string | undefined {
  const m = /\/jobs\/([^/]+)\/[a-z]+$/.exec(topic);
  return m ? m[1] : undefined;
}

const axes = z.tuple([z.number(), z.number(), z.number()]);
const words = z.object({ en: z.string(), id: z.string() });

export const jobStatusSchema = z.enum(['queued', 'running', 'paused', 'done', 'aborted', 'failed', 'interrupted']);

export const jobProgressSchema = z.object({
  jobId: z.string(),
  status: jobStatusSchema,
  totalLines: z.number().int().nonnegative(),
  sentLines: z.number().int().nonnegative(),
  ackedLines: z.number().int().nonnegative(),
  startLine: z.number().int().nonnegative().default(0),
  /** Seconds left by the time model (× the machine's calibration), when known. */
  etaSeconds: z.number().nonnegative().nullable().default(null),
  elapsedSeconds: z.number().nonnegative().default(0),
  reason: z.string().optional(),
  error: z.object({ line: z.number().int(), code: z.number().int(), kind: z.enum(['error', 'alarm']), message: words }).optional(),
  /** When interrupted: the file line to resume from safely. */
  resumeFrom: z.number().int().nonnegative().optional(),
  at: z.string(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

/** Retained on …/status. The last will is `{ machineId, online: false }` with the same topic and retain flag. */
export const machineStatusSchema = z.object({
  machineId: z.string(),
  online: z.boolean(),
  /** Serial link from the bridge to the controller is up. */
  connected: z.boolean().default(false),
  state: z.string().optional(),
  subState: z.number().int().optional(),
  mpos: axes.optional(),
  wpos: axes.optional(),
  feed: z.number().optional(),
  power: z.number().optional(),
  overrides: z.object({ feed: z.number(), rapid: z.number(), spindle: z.number() }).optional(),
  pins: z.string().optional(),
  alarm: z.object({ code: z.number().int(), message: words }).optional(),
  firmware: z.string().optional(),
  rxBufferSize: z.number().int().optional(),
  /** The controller's `$$` settings (number → value), for the time model on the desktop. */
  settings: z.record(z.string()).optional(),
  /** A job that was interrupted and can be resumed (after reconnecting). */
  interruptedJobId: z.string().optional(),
  job: jobProgressSchema.optional(),
  at: z.string().optional(),
});
export type MachineStatusPayload = z.infer<typeof machineStatusSchema>;

export const machineEventSchema = z.object({
  machineId: z.string(),
  type: z.enum(['connected', 'disconnected', 'alarm', 'error', 'message', 'hang', 'upload', 'job', 'command']),
  jobId: z.string().optional(),
  /** For type 'job': the job log entry's type (start, pause, error, alarm, interrupted, done …). */
  logType: z.string().optional(),
  /** For type 'upload' and 'command': whether it succeeded. */
  ok: z.boolean().optional(),
  /** For type 'command': the requestId of the command or control it answers. */
  requestId: z.string().optional(),
  code: z.number().int().optional(),
  line: z.number().int().optional(),
  message: words,
  at: z.string(),
});
export type MachineEventPayload = z.infer<typeof machineEventSchema>;

/** Chunks (QoS 1) then one commit. Chunk data is UTF-8 G-code text; sha256 is lowercase hex. */
export const uploadMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('chunk'),
    index: z.number().int().nonnegative(),
    total: z.number().int().positive(),
    data: z.string().max(256 * 1024),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  z.object({
    kind: z.literal('commit'),
    total: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string().max(200).optional(),
    estimateSeconds: z.number().nonnegative().optional(),
  }),
]);
export type UploadMessage = z.infer<typeof uploadMessageSchema>;

export const jobControlSchema = z.object({
  action: z.enum(['start', 'pause', 'resume', 'abort', 'resumeInterrupted']),
  requestId: z.string().max(64).optional(),
});
export type JobControl = z.infer<typeof jobControlSchema>;

const machineActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('jog'), x: z.number().optional(), y: z.number().optional(), z: z.number().optional(), feed: z.number().positive(), relative: z.boolean().default(true) }),
  z.object({ action: z.literal('jogCancel') }),
  z.object({ action: z.literal('home') }),
  z.object({ action: z.literal('unlock') }),
  z.object({ action: z.literal('reset') }),
  z.object({ action: z.literal('override'), kind: z.enum(['feed', 'rapid', 'power']), percent: z.number().min(10).max(200) }),
  z.object({ action: z.literal('frame'), gcode: z.array(z.string().max(80)).max(64) }),
  z.object({ action: z.literal('setting'), key: z.number().int().min(0).max(255), value: z.number() }),
]);

/** A command; the bridge echoes `requestId` in its `command` event so each desktop knows which reply is its own. */
export const machineCommandSchema = machineActionSchema.and(z.object({ requestId: z.string().max(64).optional() }));
export type MachineCommand = z.infer<typeof machineCommandSchema>;
