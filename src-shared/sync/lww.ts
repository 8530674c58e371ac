// Per-field last-writer-wins merge of a record: each field carries the hybrid logical clock of its last write and
// the greater clock wins (ties are impossible across devices: the clock string ends with the device id). The
// merge is commutative, associative and idempotent, so every replica that has seen the same writes holds the same
// record whatever the order and number of deliveries.
import { compareHlc } from './hlc';

export type Fields = Record<string, unknown>;
export type Clocks = Record<string, string>;

export interface LwwRecord {
  fields: Fields;
  clocks: Clocks;
}

export const emptyRecord = (): LwwRecord => ({ fields: {}, clocks: {} });

/** Merges `incoming` into `base`; returns a new record and the names of the fields that changed. */
export function mergeLww(base: LwwRecord, incoming: LwwRecord): { record: LwwRecord; changed: string[] } {
  const fields: Fields = { ...base.fields };
  const clocks: Clocks = { ...base.clocks };
  const changed: string[] = [];
  for (const key of Object.keys(incoming.clocks).sort()) {
    const clock = incoming.clocks[key];
    const current = clocks[key];
    if (current !== undefined && compareHlc(current, clock) >= 0) continue;
    clocks[key] = clock;
    fields[key] = incoming.fields[key] ?? null;
    changed.push(key);
  }
  return { record: { fields, clocks }, changed };
}

/** Every field of `fields` written at one clock (one local edit). */
export function stamp(fields: Fields, clock: string): LwwRecord {
  const clocks: Clocks = {};
  for (const key of Object.keys(fields)) clocks[key] = clock;
  return { fields: { ...fields }, clocks };
}

/** The greatest clock in a record (to advance a local HLC after a pull). */
export function maxClock(r: LwwRecord): string | null {
  let max: string | null = null;
  for (const c of Object.values(r.clocks)) if (max === null || compareHlc(c, max) > 0) max = c;
  return max;
}
