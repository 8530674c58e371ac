// The reference the fast time model is tested against: the plan driven through the ported motion control one
// move at a time (mc_line / mc_arc from absolute targets, G4 pierce dwell, passes repeated), with no
// preparation, shape sharing or replay — what the model did before those existed, and what the G-code does.
import { segStart } from '../../geometry/segments';
import { MotionControl } from '../../planner/motion';
import type { MotionPlan } from '../order';
import { arcRequest } from '../prepared-motion';
import type { MachineTimeResult, MotionParams } from '../time-model';

export function fullReplan(plan: MotionPlan, params: MotionParams): MachineTimeResult {
  const motion = new MotionControl(params.settings);
  const rapid = { feedRate: 0, rapid: true, inverseTime: false, tag: { line: 0, cut: false } };
  for (const run of plan.runs) {
    const feed = run.op === 'cut' ? params.cut : params.score;
    const data = { feedRate: feed.feedMmPerMin, rapid: false, inverseTime: false, tag: { line: 0, cut: true } };
    for (let pass = 0; pass < feed.passes; pass++) {
      const start = segStart(run.segments[0]);
      motion.line([start.x, start.y, 0], rapid);
      if (pass === 0 && run.op === 'cut' && params.pierceS > 0) motion.dwell(params.pierceS, 0);
      for (const s of run.segments) {
        if (s.kind === 'line') {
          motion.line([s.b.x, s.b.y, 0], data);
          continue;
        }
        const [x, y] = motion.position();
        motion.arc(arcRequest(s, x, y, params.settings.arcToleranceMm), data);
      }
    }
  }
  return motion.finish();
}

/** Relative difference of every total (the model sums repeated stretches once, so the last bits may differ). */
export function maxRelativeDifference(a: MachineTimeResult, b: MachineTimeResult): number {
  let worst = 0;
  for (const k of Object.keys(a) as (keyof MachineTimeResult)[]) {
    const d = Math.abs(a[k] - b[k]);
    if (d > 0) worst = Math.max(worst, d / Math.max(Math.abs(a[k]), Math.abs(b[k])));
  }
  return worst;
}
