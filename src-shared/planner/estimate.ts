// Machine time of a G-code program on a GRBL 1.1 machine: the G-code interpreter drives the ported motion
// control and planner, and the clock they keep is the estimate. Streaming: feed lines one at a time (or give
// the whole text), then finish(). Also records when each line finishes, for "time left" during a job.
import { GcodeInterpreter } from '../gcode/interpreter';
import type { ArcMove, GcodeIssue, MotionSink, MoveInfo, StopReason } from '../gcode/types';
import { MotionControl, type ExecutedBlock } from './motion';
import type { GrblSettings } from './settings';

export interface EstimateResult {
  timeS: number;
  cutTimeS: number;
  travelTimeS: number;
  dwellTimeS: number;
  idleDelayS: number;
  distanceMm: number;
  cutMm: number;
  travelMm: number;
  /** Length ÷ feed for comparison (what most senders show). */
  naiveTimeS: number;
  lines: number;
  blocks: number;
  stops: number;
  issues: GcodeIssue[];
  issueCount: number;
  errorCount: number;
  /** Clock (s) at which each line (0-based) has finished; time left after line i = timeS − lineEndS[i]. */
  lineEndS: Float64Array;
}

export interface EstimatorOptions {
  blockBufferSize?: number;
  maxIssues?: number;
  onBlock?: (b: ExecutedBlock) => void;
}

class GrowableTimes {
  data = new Float64Array(1024);
  filled = 0; // entries [0, filled) are final

  fillUpTo(line: number, t: number): void {
    if (line < this.filled) return;
    while (line >= this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data.fill(t, this.filled, line + 1);
    this.filled = line + 1;
  }
}

export class GcodeEstimator {
  private readonly motion: MotionControl;
  private readonly interpreter: GcodeInterpreter;
  private readonly times = new GrowableTimes();
  private lineIndex = 0;
  private partial = '';

  constructor(settings: GrblSettings, opts: EstimatorOptions = {}) {
    this.motion = new MotionControl(settings, {
      blockBufferSize: opts.blockBufferSize,
      onBlock: opts.onBlock,
      onLinesDone: (line, t) => this.times.fillUpTo(line, t),
    });
    const motion = this.motion;
    const sink: MotionSink = {
      line: (target: number[], m: MoveInfo) => motion.line(target, { feedRate: m.feedRate, rapid: m.rapid, inverseTime: m.inverseTime, tag: { line: m.line, cut: m.cut } }),
      arc: (a: ArcMove, m: MoveInfo) =>
        motion.arc({ ...a, arcToleranceMm: settings.arcToleranceMm }, { feedRate: m.feedRate, rapid: m.rapid, inverseTime: m.inverseTime, tag: { line: m.line, cut: m.cut } }),
      sync: (reason: StopReason) => motion.sync(reason),
      dwell: (seconds: number, line: number) => motion.dwell(seconds, line),
      lineDone: (line: number) => motion.markLine(line),
    };
    this.interpreter = new GcodeInterpreter(sink, { laserMode: settings.laserMode, maxIssues: opts.maxIssues });
  }

  /** One complete line (without its newline). */
  pushLine(raw: string): void {
    this.interpreter.executeLine(raw, this.lineIndex++);
  }

  /** Arbitrary text chunks (e.g. from a stream); lines may span chunks. */
  pushText(chunk: string): void {
    let text = this.partial + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.pushLine(text.slice(start, end));
      start = nl + 1;
    }
    text = text.slice(start);
    this.partial = text;
  }

  finish(): EstimateResult {
    if (this.partial.length > 0) {
      this.pushLine(this.partial.replace(/\r$/, ''));
      this.partial = '';
    }
    this.interpreter.finish();
    const totals = this.motion.finish();
    const lines = this.lineIndex;
    this.times.fillUpTo(lines - 1, totals.timeS);
    return {
      timeS: totals.timeS,
      cutTimeS: totals.cutTimeS,
      travelTimeS: totals.travelTimeS,
      dwellTimeS: totals.dwellTimeS,
      idleDelayS: totals.idleDelayS,
      distanceMm: totals.cutMm + totals.travelMm,
      cutMm: totals.cutMm,
      travelMm: totals.travelMm,
      naiveTimeS: totals.naiveTimeS,
      lines,
      blocks: totals.blocks,
      stops: totals.stops,
      issues: this.interpreter.issues,
      issueCount: this.interpreter.issueCount,
      errorCount: this.interpreter.errorCount,
      lineEndS: this.times.data.slice(0, lines),
    };
  }
}

/** Estimates a whole program given as text. */
export function estimateGcode(text: string, settings: GrblSettings, opts: EstimatorOptions = {}): EstimateResult {
  const est = new GcodeEstimator(settings, opts);
  est.pushText(text);
  return est.finish();
}

/** Seconds left once line `line` (0-based) has been executed. */
export function timeLeftAfterLine(result: EstimateResult, line: number): number {
  if (line < 0) return result.timeS;
  if (line >= result.lineEndS.length) return 0;
  return Math.max(0, result.timeS - result.lineEndS[line]);
}
