// What the app (handlers, UI events, the MQTT bridge) sees of a machine, whether it is wired to this computer
// by serial (serial-machine.ts) or sits beside a bridge across the shop (bridge/remote-machine.ts): one
// interface, one snapshot shape, the same events.
import type { EventEmitter } from 'node:events';
import type { MachineStatusPayload } from '../../src-shared/grbl/mqtt-topics';
import type { OverrideKind } from '../../src-shared/grbl/realtime';
import { describeProblems, type LineProblem } from '../../src-shared/grbl/validate-line';
import type { JobLogEntry, JobProgressSnapshot } from './job-runner';

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'error';

export interface MachineSnapshot extends Omit<MachineStatusPayload, 'job'> {
  kind: 'serial' | 'mqtt';
  connection: ConnectionState;
  /** Why the last connect failed or the link dropped, in words. */
  error?: string;
  job?: JobProgressSnapshot;
}

export interface JogRequest {
  x?: number;
  y?: number;
  z?: number;
  /** mm/min */
  feed: number;
  relative?: boolean;
}

export interface StartJobRequest {
  jobId: string;
  gcode: string;
  name?: string;
  /** Per-machine calibration factor applied to the time model's estimate (actual ÷ estimated, 1 = none). */
  calibration?: number;
}

export type MachineEvents = {
  status: [MachineSnapshot];
  job: [JobProgressSnapshot];
  log: [{ jobId: string; entry: JobLogEntry }];
};

export interface Machine extends EventEmitter<MachineEvents> {
  readonly id: string;
  snapshot(): MachineSnapshot;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  jog(j: JogRequest): Promise<void>;
  jogCancel(): Promise<void>;
  home(): Promise<void>;
  unlock(): Promise<void>;
  reset(): Promise<void>;
  override(kind: OverrideKind, percent: number): Promise<void>;
  /** Writes one `$N=value` controller setting (send-response; refused while a job runs). */
  writeSetting(key: number, value: number): Promise<void>;
  /** Runs a short laser-off (or low-power) framing path, line by line. */
  frame(lines: readonly string[]): Promise<void>;
  /** Validates and starts a job; resolves once streaming has begun (the job runs on). */
  startJob(req: StartJobRequest): Promise<JobProgressSnapshot>;
  pauseJob(): Promise<void>;
  resumeJob(): Promise<void>;
  abortJob(): Promise<void>;
  /** After an interruption (and a reconnect): resume the interrupted job from its safe line. */
  resumeInterrupted(): Promise<JobProgressSnapshot>;
}

/** A failure the operator can act on (not connected, busy, bad G-code): handlers map it to a ContractError. */
/** A message for the operator in both UI languages; `en` is also the Error message (logs, CLI). */
export interface OperatorText { en: string; id: string }

/** The operator text of any error: its own when it has one, else its message in both languages. */
export function operatorText(err: unknown): OperatorText {
  if (err instanceof Error && 'text' in err && isOperatorText(err.text)) return err.text;
  const msg = err instanceof Error ? err.message : String(err);
  return { en: msg, id: msg };
}

function isOperatorText(t: unknown): t is OperatorText {
  return typeof t === 'object' && t !== null && typeof (t as OperatorText).en === 'string' && typeof (t as OperatorText).id === 'string';
}

/** The problems that stop a G-code file from being sent, in both languages. */
export function problemText(problems: LineProblem[]): OperatorText {
  return { en: describeProblems(problems, 'en'), id: describeProblems(problems, 'id') };
}

export const NO_LINES: OperatorText = { en: 'the G-code has no lines to send', id: 'G-code tidak berisi baris untuk dikirim' };

export class MachineError extends Error {
  constructor(readonly kind: 'not-connected' | 'busy' | 'bad-gcode' | 'not-found' | 'unavailable', readonly text: OperatorText) {
    super(text.en);
    this.name = 'MachineError';
  }
}
