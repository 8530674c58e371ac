// The job state machine as a pure reducer: queued → running ⇄ paused → done | aborted | failed, and
// interrupted (the link to the machine was lost or it stopped answering) from which a new run may resume.
// Carries the line counts the job log persists. Invalid transitions return an error instead of a state.

export type JobStatus = 'queued' | 'running' | 'paused' | 'done' | 'aborted' | 'failed' | 'interrupted';

export interface JobState {
  status: JobStatus;
  totalLines: number;
  /** Lines written to the controller in this run (file indices are 0-based; counts are absolute). */
  sentLines: number;
  /** Lines acknowledged with ok (or error:N) — the controller has taken them. */
  ackedLines: number;
  /** File line index this run started from (0 for a fresh run, > 0 for a resume). */
  startLine: number;
  /** Why the job is paused/failed/interrupted, in words. */
  reason?: string;
  error?: { line: number; code: number; kind: 'error' | 'alarm' };
}

export type JobEvent =
  | { type: 'start'; fromLine?: number }
  | { type: 'sent'; count: number }
  | { type: 'acked'; count: number }
  | { type: 'pause'; reason?: string }
  | { type: 'resume' }
  | { type: 'lineError'; line: number; code: number }
  | { type: 'alarm'; line: number; code: number }
  | { type: 'complete' }
  | { type: 'abort'; reason?: string }
  | { type: 'fail'; reason: string }
  | { type: 'interrupt'; reason: string };

export const TERMINAL: readonly JobStatus[] = ['done', 'aborted', 'failed'];

export function createJobState(totalLines: number): JobState {
  return { status: 'queued', totalLines, sentLines: 0, ackedLines: 0, startLine: 0 };
}

export function isTerminal(s: JobStatus): boolean {
  return TERMINAL.includes(s);
}

const ACTIVE: readonly JobStatus[] = ['running', 'paused'];

/** Returns the next state, or `{ refused }` naming the refused transition. */
export function reduceJob(s: JobState, e: JobEvent): JobState | { refused: string } {
  const refuse = () => ({ refused: `cannot ${e.type} a job that is ${s.status}` });
  switch (e.type) {
    case 'start': {
      if (s.status !== 'queued' && s.status !== 'interrupted') return refuse();
      const from = e.fromLine ?? 0;
      if (from < 0 || from > s.totalLines) return { refused: `resume line ${from} outside the job (0–${s.totalLines})` };
      return { ...s, status: 'running', startLine: from, sentLines: from, ackedLines: from, reason: undefined, error: undefined };
    }
    case 'sent':
      if (!ACTIVE.includes(s.status)) return refuse();
      if (s.sentLines + e.count > s.totalLines) return { refused: 'more lines sent than the job has' };
      return { ...s, sentLines: s.sentLines + e.count };
    case 'acked':
      if (!ACTIVE.includes(s.status)) return refuse();
      if (s.ackedLines + e.count > s.sentLines) return { refused: 'more lines acknowledged than sent' };
      return { ...s, ackedLines: s.ackedLines + e.count };
    case 'pause':
      return s.status === 'running' ? { ...s, status: 'paused', reason: e.reason } : refuse();
    case 'resume':
      return s.status === 'paused' ? { ...s, status: 'running', reason: undefined } : refuse();
    case 'lineError':
      if (!ACTIVE.includes(s.status)) return refuse();
      return { ...s, status: 'paused', reason: `error:${e.code} at line ${e.line + 1}`, error: { line: e.line, code: e.code, kind: 'error' } };
    case 'alarm':
      if (!ACTIVE.includes(s.status)) return refuse();
      return { ...s, status: 'failed', reason: `ALARM:${e.code} near line ${e.line + 1}`, error: { line: e.line, code: e.code, kind: 'alarm' } };
    case 'complete':
      if (s.status !== 'running') return refuse();
      if (s.ackedLines !== s.totalLines) return { refused: `only ${s.ackedLines} of ${s.totalLines} lines acknowledged` };
      return { ...s, status: 'done' };
    case 'abort':
      if (isTerminal(s.status)) return refuse();
      return { ...s, status: 'aborted', reason: e.reason };
    case 'fail':
      if (isTerminal(s.status)) return refuse();
      return { ...s, status: 'failed', reason: e.reason };
    case 'interrupt':
      if (!ACTIVE.includes(s.status)) return refuse();
      return { ...s, status: 'interrupted', reason: e.reason };
  }
}

/** Reducer that throws on a refused transition (for code paths where it is a bug). */
export function applyJob(s: JobState, e: JobEvent): JobState {
  const next = reduceJob(s, e);
  if ('refused' in next) throw new Error(next.refused);
  return next;
}
