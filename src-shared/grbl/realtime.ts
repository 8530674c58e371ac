// Grbl 1.1 realtime command bytes: picked out of the serial stream by the firmware the moment they arrive, so
// they never take room in the RX buffer and never get an `ok`. Written alone, never inside a line.

export const REALTIME = {
  statusQuery: '?',
  feedHold: '!',
  cycleStart: '~',
  softReset: '\x18',
  safetyDoor: '\x84',
  jogCancel: '\x85',
  feedOverrideReset: '\x90',
  feedOverridePlus10: '\x91',
  feedOverrideMinus10: '\x92',
  feedOverridePlus1: '\x93',
  feedOverrideMinus1: '\x94',
  rapidOverride100: '\x95',
  rapidOverride50: '\x96',
  rapidOverride25: '\x97',
  spindleOverrideReset: '\x99',
  spindleOverridePlus10: '\x9A',
  spindleOverrideMinus10: '\x9B',
  spindleOverridePlus1: '\x9C',
  spindleOverrideMinus1: '\x9D',
  spindleStop: '\x9E',
  floodToggle: '\xA0',
  mistToggle: '\xA1',
} as const;

export type RealtimeName = keyof typeof REALTIME;

const REALTIME_BYTES = new Set<number>(Object.values(REALTIME).map((c) => c.charCodeAt(0)));

/** True when the firmware would treat this byte as a realtime command instead of line text. */
export function isRealtimeByte(byte: number): boolean {
  return REALTIME_BYTES.has(byte) || byte >= 0x80;
}

/** Bytes of a realtime command, ready to write to the port (one byte, latin1). */
export function realtimeByte(name: RealtimeName): number {
  return REALTIME[name].charCodeAt(0);
}

export type OverrideKind = 'feed' | 'rapid' | 'power';

/**
 * The realtime bytes that move an override from `current` to `target` percent. Feed and power go in ±10/±1
 * steps from a reset to 100 (limits 10–200 %); rapid has only 25/50/100.
 */
export function overrideBytes(kind: OverrideKind, target: number, current = 100): number[] {
  if (kind === 'rapid') {
    const name: RealtimeName = target >= 100 ? 'rapidOverride100' : target >= 50 ? 'rapidOverride50' : 'rapidOverride25';
    return [realtimeByte(name)];
  }
  const clamped = Math.round(Math.min(200, Math.max(10, target)));
  const prefix = kind === 'feed' ? 'feedOverride' : 'spindleOverride';
  const out: number[] = [];
  let at = current;
  if (Math.abs(clamped - 100) < Math.abs(clamped - current)) {
    out.push(realtimeByte(`${prefix}Reset` as RealtimeName));
    at = 100;
  }
  while (at !== clamped) {
    const diff = clamped - at;
    const step = Math.abs(diff) >= 10 ? 10 : 1;
    const up = diff > 0;
    out.push(realtimeByte(`${prefix}${up ? 'Plus' : 'Minus'}${step}` as RealtimeName));
    at += up ? step : -step;
  }
  return out;
}
