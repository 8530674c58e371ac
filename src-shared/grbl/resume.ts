// Where to resume a job after the link to the machine was lost, and the preamble that restores the modal state
// there. Grbl acknowledges a line when it enters the planner, not when it has run, and the planner holds up to
// 16 blocks: so the last line surely executed is at most 16 motion lines before the last acknowledged one. We
// back up that far, then re-establish units, distance mode, work offset, feed, laser mode/power and position (a
// laser-off G0 to where the resumed line starts) from the lines before it.

export const PLANNER_BLOCKS = 16;

/** A line that adds a motion block: has axis words and is not a coordinate-setting or homing command. */
function isMotion(line: string): boolean {
  return /[XYZ][-+.\d]/.test(line) && !/G(?:10|28|30|92)(?!\d)/.test(line);
}

export interface ResumePlan {
  /** 0-based index of the first line to stream again. */
  fromLine: number;
  /** Lines to send (send-response) before streaming from `fromLine`. */
  preamble: string[];
}

interface Modal {
  motion: string;
  units: string;
  distance: string;
  wcs: string;
  feedMode: string;
  spindle: string;
  coolant: string;
  feed?: string;
  power?: string;
  pos: { X: number; Y: number; Z: number };
}

function words(line: string): [string, string][] {
  return [...line.matchAll(/([A-Z])([-+]?(?:\d+\.?\d*|\.\d+))/g)].map((m) => [m[1], m[2]]);
}

function track(m: Modal, line: string): void {
  const w = words(line);
  let hasAxis = false;
  let g53 = false;
  const targets: Partial<Record<'X' | 'Y' | 'Z', number>> = {};
  for (const [l, v] of w) {
    const n = Number(v);
    if (l === 'G') {
      if ([0, 1, 2, 3].includes(n)) m.motion = `G${n}`;
      else if (n === 20 || n === 21) m.units = `G${n}`;
      else if (n === 90 || n === 91) m.distance = `G${n}`;
      else if (n >= 54 && n <= 59) m.wcs = `G${n}`;
      else if (n === 93 || n === 94) m.feedMode = `G${n}`;
      else if (n === 53) g53 = true;
    } else if (l === 'M') {
      if (n === 3 || n === 4 || n === 5) m.spindle = `M${n}`;
      else if (n === 7 || n === 8 || n === 9) m.coolant = `M${n}`;
    } else if (l === 'F') m.feed = v;
    else if (l === 'S') m.power = v;
    else if (l === 'X' || l === 'Y' || l === 'Z') {
      hasAxis = true;
      targets[l] = n;
    }
  }
  if (hasAxis && !g53) {
    for (const axis of ['X', 'Y', 'Z'] as const) {
      const t = targets[axis];
      if (t !== undefined) m.pos[axis] = m.distance === 'G91' ? m.pos[axis] + t : t;
    }
  }
}

/** Counts back PLANNER_BLOCKS motion lines from the last acknowledged line (exclusive end index). */
export function safeResumeLine(lines: readonly string[], ackedLines: number): number {
  let motions = 0;
  let i = Math.min(ackedLines, lines.length);
  while (i > 0 && motions < PLANNER_BLOCKS) {
    i -= 1;
    if (isMotion(lines[i])) motions += 1;
  }
  return i;
}

/** Plans a resume: the safe line plus the preamble restoring the state the job had there. */
export function planResume(lines: readonly string[], ackedLines: number): ResumePlan {
  const fromLine = safeResumeLine(lines, ackedLines);
  const m: Modal = { motion: 'G0', units: 'G21', distance: 'G90', wcs: 'G54', feedMode: 'G94', spindle: 'M5', coolant: 'M9', pos: { X: 0, Y: 0, Z: 0 } };
  for (let i = 0; i < fromLine; i++) track(m, lines[i]);
  const preamble = [
    `${m.units}${m.wcs}${m.feedMode}`,
    'M5',
    `G90G0X${m.pos.X.toFixed(3)}Y${m.pos.Y.toFixed(3)}`,
    m.distance,
    m.coolant,
  ];
  if (m.feed) preamble.push(`F${m.feed}`);
  if (m.spindle !== 'M5') preamble.push(`${m.spindle}S${m.power ?? '0'}`);
  preamble.push(m.motion);
  return { fromLine, preamble };
}
