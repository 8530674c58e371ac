// The feed-independent half of timing a motion plan, computed once per design and machine: every move turned
// into GRBL planner blocks (mc_arc splitting per $12, step rounding, per-axis limited acceleration and rapid
// rate, junction speeds from $11) exactly as plan_buffer_line would see them, so a re-quote with other feeds
// only runs the feed-dependent planning. Runs whose blocks are identical step for step (pads, holes, glyphs
// repeat a lot) share one "shape": the planner's behaviour on a shape started from rest depends only on the
// shape, its feed and passes, which the time model caches (time-model.ts).
import { segEnd, segStart } from '../geometry/segments';
import { segmentArc, type ArcRequest } from '../planner/arc';
import type { ArcSeg } from '../geometry/types';
import { PlannerKinematics, type BlockGeometry } from '../planner/planner';
import type { GrblSettings } from '../planner/settings';
import type { MotionPlan, RunOperation } from './order';

/** The blocks of one pass over a run, relative to its start. */
export interface MotionShape {
  id: number;
  /** Per block: millimetres, acceleration, rapid rate, junction speed² with the block before (block 0: unused). */
  blocks: Float64Array;
  count: number;
  /** The rapid back to the start before another pass (open runs), and its junctions; null when zero-length. */
  back: { geometry: BlockGeometry; junctionIn: number; junctionOut: number } | null;
  /** Junction speed² from the last block into the first when another pass follows with no rapid between. */
  junctionWrap: number;
}

export interface PreparedRun {
  op: RunOperation;
  shape: MotionShape;
  /** The rapid to the run's start from where the previous run ended; null when shorter than one step. */
  rapidIn: BlockGeometry | null;
  /** Runs whose rapidIn has the same step delta share this number (-1: no rapid). */
  rapidId: number;
  /** Junction speed² into rapidIn from the block before it. */
  junctionRapidIn: number;
  /** Junction speed² into the run's first block from the block before it (rapidIn or the previous run). */
  junctionFirst: number;
}

export interface PreparedMotion {
  runs: PreparedRun[];
  shapes: MotionShape[];
  blocks: number;
}

export const BLOCK_STRIDE = 4;

/** The step deltas of one pass, as the firmware would plan it from `position` (steps, updated). */
class PassRecorder {
  readonly deltas: number[] = [];
  private readonly target = [0, 0, 0];

  constructor(
    private readonly kin: PlannerKinematics,
    readonly position: number[],
  ) {}

  line(target: readonly number[]): void {
    const t = this.target;
    const p = this.position;
    this.kin.toSteps(target, t);
    if (t[0] === p[0] && t[1] === p[1] && t[2] === p[2]) return; // shorter than one step: dropped
    this.deltas.push(t[0] - p[0], t[1] - p[1], t[2] - p[2]);
    p[0] = t[0];
    p[1] = t[1];
    p[2] = t[2];
  }
}

function hashDeltas(d: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const v of d) h = Math.imul(h ^ (v | 0), 0x01000193);
  return (h ^ d.length) >>> 0;
}

