// Parser of the Grbl 1.1 status report `<State|MPos:..|Bf:..|Ln:..|FS:..|Ov:..|Pn:..|A:..|WCO:..>` (the reply to
// `?`). WPos is derived from MPos − WCO (or the reverse) when the firmware sent only one of them; the WCO is
// carried over between reports because Grbl sends it only every 10–30 reports.

export type MachineState = 'Idle' | 'Run' | 'Hold' | 'Jog' | 'Alarm' | 'Door' | 'Check' | 'Home' | 'Sleep';
const STATES: readonly MachineState[] = ['Idle', 'Run', 'Hold', 'Jog', 'Alarm', 'Door', 'Check', 'Home', 'Sleep'];

export type Axes = [number, number, number];

export interface StatusReport {
  state: MachineState;
  /** Hold:0 complete / Hold:1 decelerating; Door:0..3. */
  subState?: number;
  mpos?: Axes;
  wpos?: Axes;
  wco?: Axes;
  /** Bf: planner blocks free, RX bytes free. */
  buffer?: { blocksFree: number; rxFree: number };
  /** Ln: line number being executed (N word). */
  lineNumber?: number;
  feed?: number;
  spindle?: number;
  /** Ov: feed, rapid, spindle (laser power) overrides in percent. */
  overrides?: { feed: number; rapid: number; spindle: number };
  /** Pn: input pins triggered (X Y Z limits, P probe, D door, H hold, R reset, S start). */
  pins: string;
  /** A: accessory state — S spindle CW, C CCW, F flood, M mist. */
  accessories?: { spindleCw: boolean; spindleCcw: boolean; flood: boolean; mist: boolean };
}

export class GrblParseError extends Error {
  constructor(message: string, readonly line: string) {
    super(`${message}: "${line}"`);
    this.name = 'GrblParseError';
  }
}

function numbers(text: string, count: number, line: string): number[] {
  const parts = text.split(',');
  const nums = parts.map(Number);
  if (parts.length < count || nums.some((n) => !Number.isFinite(n))) throw new GrblParseError(`expected ${count} numbers in "${text}"`, line);
  return nums;
}

function axes(text: string, line: string): Axes {
  const n = numbers(text, 3, line);
  return [n[0], n[1], n[2]];
}

/** True for a line that looks like a status report. */
export function isStatusReport(line: string): boolean {
  return line.startsWith('<') && line.endsWith('>');
}

/** Parses one status report; `previousWco` fills in WPos when the report carries only MPos. */
export function parseStatusReport(line: string, previousWco?: Axes): StatusReport {
  if (!isStatusReport(line)) throw new GrblParseError('not a status report', line);
  const fields = line.slice(1, -1).split('|');
  const [stateName, sub] = fields[0].split(':');
  const state = STATES.find((s) => s === stateName);
  if (!state) throw new GrblParseError(`unknown machine state "${stateName}"`, line);
  const report: StatusReport = { state, pins: '' };
  if (sub !== undefined) report.subState = Number(sub);
  for (const field of fields.slice(1)) {
    const colon = field.indexOf(':');
    const key = colon < 0 ? field : field.slice(0, colon);
    const value = colon < 0 ? '' : field.slice(colon + 1);
    switch (key) {
      case 'MPos': report.mpos = axes(value, line); break;
      case 'WPos': report.wpos = axes(value, line); break;
      case 'WCO': report.wco = axes(value, line); break;
      case 'Bf': {
        const [blocksFree, rxFree] = numbers(value, 2, line);
        report.buffer = { blocksFree, rxFree };
        break;
      }
      case 'Ln': report.lineNumber = numbers(value, 1, line)[0]; break;
      case 'F': report.feed = numbers(value, 1, line)[0]; break;
      case 'FS': {
        const [feed, spindle] = numbers(value, 2, line);
        report.feed = feed;
        report.spindle = spindle;
        break;
      }
      case 'Ov': {
        const [feed, rapid, spindle] = numbers(value, 3, line);
        report.overrides = { feed, rapid, spindle };
        break;
      }
      case 'Pn': report.pins = value; break;
      case 'A': report.accessories = {
        spindleCw: value.includes('S'), spindleCcw: value.includes('C'), flood: value.includes('F'), mist: value.includes('M'),
      }; break;
      default: break; // future fields are ignored, as the Grbl interface document asks of GUIs
    }
  }
  const wco = report.wco ?? previousWco;
  if (wco && report.mpos && !report.wpos) report.wpos = sub3(report.mpos, wco);
  if (wco && report.wpos && !report.mpos) report.mpos = add3(report.wpos, wco);
  return report;
}

function sub3(a: Axes, b: Axes): Axes {
  return [round(a[0] - b[0]), round(a[1] - b[1]), round(a[2] - b[2])];
}
function add3(a: Axes, b: Axes): Axes {
  return [round(a[0] + b[0]), round(a[1] + b[1]), round(a[2] + b[2])];
}
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Formats a report the way Grbl 1.1 does (used by the emulator and by tests). */
export function formatStatusReport(r: StatusReport): string {
  const parts: string[] = [r.subState !== undefined ? `${r.state}:${r.subState}` : r.state];
  const f3 = (a: Axes) => a.map((v) => v.toFixed(3)).join(',');
  if (r.mpos) parts.push(`MPos:${f3(r.mpos)}`);
  else if (r.wpos) parts.push(`WPos:${f3(r.wpos)}`);
  if (r.buffer) parts.push(`Bf:${r.buffer.blocksFree},${r.buffer.rxFree}`);
  if (r.lineNumber !== undefined) parts.push(`Ln:${r.lineNumber}`);
  if (r.feed !== undefined) parts.push(r.spindle !== undefined ? `FS:${r.feed},${r.spindle}` : `F:${r.feed}`);
  if (r.pins) parts.push(`Pn:${r.pins}`);
  if (r.wco) parts.push(`WCO:${f3(r.wco)}`);
  if (r.overrides) parts.push(`Ov:${r.overrides.feed},${r.overrides.rapid},${r.overrides.spindle}`);
  if (r.accessories) {
    const a = r.accessories;
    const s = `${a.spindleCw ? 'S' : ''}${a.spindleCcw ? 'C' : ''}${a.flood ? 'F' : ''}${a.mist ? 'M' : ''}`;
    if (s) parts.push(`A:${s}`);
  }
  return `<${parts.join('|')}>`;
}
