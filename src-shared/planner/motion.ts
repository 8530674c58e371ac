// The firmware's motion-control layer and stepper, as a clock: mc_line (wait while the planner buffer is full,
// then plan), mc_arc, mc_dwell, and buffer synchronisation (protocol_buffer_synchronize) for the commands that
// force the machine to a stop. The stepper side executes the tail block with the profile st_prep_buffer
// computes and discards it, so a block's exit speed is decided with the look-ahead the firmware has when it
// finishes preparing that block. Assumes the sender keeps GRBL's serial buffer non-empty (character counting),
// so the planner is full whenever the program has more moves; a starved sender only makes the real job slower.
import { arcAngularTravel, arcSegmentCount, segmentArc, type ArcRequest } from './arc';
import { GrblPlanner, DEFAULT_BLOCK_BUFFER_SIZE, type BlockGeometry, type BlockTag, type PlanLineData, type PlannerState } from './planner';
import { blockProfile, blockProfileInto, type BlockProfile } from './profile';
import type { GrblSettings } from './settings';

/** One executed block, for progress displays, tests and the emulator. */
export interface ExecutedBlock {
  tag: BlockTag;
  millimeters: number;
  /** Block acceleration after per-axis limiting, mm/min². */
  acceleration: number;
  entrySpeed: number;
  exitSpeed: number;
  nominalSpeed: number;
  profile: BlockProfile;
  /** Machine clock at the end of the block, seconds. */
  endS: number;
}

export interface MotionTotals {
  timeS: number;
  cutTimeS: number;
  travelTimeS: number;
  dwellTimeS: number;
  /** Time spent in the $1 step idle delay at full stops. */
  idleDelayS: number;
  cutMm: number;
  travelMm: number;
  blocks: number;
  /** Number of full stops forced by synchronisation (dwell, spindle/coolant changes, program end). */
  stops: number;
  /** The naive estimate others use: every block's length ÷ its feed (no acceleration), seconds. */
  naiveTimeS: number;
}

/**
 * A stretch of blocks planned from rest (an empty planner), captured before whatever follows it is planned (or
 * after draining it): the totals of the blocks it executed and the planner left behind. Replaying it gives
 * exactly what planning those blocks again would, because a planner starting empty has no memory of earlier
 * blocks.
 */
export interface StretchFromRest {
  planner: PlannerState;
  totals: MotionTotals;
  clockS: number;
  moved: boolean;
}

export type SyncReason = 'dwell' | 'spindle' | 'coolant' | 'program-end' | 'end-of-file';

export interface MotionOptions {
  blockBufferSize?: number;
  /** Called after each block finishes (in execution order). */
  onBlock?: (b: ExecutedBlock) => void;
  /** Called when every source line up to `line` (0-based) has finished, with the clock then (seconds). */
  onLinesDone?: (line: number, endS: number) => void;
}

/** firmware DWELL_TIME_STEP: delay_sec() waits in whole 50 ms steps. */
const DWELL_TIME_STEP_S = 0.05;

export class MotionControl {
  private readonly planner: GrblPlanner;
  private readonly settings: GrblSettings;
  private readonly opts: MotionOptions;
  private clockS = 0;
  private movedSinceStop = false;
  private lastLineDone = -1;
  /** Reused for every executed block. */
  private readonly profile: BlockProfile = blockProfile(1, 1, 0, 0, 1);
  readonly totals: MotionTotals = { timeS: 0, cutTimeS: 0, travelTimeS: 0, dwellTimeS: 0, idleDelayS: 0, cutMm: 0, travelMm: 0, blocks: 0, stops: 0, naiveTimeS: 0 };

  constructor(settings: GrblSettings, opts: MotionOptions = {}) {
    this.settings = settings;
    this.opts = opts;
    this.planner = new GrblPlanner(settings, opts.blockBufferSize ?? DEFAULT_BLOCK_BUFFER_SIZE);
  }

  get timeS(): number {
    return this.clockS;
  }

  /** Planner position (machine mm). */
  position(): [number, number, number] {
    return this.planner.positionMm();
  }

  /** mc_line. Returns false when the move was shorter than one step and was dropped. */
  line(target: readonly number[], data: PlanLineData): boolean {
    while (this.planner.isFull()) this.executeTail();
    return this.planner.bufferLine(target, data);
  }

  /** mc_line for a block prepared earlier (geometry and junction speed² with the block before it). */
  block(g: Omit<BlockGeometry, 'unit'>, junctionSpeedSqr: number, data: PlanLineData): void {
    while (this.planner.isFull()) this.executeTail();
    this.planner.bufferBlock(g, junctionSpeedSqr, data);
  }

  /** Nothing planned or moving: what follows starts from rest. */
  atRest(): boolean {
    return this.planner.isEmpty();
  }

