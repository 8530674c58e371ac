// The seam between the estimate and the machine time model. The estimate hands over an ordered motion plan and
// the feeds; a MachineTimeModel turns them into seconds. The default model drives the GRBL 1.1 planner port
// (src-shared/planner: mc_line / mc_arc with $12 arc splitting, 16-block look-ahead, junction deviation,
// dwells with the $1 idle delay) exactly as the generated G-code would: G0 to each run's start, a G4 pierce dwell
// for cuts, then G1/G2/G3 at the preset feed, passes repeated in place. Three levels of reuse keep re-quotes
// instant: results per plan and parameters (a colour or price change does not re-run anything), the blocks'
// geometry per plan and machine (prepared-motion.ts; a material change with new feeds only replans), and the
// planning of each repeated shape from rest per feed (see replan). All three give what a full replan gives.
import { MotionControl, type MotionTotals, type StretchFromRest } from '../planner/motion';
import type { PlanLineData } from '../planner/planner';
import type { GrblSettings } from '../planner/settings';
import type { MotionPlan, RunOperation } from './order';
import { BLOCK_STRIDE, prepareMotion, type MotionShape, type PreparedMotion, type PreparedRun } from './prepared-motion';

export interface RunFeed {
  feedMmPerMin: number;
  passes: number;
}

export interface MotionParams {
  settings: GrblSettings;
  cut: RunFeed;
  score: RunFeed;
  /** G4 dwell before each cut run (first pass), s. */
  pierceS: number;
}

/** The planner's totals (naiveTimeS = length ÷ feed of every block, the estimate most tools show). */
export type MachineTimeResult = MotionTotals;

export interface MachineTimeModel {
  readonly name: string;
  time(plan: MotionPlan, params: MotionParams): MachineTimeResult;
}

interface Prepared {
  motion: PreparedMotion;
  /** Stretches from rest per operation, feed and passes, then per shape and slot (see replan). */
  stretches: Map<string, Map<number, StretchFromRest>[]>;
}

export class GrblPlannerTimeModel implements MachineTimeModel {
  readonly name = 'grbl-1.1-planner';
  private readonly memo = new WeakMap<MotionPlan, Map<string, MachineTimeResult>>();
  private readonly prepared = new WeakMap<MotionPlan, Map<string, Prepared>>();

  time(plan: MotionPlan, params: MotionParams): MachineTimeResult {
    const key = JSON.stringify(params);
    let byParams = this.memo.get(plan);
    if (!byParams) this.memo.set(plan, (byParams = new Map()));
    const hit = byParams.get(key);
    if (hit) return hit;
    const result = replan(this.preparedFor(plan, params.settings), params);
    byParams.set(key, result);
    return result;
  }

  private preparedFor(plan: MotionPlan, settings: GrblSettings): Prepared {
    const key = JSON.stringify(settings);
    let bySettings = this.prepared.get(plan);
    if (!bySettings) this.prepared.set(plan, (bySettings = new Map()));
    let p = bySettings.get(key);
    if (!p) bySettings.set(key, (p = { motion: prepareMotion(plan, settings), stretches: new Map() }));
    return p;
  }
}

const RAPID: PlanLineData = { feedRate: 0, rapid: true, inverseTime: false, tag: { line: 0, cut: false } };
const lineData = (feed: number): PlanLineData => ({ feedRate: feed, rapid: false, inverseTime: false, tag: { line: 0, cut: true } });

/** Plans `passes` passes over a shape into `motion`; the first block's junction is `junctionFirst`. */
function planShape(motion: MotionControl, shape: MotionShape, passes: number, junctionFirst: number, data: PlanLineData): void {
  const b = shape.blocks;
  const g = { millimeters: 0, acceleration: 0, rapidRate: 0 };
  for (let pass = 0; pass < passes; pass++) {
    let junction = junctionFirst;
    if (pass > 0) {
      if (shape.back) motion.block(shape.back.geometry, shape.back.junctionIn, RAPID);
      junction = shape.back ? shape.back.junctionOut : shape.junctionWrap;
    }
    for (let i = 0, o = 0; i < shape.count; i++, o += BLOCK_STRIDE) {
      g.millimeters = b[o];
      g.acceleration = b[o + 1];
      g.rapidRate = b[o + 2];
      motion.block(g, i === 0 ? junction : b[o + 3], data);
    }
  }
}

/** The stretches of one operation at one feed and passes count: per shape id, per slot (see replan). */
function stretchesFor(p: Prepared, op: RunOperation, feed: RunFeed): Map<number, StretchFromRest>[] {
  if (!(Number.isInteger(feed.passes) && feed.passes >= 1)) throw new Error(`passes must be a whole number of 1 or more, got ${feed.passes}`);
  const key = `${op}|${feed.feedMmPerMin}|${feed.passes}`;
  let byShape = p.stretches.get(key);
  if (!byShape) p.stretches.set(key, (byShape = p.motion.shapes.map(() => new Map())));
  return byShape;
}

/**
 * The moves the generated G-code makes — G0 to each run's start, a G4 pierce dwell before a cut's first pass
 * (a full stop: the emitted M3 … G4 … M4 all synchronise), the passes, a rapid back between passes of an open
 * run — through the ported motion control. A planner that starts empty has no memory, so the passes over a
 * shape that start from rest (after the pierce stop) are planned once per shape, feed and passes and replayed:
 * slot 0 holds the stretch left open, the next blocks then planned onto its buffer exactly as they would have
 * been; when the next thing is a full stop (the next cut's pierce, the end), slot 1 (no rapid between) or
 * 2 + the rapid's id holds the stretch run through that rapid to the stop.
 */
function replan(p: Prepared, params: MotionParams): MachineTimeResult {
  const motion = new MotionControl(params.settings);
  const data = { cut: lineData(params.cut.feedMmPerMin), score: lineData(params.score.feedMmPerMin) };
  const cache = { cut: stretchesFor(p, 'cut', params.cut), score: stretchesFor(p, 'score', params.score) };
  const pierce = params.pierceS > 0;
  const runs = p.motion.runs;
  let rapidDone = false;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const feed = run.op === 'cut' ? params.cut : params.score;
    if (run.rapidIn && !rapidDone) motion.block(run.rapidIn, run.junctionRapidIn, RAPID);
    if (run.op === 'cut' && pierce) motion.dwell(params.pierceS, 0);
    if (!motion.atRest()) {
      planShape(motion, run.shape, feed.passes, run.junctionFirst, data[run.op]);
      rapidDone = false;
      continue;
    }
    const next = runs[r + 1] as PreparedRun | undefined;
    const toStop = next === undefined || (next.op === 'cut' && pierce);
    const slot = !toStop ? 0 : next?.rapidIn ? next.rapidId + 2 : 1;
    const slots = cache[run.op][run.shape.id];
    let stretch = slots.get(slot);
    if (!stretch) {
      const fresh = new MotionControl(params.settings);
      const open = slots.get(0);
      if (open) fresh.replayStretch(open);
      else planShape(fresh, run.shape, feed.passes, 0, data[run.op]);
      if (!open && slot !== 0) slots.set(0, fresh.captureStretch());
      if (slot > 1) fresh.block(next!.rapidIn!, next!.junctionRapidIn, RAPID);
      if (slot > 0) fresh.drain();
      slots.set(slot, (stretch = fresh.captureStretch()));
    }
    motion.replayStretch(stretch);
    rapidDone = slot > 1;
  }
  return motion.finish();
}

export const defaultTimeModel: MachineTimeModel = new GrblPlannerTimeModel();
