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
  steps: number[];
  stepEventCount: number;
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

function emptyBlock(): PlanBlock {
  return {
    steps: [0, 0, 0],
    stepEventCount: 0,
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

export class GrblPlanner {
  private readonly size: number;
  private readonly buffer: PlanBlock[];
  private tail = 0;
  private head = 0;
  private nextHead = 1;
  private planned = 0;
  private readonly position = [0, 0, 0]; // steps
  private readonly previousUnitVec = [0, 0, 0];
  private previousNominalSpeed = 0;
  private readonly stepsPerMm: readonly number[];
  /** mm/min */
  private readonly maxRate: readonly number[];
  /** mm/min² (settings.c stores $120 × 60 × 60) */
  private readonly acceleration: readonly number[];
  private readonly junctionDeviation: number;

  constructor(settings: GrblSettings, blockBufferSize = DEFAULT_BLOCK_BUFFER_SIZE) {
    if (!(Number.isInteger(blockBufferSize) && blockBufferSize >= 2)) throw new Error(`block buffer size must be an integer >= 2, got ${blockBufferSize}`);
    this.size = blockBufferSize;
    this.buffer = Array.from({ length: blockBufferSize }, emptyBlock);
    this.stepsPerMm = [...settings.stepsPerMm];
    this.maxRate = [...settings.maxRateMmPerMin];
    this.acceleration = settings.accelerationMmPerS2.map((a) => a * 60 * 60);
    this.junctionDeviation = settings.junctionDeviationMm;
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
    return [0, 1, 2].map((i) => this.position[i] / this.stepsPerMm[i]) as [number, number, number];
  }

  /**
   * plan_buffer_line: plans a straight move to `target` (absolute machine mm). The caller must make room first
   * (the firmware's mc_line waits while the buffer is full). Returns false for a move shorter than one step,
   * which the firmware drops (PLAN_EMPTY_BLOCK).
   */
  bufferLine(target: readonly number[], data: PlanLineData): boolean {
    if (this.isFull()) throw new Error('planner buffer full: execute the tail block first');
    const block = this.buffer[this.head];
    const unit = [0, 0, 0];
    const targetSteps = [0, 0, 0];
    let stepEventCount = 0;
    for (let i = 0; i < N_AXIS; i++) {
      targetSteps[i] = lround(target[i] * this.stepsPerMm[i]);
      const steps = Math.abs(targetSteps[i] - this.position[i]);
      block.steps[i] = steps;
      stepEventCount = Math.max(stepEventCount, steps);
      unit[i] = (targetSteps[i] - this.position[i]) / this.stepsPerMm[i];
    }
    block.stepEventCount = stepEventCount;
    if (stepEventCount === 0) return false;

    block.millimeters = convertDeltaVectorToUnitVector(unit);
    block.acceleration = limitValueByAxisMaximum(this.acceleration, unit);
    block.rapidRate = limitValueByAxisMaximum(this.maxRate, unit);
    block.rapid = data.rapid;
    block.programmedRate = data.inverseTime ? data.feedRate * block.millimeters : data.feedRate;
    block.tag = data.tag;
    block.entrySpeedSqr = 0;

    if (this.head === this.tail) {
      // Starting from rest: an empty buffer means the machine is (or will be) stopped.
      block.maxJunctionSpeedSqr = 0;
    } else {
      block.maxJunctionSpeedSqr = maxJunctionSpeedSqr(this.previousUnitVec, unit, this.acceleration, this.junctionDeviation);
    }

    const nominal = GrblPlanner.nominalSpeed(block);
    // plan_compute_profile_parameters
    block.maxEntrySpeedSqr = nominal > this.previousNominalSpeed ? this.previousNominalSpeed * this.previousNominalSpeed : nominal * nominal;
    if (block.maxEntrySpeedSqr > block.maxJunctionSpeedSqr) block.maxEntrySpeedSqr = block.maxJunctionSpeedSqr;
    this.previousNominalSpeed = nominal;

    for (let i = 0; i < N_AXIS; i++) {
      this.previousUnitVec[i] = unit[i];
      this.position[i] = targetSteps[i];
    }
    this.head = this.nextHead;
    this.nextHead = this.nextIndex(this.head);
    this.recalculate();
    return true;
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