function sameDeltas(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The G2/G3 a run's arc becomes from the planner position (x, y); a full circle ends where it starts. */
export function arcRequest(seg: ArcSeg, x: number, y: number, arcToleranceMm: number): ArcRequest {
  const end = segEnd(seg);
  const fullCircle = Math.abs(seg.sweep) >= 2 * Math.PI - 1e-9;
  return {
    position: [x, y, 0],
    target: fullCircle ? [x, y, 0] : [end.x, end.y, 0],
    offset: [seg.center.x - x, seg.center.y - y, 0],
    radius: seg.radius,
    axis0: 0,
    axis1: 1,
    axisLinear: 2,
    clockwise: seg.sweep < 0,
    arcToleranceMm,
  };
}

/** Blocks of every run of `plan` on a machine with `settings`; the run order and moves are the time model's. */
export function prepareMotion(plan: MotionPlan, settings: GrblSettings): PreparedMotion {
  const kin = new PlannerKinematics(settings);
  const position = [0, 0, 0];
  const scratch = [0, 0, 0];
  const shapes: MotionShape[] = [];
  const byHash = new Map<number, KnownShape[]>();
  const runs: PreparedRun[] = [];
  const lineTarget = [0, 0, 0];
  const rapidIds = new Map<string, number>();
  let lastUnit: number[] | null = null;
  let blocks = 0;

  for (const run of plan.runs) {
    const s = segStart(run.segments[0]);
    const start = [s.x, s.y, 0];
    const rapidIn = kin.line(position, start, scratch);
    let rapidId = -1;
    if (rapidIn) {
      const delta = `${scratch[0] - position[0]},${scratch[1] - position[1]},${scratch[2] - position[2]}`;
      rapidId = rapidIds.get(delta) ?? rapidIds.size;
      rapidIds.set(delta, rapidId);
      for (let i = 0; i < 3; i++) position[i] = scratch[i];
    }
    const rec = new PassRecorder(kin, position);
    for (const seg of run.segments) {
      if (seg.kind === 'line') {
        lineTarget[0] = seg.b.x;
        lineTarget[1] = seg.b.y;
        rec.line(lineTarget);
        continue;
      }
      segmentArc(arcRequest(seg, position[0] / kin.stepsPerMm[0], position[1] / kin.stepsPerMm[1], settings.arcToleranceMm), (p) => rec.line(p));
    }

    const h = hashDeltas(rec.deltas);
    const bucket = byHash.get(h) ?? [];
    if (bucket.length === 0) byHash.set(h, bucket);
    let known = bucket.find((b) => sameDeltas(b.deltas, rec.deltas));
    if (!known) {
      known = newShape(shapes.length, rec.deltas, kin);
      shapes.push(known.shape);
      bucket.push(known);
    }
    const { shape, firstUnit, lastUnit: shapeLast } = known;
    const before: number[] | null = rapidIn ? rapidIn.unit : lastUnit;
    runs.push({
      op: run.op,
      shape,
      rapidIn,
      rapidId,
      junctionRapidIn: rapidIn && lastUnit ? kin.junctionSqr(lastUnit, rapidIn.unit) : 0,
      junctionFirst: before && firstUnit ? kin.junctionSqr(before, firstUnit) : 0,
    });
    blocks += shape.count + (rapidIn ? 1 : 0);
    lastUnit = shapeLast ?? before;
  }
  return { runs, shapes, blocks };
}

interface KnownShape {
  deltas: number[];
  shape: MotionShape;
  firstUnit: number[] | null;
  lastUnit: number[] | null;
}

function newShape(id: number, deltas: number[], kin: PlannerKinematics): KnownShape {
  const count = deltas.length / 3;
  const blocks = new Float64Array(count * BLOCK_STRIDE);
  const sum = [0, 0, 0];
  let firstUnit: number[] | null = null;
  let lastUnit: number[] | null = null;
  const d = [0, 0, 0];
  for (let k = 0, o = 0; k < count; k++, o += BLOCK_STRIDE) {
    for (let i = 0; i < 3; i++) {
      d[i] = deltas[3 * k + i];
      sum[i] -= d[i];
    }
    const g = kin.fromDelta(d)!;
    blocks[o] = g.millimeters;
    blocks[o + 1] = g.acceleration;
    blocks[o + 2] = g.rapidRate;
    blocks[o + 3] = lastUnit ? kin.junctionSqr(lastUnit, g.unit) : 0;
    firstUnit ??= g.unit;
    lastUnit = g.unit;
  }
  let back: MotionShape['back'] = null;
  let junctionWrap = 0;
  if (firstUnit && lastUnit) {
    // Back from the end to the start: minus the sum of the step deltas.
    const g = kin.fromDelta(sum);
    if (g) back = { geometry: g, junctionIn: kin.junctionSqr(lastUnit, g.unit), junctionOut: kin.junctionSqr(g.unit, firstUnit) };
    else junctionWrap = kin.junctionSqr(lastUnit, firstUnit);
  }
  return { deltas, shape: { id, blocks, count, back, junctionWrap }, firstUnit, lastUnit };
}
