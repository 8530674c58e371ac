// GRBL's mc_arc (motion_control.c): how an arc becomes straight planner blocks. The segment count comes from
// the arc tolerance $12 (chord sagitta), and the points are produced by the firmware's small-angle rotation
// (third-order sin/cos approximation) with an exact trig correction every N_ARC_CORRECTION segments, so the
// block lengths and corner angles the planner sees are the ones the firmware sees.

export const N_ARC_CORRECTION = 12;
export const ARC_ANGULAR_TRAVEL_EPSILON = 5e-7;

export interface ArcRequest {
  /** Current position (machine mm, 3 axes). */
  position: readonly number[];
  /** End point (machine mm, 3 axes). */
  target: readonly number[];
  /** Centre offset from the current position (I, J, K in machine mm). */
  offset: readonly number[];
  radius: number;
  axis0: number;
  axis1: number;
  axisLinear: number;
  clockwise: boolean;
  arcToleranceMm: number;
}

/** Signed angular travel of the arc (radians, + = counter-clockwise), as mc_arc corrects atan2 by direction. */
export function arcAngularTravel(req: ArcRequest): number {
  const { position, target, offset, axis0, axis1 } = req;
  const c0 = position[axis0] + offset[axis0];
  const c1 = position[axis1] + offset[axis1];
  const r0 = -offset[axis0];
  const r1 = -offset[axis1];
  const rt0 = target[axis0] - c0;
  const rt1 = target[axis1] - c1;
  let travel = Math.atan2(r0 * rt1 - r1 * rt0, r0 * rt0 + r1 * rt1);
  if (req.clockwise) {
    if (travel >= -ARC_ANGULAR_TRAVEL_EPSILON) travel -= 2 * Math.PI;
  } else if (travel <= ARC_ANGULAR_TRAVEL_EPSILON) {
    travel += 2 * Math.PI;
  }
  return travel;
}

/** Number of chords mc_arc uses: floor(|½·θ·r| / √(tol·(2r − tol))); the last point is the exact target. */
export function arcSegmentCount(angularTravel: number, radius: number, arcToleranceMm: number): number {
  const n = Math.floor(Math.abs(0.5 * angularTravel * radius) / Math.sqrt(arcToleranceMm * (2 * radius - arcToleranceMm)));
  // The firmware keeps it in a uint16_t.
  return Number.isFinite(n) && n > 0 ? Math.min(n, 0xffff) : 0;
}

/**
 * Calls `emit` with every intermediate chord end point and finally with the target itself (one array, reused:
 * copy a point to keep it). Returns the segment count mc_arc computed (0 means a single straight move to the
 * target), which inverse-time feed needs.
 */
export function segmentArc(req: ArcRequest, emit: (point: readonly number[]) => void): number {
  const { target, offset, axis0, axis1, axisLinear } = req;
  const pos = [...req.position];
  const c0 = pos[axis0] + offset[axis0];
  const c1 = pos[axis1] + offset[axis1];
  let r0 = -offset[axis0];
  let r1 = -offset[axis1];
  const travel = arcAngularTravel(req);
  const segments = arcSegmentCount(travel, req.radius, req.arcToleranceMm);
  if (segments) {
    const thetaPerSegment = travel / segments;
    const linearPerSegment = (target[axisLinear] - pos[axisLinear]) / segments;
    let cosT = 2.0 - thetaPerSegment * thetaPerSegment;
    const sinT = thetaPerSegment * 0.16666667 * (cosT + 4.0);
    cosT *= 0.5;
    let count = 0;
    for (let i = 1; i < segments; i++) {
      if (count < N_ARC_CORRECTION) {
        const ri = r0 * sinT + r1 * cosT;
        r0 = r0 * cosT - r1 * sinT;
        r1 = ri;
        count++;
      } else {
        const cosTi = Math.cos(i * thetaPerSegment);
        const sinTi = Math.sin(i * thetaPerSegment);
        r0 = -offset[axis0] * cosTi + offset[axis1] * sinTi;
        r1 = -offset[axis0] * sinTi - offset[axis1] * cosTi;
        count = 0;
      }
      pos[axis0] = c0 + r0;
      pos[axis1] = c1 + r1;
      pos[axisLinear] += linearPerSegment;
      emit(pos);
    }
  }
  emit(target);
  return segments;
}
