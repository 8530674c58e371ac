// Character-counting stream planner (the Grbl wiki's "aggressive" streaming protocol) as pure state: every line
// sent adds its length + 1 (the '\n') to the bytes in flight; every `ok`/`error:N` removes the oldest line. A line
// may be sent only while the bytes in flight stay within the RX buffer's usable size (Grbl reports RX_BUFFER_SIZE
// in [OPT:], its ring buffer holds one byte less). Immutable so the driver can test decisions before acting.

export const DEFAULT_RX_BUFFER_SIZE = 128;

export interface CharCounter {
  /** Usable bytes: RX buffer size from [OPT:] − 1. */
  readonly capacity: number;
  /** Byte counts (length + 1) of lines sent and not yet acknowledged, oldest first. */
  readonly inFlight: readonly number[];
  readonly used: number;
}

export function createCharCounter(rxBufferSize = DEFAULT_RX_BUFFER_SIZE): CharCounter {
  if (!Number.isInteger(rxBufferSize) || rxBufferSize < 2) throw new RangeError(`RX buffer size must be an integer ≥ 2, got ${rxBufferSize}`);
  return { capacity: rxBufferSize - 1, inFlight: [], used: 0 };
}

/** Bytes a line takes in the RX buffer (its text plus the newline). */
export function lineCost(line: string): number {
  return line.length + 1;
}

/** True when a line of this text fits now. A line longer than the whole buffer never fits. */
export function canSend(c: CharCounter, line: string): boolean {
  return c.used + lineCost(line) <= c.capacity;
}

export function fitsAtAll(c: CharCounter, line: string): boolean {
  return lineCost(line) <= c.capacity;
}

export function recordSent(c: CharCounter, line: string): CharCounter {
  if (!canSend(c, line)) throw new RangeError(`line of ${lineCost(line)} bytes does not fit (${c.used}/${c.capacity} in flight)`);
  const cost = lineCost(line);
  return { capacity: c.capacity, inFlight: [...c.inFlight, cost], used: c.used + cost };
}

/** An `ok` or `error:N` arrived: the oldest line left the buffer. */
export function recordAck(c: CharCounter): CharCounter {
  if (c.inFlight.length === 0) throw new RangeError('acknowledgement with no line in flight');
  const [first, ...rest] = c.inFlight;
  return { capacity: c.capacity, inFlight: rest, used: c.used - first };
}

export function isIdle(c: CharCounter): boolean {
  return c.inFlight.length === 0;
}
