// The velocity profile GRBL's stepper prep (stepper.c, st_prep_buffer) builds for one planner block from its
// entry speed, the next block's entry speed (its exit) and its nominal speed: acceleration-only, deceleration-
// only, trapezoid (accelerate, cruise, decelerate) or triangle, and how long each ramp takes. The firmware
// integrates the same ramps in DT_SEGMENT slices whose ends it closes with t = 2·d/(v0+v1), so the analytic
// times below match it to well under a step period per block. Units: mm, mm/min, mm/min², minutes.

export type ProfileShape = 'accel' | 'decel' | 'trapezoid' | 'triangle' | 'cruise';

export interface BlockProfile {
  shape: ProfileShape;
  /** Distances of the three ramps, mm. */
  accelMm: number;
  cruiseMm: number;
  decelMm: number;
  /** Highest speed reached, mm/min. */
  peakSpeed: number;
  /** Duration, minutes. */
  timeMin: number;
}

/** Time to cover d between speeds v0 and v1 at constant acceleration (the stepper's ramp-end formula). */
function rampTime(d: number, v0: number, v1: number): number {
  return d > 0 ? (2 * d) / (v0 + v1) : 0;
}

/**
 * Profile of a block of `mm` millimetres with acceleration `accel`, entering at √entrySqr, leaving at √exitSqr,
 * never faster than `nominal`. Assumes 100 % overrides (entry ≤ nominal, which the planner guarantees).
 */
export function blockProfile(mm: number, accel: number, entrySqr: number, exitSqr: number, nominal: number): BlockProfile {
  return blockProfileInto({ shape: 'cruise', accelMm: 0, cruiseMm: 0, decelMm: 0, peakSpeed: 0, timeMin: 0 }, mm, accel, entrySqr, exitSqr, nominal);
}

function set(out: BlockProfile, shape: ProfileShape, accelMm: number, cruiseMm: number, decelMm: number, peakSpeed: number, timeMin: number): BlockProfile {
  out.shape = shape;
  out.accelMm = accelMm;
  out.cruiseMm = cruiseMm;
  out.decelMm = decelMm;
  out.peakSpeed = peakSpeed;
  out.timeMin = timeMin;
  return out;
}

/** blockProfile written into `out` (the executor runs it for every block; no allocation). */
export function blockProfileInto(out: BlockProfile, mm: number, accel: number, entrySqr: number, exitSqr: number, nominal: number): BlockProfile {
  const inv2Accel = 0.5 / accel;
  const entry = Math.sqrt(entrySqr);
  const exit = Math.sqrt(exitSqr);
  const nominalSqr = nominal * nominal;
  const intersect = 0.5 * (mm + inv2Accel * (entrySqr - exitSqr));
  if (intersect > 0) {
    if (intersect < mm) {
      const decelerateAfter = inv2Accel * (nominalSqr - exitSqr);
      if (decelerateAfter < intersect) {
        const accelMm = entrySqr === nominalSqr ? 0 : inv2Accel * (nominalSqr - entrySqr);
        const cruiseMm = mm - accelMm - decelerateAfter;
        const timeMin = rampTime(accelMm, entry, nominal) + cruiseMm / nominal + rampTime(decelerateAfter, nominal, exit);
        return set(out, accelMm === 0 && decelerateAfter === 0 ? 'cruise' : 'trapezoid', accelMm, cruiseMm, decelerateAfter, nominal, timeMin);
      }
      const peak = Math.sqrt(2 * accel * intersect + exitSqr);
      const accelMm = mm - intersect;
      return set(out, 'triangle', accelMm, 0, intersect, peak, rampTime(accelMm, entry, peak) + rampTime(intersect, peak, exit));
    }
    return set(out, 'decel', 0, 0, mm, entry, rampTime(mm, entry, exit));
  }
  return set(out, 'accel', mm, 0, 0, exit, rampTime(mm, entry, exit));
}
