// The area a G-code program cuts, for framing before a job: the interpreter (so G91, G20, G92 and arcs are
// understood as GRBL understands them) drives a sink that grows a box over every laser-on move, arcs included
// at their true extreme points.
import type { BBox } from '../geometry/types';
import { GcodeInterpreter } from './interpreter';
import type { ArcMove, MotionSink } from './types';

function addArcExtent(box: BBox, arc: ArcMove): void {
  const cx = arc.position[arc.axis0] + arc.offset[0];
  const cy = arc.position[arc.axis1] + arc.offset[1];
  const a0 = Math.atan2(arc.position[arc.axis1] - cy, arc.position[arc.axis0] - cx);
  let a1 = Math.atan2(arc.target[arc.axis1] - cy, arc.target[arc.axis0] - cx);
  // Sweep direction: clockwise arcs run with decreasing angle; equal ends mean a full circle.
  if (arc.clockwise) {
    while (a1 >= a0) a1 -= 2 * Math.PI;
  } else {
    while (a1 <= a0) a1 += 2 * Math.PI;
  }
  const [lo, hi] = arc.clockwise ? [a1, a0] : [a0, a1];
  for (let k = Math.ceil(lo / (Math.PI / 2)); k * (Math.PI / 2) <= hi; k++) {
    const a = k * (Math.PI / 2);
    grow(box, cx + arc.radius * Math.cos(a), cy + arc.radius * Math.sin(a));
  }
  grow(box, arc.target[arc.axis0], arc.target[arc.axis1]);
}

function grow(box: BBox, x: number, y: number): void {
  box.minX = Math.min(box.minX, x);
  box.minY = Math.min(box.minY, y);
  box.maxX = Math.max(box.maxX, x);
  box.maxY = Math.max(box.maxY, y);
}

/** Bounding box (mm, work coordinates) of the laser-on moves, or null when nothing is cut. */
export function gcodeCutExtent(text: string, laserMode = true): BBox | null {
  const box: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  let last: number[] = [0, 0, 0];
  const sink: MotionSink = {
    line(target, move) {
      if (move.cut) {
        grow(box, last[0], last[1]);
        grow(box, target[0], target[1]);
      }
      last = [...target];
      return true;
    },
    arc(arc, move) {
      if (move.cut) {
        grow(box, arc.position[arc.axis0], arc.position[arc.axis1]);
        addArcExtent(box, arc);
      }
      last = [...arc.target];
    },
    sync: () => {},
    dwell: () => {},
    lineDone: () => {},
  };
  const interpreter = new GcodeInterpreter(sink, { laserMode, maxIssues: 0 });
  text.split(/\r\n|\n|\r/).forEach((line, i) => interpreter.executeLine(line, i));
  interpreter.finish();
  return Number.isFinite(box.minX) ? box : null;
}
