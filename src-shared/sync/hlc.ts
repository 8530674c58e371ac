// Hybrid logical clocks (Kulkarni et al., 2014) for last-writer-wins merges. A timestamp is wall milliseconds +
// a counter + the node (device) id, encoded as a fixed-width string so plain string order is clock order. A
// device's clock never goes backwards (its own edits stay in order when the wall clock jumps back a day), and it
// moves past every clock it has seen (an edit made after pulling someone else's edit always wins), which is what
// makes LWW safe under ±1 day device skew. Hand-written because it is ~40 lines and must stay pure/deterministic.

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_WIDTH = 9; // base 36: enough for ms until the year 5188
const COUNTER_WIDTH = 5; // base 36: 60 million events within one millisecond
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
const HLC_PATTERN = /^[0-9a-z]{9}:[0-9a-z]{5}:[A-Za-z0-9-]{1,64}$/;

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString(36).padStart(WALL_WIDTH, '0')}:${h.counter.toString(36).padStart(COUNTER_WIDTH, '0')}:${h.node}`;
}

export function isHlc(s: string): boolean {
  return HLC_PATTERN.test(s);
}

function assertHlc(s: string): void {
  if (!isHlc(s)) throw new RangeError(`not a hybrid logical clock: "${s.slice(0, 80)}"`);
}

export function decodeHlc(s: string): Hlc {
  assertHlc(s);
  const [wall, counter, node] = s.split(':');
  return { wall: parseInt(wall, 36), counter: parseInt(counter, 36), node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function advance(wall: number, counter: number, node: string): Hlc {
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node };
  return { wall, counter, node };
}

/** The clock for a local event at wall time `nowMs`. */
export function tickHlc(last: Hlc, nowMs: number): Hlc {
  const wall = Math.max(last.wall, Math.floor(nowMs));
  return advance(wall, wall === last.wall ? last.counter + 1 : 0, last.node);
}

/** The local clock after seeing a remote timestamp (pull): never behind anything observed. */
export function receiveHlc(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  const now = Math.floor(nowMs);
  const wall = Math.max(last.wall, remote.wall, now);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return advance(wall, counter, last.node);
}

export function initialHlc(node: string): Hlc {
  return { wall: 0, counter: 0, node };
}

/** How far a clock is ahead of a reference wall time, in ms (negative when behind). Reads only the wall part. */
export function hlcDriftMs(h: string, nowMs: number): number {
  assertHlc(h);
  return parseInt(h.slice(0, WALL_WIDTH), 36) - nowMs;
}
