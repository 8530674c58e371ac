// A port of the GRBL 1.1 look-ahead planner (planner.c + nuts_bolts.c vector helpers): a ring buffer of blocks,
// per-axis limited acceleration and rapid rate, the junction-deviation corner speed, and planner_recalculate's
// reverse and forward passes with the "planned" pointer that freezes blocks which can no longer improve.
// Arithmetic and branch structure follow the firmware so results match it (in double rather than AVR float
// precision). Units inside are the firmware's: mm, mm/min, mm/min².
import type { GrblSettings } from './settings';

export const N_AXIS = 3;
/** config.h: 16 on the ATmega328p (15 when USE_LINE_NUMBERS is compiled in); one slot always stays empty. */
export const DEFAULT_BLOCK_BUFFER_SIZE = 16;
/** config.h defaults. */
export const MINIMUM_JUNCTION_SPEED = 0.0; // mm/min
export const MINIMUM_FEED_RATE = 1.0; // mm/min
export const SOME_LARGE_VALUE = 1.0e38;

/** What the caller attaches to a block so the executor can attribute its time. */
export interface BlockTag {
  /** Source line index (0-based) the block came from. */
  line: number;
  /** The laser is firing during this block (G1/G2/G3 with the laser on and S > 0). */
  cut: boolean;
}

export interface PlanLineData {
  /** mm/min, or 1/min when inverseTime. Ignored for rapids. */
  feedRate: number;
  rapid: boolean;
  inverseTime: boolean;
  tag: BlockTag;
}

export interface PlanBlock {
  millimeters: number;
  acceleration: number;
  rapidRate: number;
  programmedRate: number;
  rapid: boolean;
  entrySpeedSqr: number;
  maxEntrySpeedSqr: number;
  maxJunctionSpeedSqr: number;
  tag: BlockTag;
}

/** The feed-independent part of a block, decided by its step delta alone (plan_buffer_line before the feed). */
export interface BlockGeometry {
  millimeters: number;
  unit: number[];
  /** mm/min², limited per axis along `unit`. */
  acceleration: number;
  /** mm/min, limited per axis along `unit`. */
  rapidRate: number;
}

/**
 * What a planner holds between blocks: the ring buffer, its pointers and the previous block's nominal speed.
 * Saved after a stretch of blocks planned from rest and restored to replay that stretch without replanning it
 * (the position and previous unit vector are not part of it: prepared blocks carry their junction speed).
 */
export interface PlannerState {
  blocks: PlanBlock[];
  tail: number;
  head: number;
  planned: number;
  previousNominalSpeed: number;
}

function emptyBlock(): PlanBlock {
  return {
    millimeters: 0,
    acceleration: 0,
    rapidRate: 0,
    programmedRate: 0,
    rapid: false,
    entrySpeedSqr: 0,
    maxEntrySpeedSqr: 0,
    maxJunctionSpeedSqr: 0,
    tag: { line: -1, cut: false },
  };
}

/** nuts_bolts.c: normalises `v` in place and returns its former magnitude. */
export function convertDeltaVectorToUnitVector(v: number[]): number {
  let magnitude = 0;
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) magnitude += v[i] * v[i];
  magnitude = Math.sqrt(magnitude);
  const inv = 1 / magnitude;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return magnitude;
}

/** nuts_bolts.c: the largest value along `unit` that keeps every axis within its own maximum. */
export function limitValueByAxisMaximum(maxValue: readonly number[], unit: readonly number[]): number {
  let limit = SOME_LARGE_VALUE;
  for (let i = 0; i < unit.length; i++) {
    if (unit[i] !== 0) limit = Math.min(limit, Math.abs(maxValue[i] / unit[i]));
  }
  return limit;
}

/**
 * Junction speed² limit (mm²/min²) between two unit vectors, planner.c's centripetal approximation:
 * v² = a·δ·sin(θ/2)/(1−sin(θ/2)), with a limited along the junction vector. Straight continuation is unlimited,
 * a full reversal gets MINIMUM_JUNCTION_SPEED².
 */
