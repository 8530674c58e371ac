// GRBL 1.1 machine settings that drive the time model, how to read them from a `$$` dump or a short
// `$110=6000,$120=1000` list, and the firmware defaults (grbl defaults.h, DEFAULTS_GENERIC) for the rest.
// Values are kept in the units the user types ($110 mm/min, $120 mm/s²); the planner converts to its own units.

export interface GrblSettings {
  /** $1 step idle delay, ms. 255 keeps the motors enabled (no delay). */
  stepIdleDelayMs: number;
  /** $11 junction deviation, mm. */
  junctionDeviationMm: number;
  /** $12 arc tolerance, mm. */
  arcToleranceMm: number;
  /** $30 maximum spindle speed (laser: S value for 100 % power). */
  spindleMax: number;
  /** $31 minimum spindle speed. */
  spindleMin: number;
  /** $32 laser mode. */
  laserMode: boolean;
  /** $100-$102 steps per mm, X Y Z. */
  stepsPerMm: [number, number, number];
  /** $110-$112 maximum rate, mm/min, X Y Z. */
  maxRateMmPerMin: [number, number, number];
  /** $120-$122 acceleration, mm/s², X Y Z. */
  accelerationMmPerS2: [number, number, number];
}

/** Firmware defaults of GRBL 1.1h (defaults.h, generic profile). */
export const GRBL_DEFAULT_SETTINGS: Readonly<GrblSettings> = Object.freeze({
  stepIdleDelayMs: 25,
  junctionDeviationMm: 0.01,
  arcToleranceMm: 0.002,
  spindleMax: 1000,
  spindleMin: 0,
  laserMode: false,
  stepsPerMm: [250, 250, 250],
  maxRateMmPerMin: [500, 500, 500],
  accelerationMmPerS2: [10, 10, 10],
}) as Readonly<GrblSettings>;

/** The settings numbers the time model reads, and where each goes. */
const SETTING_KEYS: Record<number, (s: GrblSettings, v: number) => void> = {
  1: (s, v) => (s.stepIdleDelayMs = v),
  11: (s, v) => (s.junctionDeviationMm = v),
  12: (s, v) => (s.arcToleranceMm = v),
  30: (s, v) => (s.spindleMax = v),
  31: (s, v) => (s.spindleMin = v),
  32: (s, v) => (s.laserMode = v !== 0),
  100: (s, v) => (s.stepsPerMm[0] = v),
  101: (s, v) => (s.stepsPerMm[1] = v),
  102: (s, v) => (s.stepsPerMm[2] = v),
  110: (s, v) => (s.maxRateMmPerMin[0] = v),
  111: (s, v) => (s.maxRateMmPerMin[1] = v),
  112: (s, v) => (s.maxRateMmPerMin[2] = v),
  120: (s, v) => (s.accelerationMmPerS2[0] = v),
  121: (s, v) => (s.accelerationMmPerS2[1] = v),
  122: (s, v) => (s.accelerationMmPerS2[2] = v),
};

export class GrblSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrblSettingsError';
  }
}

export function cloneSettings(s: Readonly<GrblSettings>): GrblSettings {
  return {
    ...s,
    stepsPerMm: [...s.stepsPerMm],
    maxRateMmPerMin: [...s.maxRateMmPerMin],
    accelerationMmPerS2: [...s.accelerationMmPerS2],
  };
}

/**
 * Reads `$N=V` pairs separated by commas, semicolons or new lines (a pasted `$$` dump works, including
 * trailing `(comments)` and `ok` lines). Settings the time model does not use are ignored; malformed pairs and
 * out-of-range values of the ones it uses throw with the offending text.
 */
export function parseGrblSettings(text: string, base: Readonly<GrblSettings> = GRBL_DEFAULT_SETTINGS): GrblSettings {
  const out = cloneSettings(base);
  const items = text.split(/[,;\r\n]+/).map((t) => t.replace(/\(.*?\)/g, '').trim()).filter((t) => t.length > 0);
  for (const item of items) {
    if (/^(ok|\[.*\]|grbl.*)$/i.test(item)) continue;
    const m = /^\$(\d+)\s*=\s*(-?\d+(?:\.\d*)?|-?\.\d+)$/.exec(item);
    if (!m) throw new GrblSettingsError(`not a GRBL setting: "${item}" (expected $N=VALUE)`);
    const key = Number(m[1]);
    const value = Number(m[2]);
    const apply = SETTING_KEYS[key];
    if (!apply) continue;
    apply(out, value);
  }
  validateSettings(out);
  return out;
}

/** Throws on values the firmware would reject or that make the model meaningless (zero rates, accelerations). */
export function validateSettings(s: GrblSettings): void {
  const positive: [string, number][] = [
    ['$11', s.junctionDeviationMm],
    ['$12', s.arcToleranceMm],
    ['$100', s.stepsPerMm[0]],
    ['$101', s.stepsPerMm[1]],
    ['$102', s.stepsPerMm[2]],
    ['$110', s.maxRateMmPerMin[0]],
    ['$111', s.maxRateMmPerMin[1]],
    ['$112', s.maxRateMmPerMin[2]],
    ['$120', s.accelerationMmPerS2[0]],
    ['$121', s.accelerationMmPerS2[1]],
    ['$122', s.accelerationMmPerS2[2]],
  ];
  for (const [name, v] of positive) {
    if (!(Number.isFinite(v) && v > 0)) throw new GrblSettingsError(`${name} must be a positive number, got ${v}`);
  }
  if (!(Number.isInteger(s.stepIdleDelayMs) && s.stepIdleDelayMs >= 0 && s.stepIdleDelayMs <= 255)) {
    throw new GrblSettingsError(`$1 must be an integer 0-255 (ms), got ${s.stepIdleDelayMs}`);
  }
  if (!(s.spindleMax > s.spindleMin && s.spindleMin >= 0)) {
    throw new GrblSettingsError(`$30 (${s.spindleMax}) must be greater than $31 (${s.spindleMin}) >= 0`);
  }
}
