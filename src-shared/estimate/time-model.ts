// The seam between the estimate and the machine time model. The estimate hands over an ordered motion plan and
// the feeds; a MachineTimeModel turns them into seconds. The default model drives the GRBL 1.1 planner port
// (src-shared/planner: mc_line / mc_arc with $12 arc splitting, 16-block look-ahead, junction deviation,
// dwells with the $1 idle delay) exactly as the generated G-code would: G0 to each run's start, a G4 pierce dwell
// for cuts, then G1/G2/G3 at the preset feed, passes repeated in place. Results are memoised per plan and
// parameters, so re-quotes that keep the feeds (a colour or price change) do not re-run the planner.
import { segEnd, segStart } from '../geometry/segments';
import { MotionControl, type MotionTotals } from '../planner/motion';
import type { GrblSettings } from '../planner/settings';
import type { MotionPlan } from './order';

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

export class GrblPlannerTimeModel implements MachineTimeModel {
  readonly name = 'grbl-1.1-planner';
  private readonly memo = new WeakMap<MotionPlan, Map<string, MachineTimeResult>>();

  time(plan: MotionPlan, params: MotionParams): MachineTimeResult {
    const key = JSON.stringify(params);
    let byParams = this.memo.get(plan);
    if (!byParams) this.memo.set(plan, (byParams = new Map()));
    const hit = byParams.get(key);
    if (hit) return hit;
    const result = runPlanner(plan, params);
    byParams.set(key, result);
    return result;
  }
}

function runPlanner(plan: MotionPlan, params: MotionParams): MachineTimeResult {
  const motion = new MotionControl(params.settings);
  const rapid = { feedRate: 0, rapid: true, inverseTime: false, tag: { line: 0, cut: false } };
  let line = 0;
  for (const run of plan.runs) {
    const feed = run.op === 'cut' ? params.cut : params.score;
    const data = { feedRate: feed.feedMmPerMin, rapid: false, inverseTime: false, tag: { line, cut: true } };
    for (let pass = 0; pass < feed.passes; pass++) {
      const start = segStart(run.segments[0]);
      motion.line([start.x, start.y, 0], { ...rapid, tag: { line, cut: false } });
      if (pass === 0 && run.op === 'cut' && params.pierceS > 0) motion.dwell(params.pierceS, line);
      for (const s of run.segments) {
        if (s.kind === 'line') {
          motion.line([s.b.x, s.b.y, 0], data);
          continue;
        }
        const [x, y] = motion.position();
        const end = segEnd(s);
        const fullCircle = Math.abs(s.sweep) >= 2 * Math.PI - 1e-9;
        motion.arc(
          {
            position: [x, y, 0],
            target: fullCircle ? [x, y, 0] : [end.x, end.y, 0],
            offset: [s.center.x - x, s.center.y - y, 0],
            radius: s.radius,
            axis0: 0,
            axis1: 1,
            axisLinear: 2,
            clockwise: s.sweep < 0,
            arcToleranceMm: params.settings.arcToleranceMm,
          },
          data,
        );
      }
    }
    line++;
  }
  return motion.finish();
}

export const defaultTimeModel: MachineTimeModel = new GrblPlannerTimeModel();