export function maxJunctionSpeedSqr(prevUnit: readonly number[], unit: readonly number[], accelPerAxis: readonly number[], junctionDeviation: number): number {
  let cosTheta = 0;
  const junctionUnit = [0, 0, 0];
  for (let i = 0; i < N_AXIS; i++) {
    cosTheta -= prevUnit[i] * unit[i];
    junctionUnit[i] = unit[i] - prevUnit[i];
  }
  if (cosTheta > 0.999999) return MINIMUM_JUNCTION_SPEED * MINIMUM_JUNCTION_SPEED;
  if (cosTheta < -0.999999) return SOME_LARGE_VALUE;
  convertDeltaVectorToUnitVector(junctionUnit);
  const junctionAcceleration = limitValueByAxisMaximum(accelPerAxis, junctionUnit);
  const sinThetaD2 = Math.sqrt(0.5 * (1.0 - cosTheta));
  return Math.max(
    MINIMUM_JUNCTION_SPEED * MINIMUM_JUNCTION_SPEED,
    (junctionAcceleration * junctionDeviation * sinThetaD2) / (1.0 - sinThetaD2),
  );
}

/** The machine constants plan_buffer_line works with, in the planner's units (settings.c conversions). */
export class PlannerKinematics {
  readonly stepsPerMm: readonly number[];
  /** mm/min */
  readonly maxRate: readonly number[];
  /** mm/min² (settings.c stores $120 × 60 × 60) */
  readonly acceleration: readonly number[];
  readonly junctionDeviation: number;

  constructor(settings: GrblSettings) {
    this.stepsPerMm = [...settings.stepsPerMm];
    this.maxRate = [...settings.maxRateMmPerMin];
    this.acceleration = settings.accelerationMmPerS2.map((a) => a * 60 * 60);
    this.junctionDeviation = settings.junctionDeviationMm;
  }

  /** Rounds an absolute target (mm) to steps, as plan_buffer_line does. */
  toSteps(target: readonly number[], out: number[]): void {
    for (let i = 0; i < N_AXIS; i++) out[i] = lround(target[i] * this.stepsPerMm[i]);
  }

  /**
   * The move from `position` (steps) to `target` (absolute mm): writes the target in steps to `targetSteps` and
   * returns the block's geometry, or null for a move shorter than one step (the firmware's PLAN_EMPTY_BLOCK).
   */
  line(position: readonly number[], target: readonly number[], targetSteps: number[]): BlockGeometry | null {
    this.toSteps(target, targetSteps);
    return this.fromDelta([targetSteps[0] - position[0], targetSteps[1] - position[1], targetSteps[2] - position[2]]);
  }

  /** The geometry of a block moving by `delta` steps per axis, or null when it moves less than one step. */
  fromDelta(delta: readonly number[]): BlockGeometry | null {
    const unit = [0, 0, 0];
    let stepEventCount = 0;
    for (let i = 0; i < N_AXIS; i++) {
      stepEventCount = Math.max(stepEventCount, Math.abs(delta[i]));
      unit[i] = delta[i] / this.stepsPerMm[i];
    }
    if (stepEventCount === 0) return null;
    const millimeters = convertDeltaVectorToUnitVector(unit);
    return { millimeters, unit, acceleration: limitValueByAxisMaximum(this.acceleration, unit), rapidRate: limitValueByAxisMaximum(this.maxRate, unit) };
  }

  /** Junction speed² limit between consecutive blocks (used unless the buffer is empty). */
  junctionSqr(prevUnit: readonly number[], unit: readonly number[]): number {
    return maxJunctionSpeedSqr(prevUnit, unit, this.acceleration, this.junctionDeviation);
  }
}

export class GrblPlanner {
  private readonly size: number;
  private readonly buffer: PlanBlock[];
  private tail = 0;
  private head = 0;
  private nextHead = 1;
  private planned = 0;
  private readonly position = [0, 0, 0]; // steps
  private readonly targetSteps = [0, 0, 0];
  private previousUnitVec = [0, 0, 0];
  private previousNominalSpeed = 0;
  readonly kinematics: PlannerKinematics;

