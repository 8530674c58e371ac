// Imports the answer of GRBL's `$$` command, pasted by the user, into a machine profile's settings. Unlike the
// planner's short-list reader it keeps every line's number for messages, keeps all settings (also those the time
// model does not use) for display, and says which needed settings the dump lacked. Values are then checked by
// the planner's own validation so both readers accept the same ranges.
import { GRBL_DEFAULT_SETTINGS, GrblSettingsError, validateSettings } from '../planner/settings';
import { fromGrblSettings, grblProfileSettingsSchema, toGrblSettings, type GrblProfileSettings } from './machine-schema';

export interface GrblDumpResult {
  settings: GrblProfileSettings;
  /** Every `$N=value` of the dump, as written. */
  raw: Record<string, string>;
  /** Settings the profile needs that the dump did not contain (they kept the base value). */
  missing: string[];
}

const USED_KEYS = Object.keys(fromGrblSettings(GRBL_DEFAULT_SETTINGS)) as (keyof GrblProfileSettings)[];

/** Lines GRBL prints around a `$$` answer that carry no setting. */
const NOISE = /^(ok|>.*|\[.*\]|<.*>|grbl\b.*|error:\d+.*)$/i;

export class GrblDumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrblDumpError';
  }
}

/**
 * Parses a `$$` dump (one `$N=value` a line, optional `(description)` comments as GRBL 0.9 printed them, `ok`
 * and banner lines ignored). Needed settings missing from the dump keep `base` (default: the firmware defaults).
 * Throws GrblDumpError naming the line for a malformed line or an out-of-range value.
 */
export function parseGrblSettingsDump(text: string, base: GrblProfileSettings = fromGrblSettings(GRBL_DEFAULT_SETTINGS)): GrblDumpResult {
  const raw: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  text.split(/\r\n|\r|\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/\(.*?\)/g, '').trim();
    if (line === '' || NOISE.test(line)) return;
    const m = /^\$(\d+)\s*=\s*(\S*)$/.exec(line);
    if (!m) throw new GrblDumpError(`line ${i + 1}: "${rawLine.trim()}" is not a GRBL setting (expected $N=VALUE)`);
    raw[`$${Number(m[1])}`] = m[2];
    lineOf[`$${Number(m[1])}`] = i + 1;
  });
  if (Object.keys(raw).length === 0) throw new GrblDumpError('no $N=VALUE lines found: paste the answer of the $$ command');

  const settings: GrblProfileSettings = { ...base };
  const missing: string[] = [];
  for (const key of USED_KEYS) {
    const value = raw[key];
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) throw new GrblDumpError(`line ${lineOf[key]}: ${key} must be a number, got "${value}"`);
    (settings as Record<string, number>)[key] = n;
  }
  if (settings.$32 !== 0 && settings.$32 !== 1) {
    throw new GrblDumpError(`line ${lineOf.$32}: $32 (laser mode) must be 0 or 1, got ${settings.$32}`);
  }
  try {
    validateSettings(toGrblSettings(settings));
  } catch (err) {
    if (err instanceof GrblSettingsError) {
      const key = /^\$\d+/.exec(err.message)?.[0];
      throw new GrblDumpError(`${key && lineOf[key] ? `line ${lineOf[key]}: ` : ''}${err.message}`);
    }
    throw err;
  }
  const checked = grblProfileSettingsSchema.safeParse(settings);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const key = String(issue.path[0] ?? '');
    throw new GrblDumpError(`${lineOf[key] ? `line ${lineOf[key]}: ` : ''}${key} ${issue.message}`);
  }
  return { settings: checked.data, raw, missing };
}