  /** Captures this motion control, which must have started at rest with nothing timed before the stretch. */
  captureStretch(): StretchFromRest {
    return { planner: this.planner.saveState(), totals: { ...this.totals }, clockS: this.clockS, moved: this.movedSinceStop };
  }

  /** Continues at rest with a captured stretch, as if its blocks had been planned here. */
  replayStretch(s: StretchFromRest): void {
    this.planner.restoreState(s.planner);
    this.clockS += s.clockS;
    const t = this.totals;
    t.cutTimeS += s.totals.cutTimeS;
    t.travelTimeS += s.totals.travelTimeS;
    t.cutMm += s.totals.cutMm;
    t.travelMm += s.totals.travelMm;
    t.blocks += s.totals.blocks;
    t.naiveTimeS += s.totals.naiveTimeS;
    this.movedSinceStop ||= s.moved;
  }

  /** mc_arc from `position` (the parser's current position). */
  arc(req: ArcRequest, data: PlanLineData): void {
    let d = data;
    if (data.inverseTime) {
      const segments = arcSegmentCount(arcAngularTravel(req), req.radius, req.arcToleranceMm);
      if (segments) d = { ...data, feedRate: data.feedRate * segments, inverseTime: false };
    }
    segmentArc(req, (p) => this.line(p, d));
  }

  /** mc_dwell: finish every buffered move, then wait P seconds in 50 ms steps. */
  dwell(seconds: number, line: number): void {
    this.sync('dwell');
    const steps = Math.ceil((1000 / 50) * seconds);
    const t = Math.max(0, steps) * DWELL_TIME_STEP_S;
    this.clockS += t;
    this.totals.dwellTimeS += t;
    this.markLine(line);
  }

  /** Add a fixed wait (e.g. a pierce delay the profile adds outside G-code). */
  wait(seconds: number): void {
    this.clockS += seconds;
    this.totals.dwellTimeS += seconds;
  }

  /**
   * protocol_buffer_synchronize: run until the planner is empty. When motion actually came to a stop, the
   * stepper's st_go_idle() holds the motors for $1 ms before the cycle ends (skipped when $1 = 255).
   */
  sync(_reason: SyncReason): void {
    this.drain();
    if (this.movedSinceStop) {
      this.movedSinceStop = false;
      this.totals.stops++;
      if (this.settings.stepIdleDelayMs !== 255) {
        const t = this.settings.stepIdleDelayMs / 1000;
        this.clockS += t;
        this.totals.idleDelayS += t;
      }
    }
  }

  /** Executes every planned block (the motion part of a sync, without its stop). */
  drain(): void {
    while (!this.planner.isEmpty()) this.executeTail();
  }

  /** Mark a line with no motion of its own as done at the current clock (after earlier lines). */
  markLine(line: number): void {
    if (line > this.lastLineDone && this.planner.isEmpty()) {
      this.lastLineDone = line;
      this.opts.onLinesDone?.(line, this.clockS);
    }
  }

  finish(): MotionTotals {
    this.sync('end-of-file');
    this.totals.timeS = this.clockS;
    return { ...this.totals };
  }

  private executeTail(): void {
    const block = this.planner.current();
    if (!block) return;
    const exitSqr = this.planner.execBlockExitSpeedSqr();
    const nominal = GrblPlanner.nominalSpeed(block);
    const profile = blockProfileInto(this.profile, block.millimeters, block.acceleration, block.entrySpeedSqr, exitSqr, nominal);
    const dt = profile.timeMin * 60;
    this.clockS += dt;
    this.movedSinceStop = true;
    const t = this.totals;
    t.blocks++;
    t.naiveTimeS += (block.millimeters / nominal) * 60;
    if (block.tag.cut) {
      t.cutTimeS += dt;
      t.cutMm += block.millimeters;
    } else {
      t.travelTimeS += dt;
      t.travelMm += block.millimeters;
    }
    if (this.opts.onBlock) {
      this.opts.onBlock({
        tag: block.tag,
        millimeters: block.millimeters,
        acceleration: block.acceleration,
        entrySpeed: Math.sqrt(block.entrySpeedSqr),
        exitSpeed: Math.sqrt(exitSqr),
        nominalSpeed: nominal,
        profile: { ...profile },
        endS: this.clockS,
      });
    }
    const line = block.tag.line;
    this.planner.discardCurrent();
    if (line > this.lastLineDone) {
      // Lines whose blocks are all done: everything before the next block's line.
      const next = this.planner.current();
      const doneUpTo = next ? next.tag.line - 1 : line;
      if (doneUpTo > this.lastLineDone) {
        this.lastLineDone = doneUpTo;
        this.opts.onLinesDone?.(doneUpTo, this.clockS);
      }
    }
  }
}