  constructor(settings: GrblSettings, blockBufferSize = DEFAULT_BLOCK_BUFFER_SIZE) {
    if (!(Number.isInteger(blockBufferSize) && blockBufferSize >= 2)) throw new Error(`block buffer size must be an integer >= 2, got ${blockBufferSize}`);
    this.size = blockBufferSize;
    this.buffer = Array.from({ length: blockBufferSize }, emptyBlock);
    this.kinematics = new PlannerKinematics(settings);
  }

  private nextIndex(i: number): number {
    i++;
    return i === this.size ? 0 : i;
  }

  private prevIndex(i: number): number {
    return (i === 0 ? this.size : i) - 1;
  }

  isFull(): boolean {
    return this.tail === this.nextHead;
  }

  isEmpty(): boolean {
    return this.head === this.tail;
  }

  /** Blocks waiting or executing (plan_get_block_buffer_count). */
  count(): number {
    return this.head >= this.tail ? this.head - this.tail : this.size - (this.tail - this.head);
  }

  /** plan_get_current_block: the block the stepper executes now, or null. */
  current(): PlanBlock | null {
    return this.isEmpty() ? null : this.buffer[this.tail];
  }

  /** plan_get_exec_block_exit_speed_sqr: entry speed² of the block after the executing one (0 when none). */
  execBlockExitSpeedSqr(): number {
    const i = this.nextIndex(this.tail);
    return i === this.head ? 0 : this.buffer[i].entrySpeedSqr;
  }

  /** plan_discard_current_block, called when the stepper has finished preparing the tail block. */
  discardCurrent(): void {
    if (this.head === this.tail) return;
    const i = this.nextIndex(this.tail);
    if (this.tail === this.planned) this.planned = i;
    this.tail = i;
  }

  /** plan_compute_profile_nominal_speed at 100 % overrides. */
  static nominalSpeed(block: PlanBlock): number {
    let nominal = block.rapid ? block.rapidRate : block.programmedRate;
    if (!block.rapid && nominal > block.rapidRate) nominal = block.rapidRate;
    return nominal > MINIMUM_FEED_RATE ? nominal : MINIMUM_FEED_RATE;
  }

  /** Planner position in mm (from steps), what the next block starts from. */
  positionMm(): [number, number, number] {
    return [0, 1, 2].map((i) => this.position[i] / this.kinematics.stepsPerMm[i]) as [number, number, number];
  }

  /**
   * plan_buffer_line: plans a straight move to `target` (absolute machine mm). The caller must make room first
   * (the firmware's mc_line waits while the buffer is full). Returns false for a move shorter than one step,
   * which the firmware drops (PLAN_EMPTY_BLOCK).
   */
  bufferLine(target: readonly number[], data: PlanLineData): boolean {
    if (this.isFull()) throw new Error('planner buffer full: execute the tail block first');
    const g = this.kinematics.line(this.position, target, this.targetSteps);
    if (!g) return false;
    // An empty buffer means starting from rest: bufferBlock ignores the junction speed then.
    this.bufferBlock(g, this.isEmpty() ? 0 : this.kinematics.junctionSqr(this.previousUnitVec, g.unit), data);
    this.previousUnitVec = g.unit;
    for (let i = 0; i < N_AXIS; i++) this.position[i] = this.targetSteps[i];
    return true;
  }

  /**
   * The feed-dependent rest of plan_buffer_line for a block whose geometry and junction speed² with the block
   * before it were computed already (the position is not tracked: mixing this with bufferLine is not supported).
   */
  bufferBlock(g: Omit<BlockGeometry, 'unit'>, junctionSpeedSqr: number, data: PlanLineData): void {
    if (this.isFull()) throw new Error('planner buffer full: execute the tail block first');
    const block = this.buffer[this.head];
    block.millimeters = g.millimeters;
    block.acceleration = g.acceleration;
    block.rapidRate = g.rapidRate;
    block.rapid = data.rapid;
    block.programmedRate = data.inverseTime ? data.feedRate * block.millimeters : data.feedRate;
    block.tag = data.tag;
    block.entrySpeedSqr = 0;
    // Starting from rest: an empty buffer means the machine is (or will be) stopped.
    block.maxJunctionSpeedSqr = this.head === this.tail ? 0 : junctionSpeedSqr;

    const nominal = GrblPlanner.nominalSpeed(block);
    // plan_compute_profile_parameters
    block.maxEntrySpeedSqr = nominal > this.previousNominalSpeed ? this.previousNominalSpeed * this.previousNominalSpeed : nominal * nominal;
    if (block.maxEntrySpeedSqr > block.maxJunctionSpeedSqr) block.maxEntrySpeedSqr = block.maxJunctionSpeedSqr;
    this.previousNominalSpeed = nominal;

    this.head = this.nextHead;
    this.nextHead = this.nextIndex(this.head);
    this.recalculate();
  }

  saveState(): PlannerState {
    return { blocks: this.buffer.map((b) => ({ ...b })), tail: this.tail, head: this.head, planned: this.planned, previousNominalSpeed: this.previousNominalSpeed };
  }

  /** Restores a saved state into an empty planner of the same size (an empty ring's position does not matter). */
  restoreState(s: PlannerState): void {
    if (!this.isEmpty() || s.blocks.length !== this.size) throw new Error('restoreState needs an empty planner of the same size');
    // Only the occupied slots matter; field by field, as this runs once per replayed stretch.
    for (let i = s.tail; i !== s.head; i = this.nextIndex(i)) {
      const from = s.blocks[i];
      const to = this.buffer[i];
      to.millimeters = from.millimeters;
      to.acceleration = from.acceleration;
      to.rapidRate = from.rapidRate;
      to.programmedRate = from.programmedRate;
      to.rapid = from.rapid;
      to.entrySpeedSqr = from.entrySpeedSqr;
      to.maxEntrySpeedSqr = from.maxEntrySpeedSqr;
      to.maxJunctionSpeedSqr = from.maxJunctionSpeedSqr;
      to.tag = from.tag;
    }
    this.tail = s.tail;
    this.head = s.head;
    this.nextHead = this.nextIndex(s.head);
    this.planned = s.planned;
    this.previousNominalSpeed = s.previousNominalSpeed;
  }

  /** planner_recalculate: reverse pass from the newest block, then forward pass from the planned pointer. */
  private recalculate(): void {
    const buf = this.buffer;
    let index = this.prevIndex(this.head);
    if (index === this.planned) return;

    let current = buf[index];
    current.entrySpeedSqr = Math.min(current.maxEntrySpeedSqr, 2 * current.acceleration * current.millimeters);

    index = this.prevIndex(index);
    if (index !== this.planned) {
      while (index !== this.planned) {
        const next = current;
        current = buf[index];
        index = this.prevIndex(index);
        if (current.entrySpeedSqr !== current.maxEntrySpeedSqr) {
          const entry = next.entrySpeedSqr + 2 * current.acceleration * current.millimeters;
          current.entrySpeedSqr = entry < current.maxEntrySpeedSqr ? entry : current.maxEntrySpeedSqr;
        }
      }
    }

    let next = buf[this.planned];
    index = this.nextIndex(this.planned);
    while (index !== this.head) {
      current = next;
      next = buf[index];
      if (current.entrySpeedSqr < next.entrySpeedSqr) {
        const entry = current.entrySpeedSqr + 2 * current.acceleration * current.millimeters;
        if (entry < next.entrySpeedSqr) {
          next.entrySpeedSqr = entry;
          this.planned = index;
        }
      }
      if (next.entrySpeedSqr === next.maxEntrySpeedSqr) this.planned = index;
      index = this.nextIndex(index);
    }
  }
}

/** C lround: round half away from zero. */
function lround(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
