// A G-code interpreter that follows GRBL 1.1's gc_execute_line: the same word and modal-group checks (with the
// firmware's error numbers), the same order of execution, and the same laser-mode rules for when a spindle or
// power change forces the planner to empty (spindle_sync / coolant_sync), because those stops cost real
// machine time. It drives a MotionSink line by line, so a 100k-line file streams through without building a
// program in memory. Work offsets G54-G59 start at zero (their EEPROM values are unknown here); G10 L2/L20 and
// G92 inside the file are honoured.
import { lexLine, GRBL_MAX_STRIPPED_LINE, type GWord } from './lexer';
import { issue, type IssueCode } from './messages';
import type { GcodeIssue, MotionSink, MoveInfo } from './types';

export const MM_PER_INCH = 25.4;
const MAX_LINE_NUMBER = 9999999;
const MAX_TOOL_NUMBER = 255;
const RAW_LINE_WARN = 80;

export interface InterpreterOptions {
  /** $32 */
  laserMode: boolean;
  /** Stop collecting issues after this many (the count keeps going). */
  maxIssues?: number;
}

type Motion = 0 | 1 | 2 | 3 | 38 | 80;
type Spindle = 'off' | 'cw' | 'ccw';
type NonModal = 'none' | 'dwell' | 'g10' | 'g28' | 'g28.1' | 'g30' | 'g30.1' | 'g92' | 'g92.1';
type AxisCommand = 'none' | 'nonmodal' | 'motion';

interface Modal {
  motion: Motion;
  plane: 0 | 1 | 2;
  inches: boolean;
  incremental: boolean;
  inverseTime: boolean;
  spindle: Spindle;
  flood: boolean;
  coordSelect: number;
}

class LineError extends Error {
  constructor(
    readonly code: IssueCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

function fail(code: IssueCode, params: Record<string, string | number> = {}): never {
  throw new LineError(code, params);
}

const PLANE_AXES: readonly (readonly [number, number, number])[] = [
  [0, 1, 2], // G17: X Y, linear Z
  [2, 0, 1], // G18: Z X, linear Y
  [1, 2, 0], // G19: Y Z, linear X
];
const AXIS_LETTERS = ['X', 'Y', 'Z'];
const OFFSET_LETTERS = ['I', 'J', 'K'];

export class GcodeInterpreter {
  private readonly sink: MotionSink;
  private readonly laserMode: boolean;
  private readonly maxIssues: number;
  private modal: Modal = { motion: 0, plane: 0, inches: false, incremental: false, inverseTime: false, spindle: 'off', flood: false, coordSelect: 0 };
  private feedRate = 0;
  private spindleSpeed = 0;
  private readonly position = [0, 0, 0];
  private readonly g92 = [0, 0, 0];
  private readonly coordSystems: number[][] = Array.from({ length: 6 }, () => [0, 0, 0]);
  private readonly g28Home = [0, 0, 0];
  private readonly g30Home = [0, 0, 0];
  private toolLengthOffset = 0;
  private warnedOffsets = false;
  private readonly notTimedWarned = new Set<string>();
  readonly issues: GcodeIssue[] = [];
  issueCount = 0;
  errorCount = 0;
  /** Lines seen, including blank ones. */
  lines = 0;

  constructor(sink: MotionSink, opts: InterpreterOptions) {
    this.sink = sink;
    this.laserMode = opts.laserMode;
    this.maxIssues = opts.maxIssues ?? 1000;
  }

  private report(i: GcodeIssue): void {
    this.issueCount++;
    if (i.severity === 'error') this.errorCount++;
    if (this.issues.length < this.maxIssues) this.issues.push(i);
  }

  private warnOnce(key: string, code: IssueCode, line: number, params: Record<string, string | number>): void {
    if (this.notTimedWarned.has(key)) return;
    this.notTimedWarned.add(key);
    this.report(issue(code, line + 1, params));
  }

  /** Interprets one line (0-based index). Errors are reported and the line is skipped, as GRBL rejects it. */
  executeLine(raw: string, index: number): void {
    this.lines = Math.max(this.lines, index + 1);
    if (raw.length > RAW_LINE_WARN) this.report(issue('LINE_TOO_LONG', index + 1, { n: raw.length }));
    const lexed = lexLine(raw);
    try {
      if (lexed.strippedLength > GRBL_MAX_STRIPPED_LINE) fail('LINE_OVERFLOW', { n: lexed.strippedLength });
      if (lexed.kind === 'error') {
        // A lone '%' (program delimiter) is dropped by senders before it reaches GRBL.
        if (lexed.strippedLength === 1 && raw.trim().startsWith('%')) this.report(issue('PERCENT_LINE', index + 1));
        else fail(lexed.code, lexed.params);
      } else if (lexed.kind === 'system') {
        this.warnOnce(`$${lexed.text}`, 'SYSTEM_COMMAND_IGNORED', index, { text: lexed.text.slice(0, 20) });
      } else if (lexed.kind === 'words') {
        this.executeWords(lexed.words, index);
      }
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      this.report(issue(e.code, index + 1, e.params));
    }
    this.sink.lineDone(index);
  }

  /** End of the stream: the firmware finishes whatever is buffered. */
  finish(): void {
    this.sink.sync('end-of-file', Math.max(0, this.lines - 1));
  }

  private executeWords(words: GWord[], line: number): void {
    // ---- Step 1: sort words into commands and values (gc_execute_line STEP 2). ----
    const groups = new Set<string>();
    const claim = (group: string, word: string): void => {
      if (groups.has(group)) fail('MODAL_GROUP_VIOLATION', { word });
      groups.add(group);
    };
    const block: Modal = { ...this.modal };
    let nonModal: NonModal = 'none';
    let axisCommand: AxisCommand = 'none';
    let absoluteOverride = false;
    let motionWord = false;
    let programFlow: 0 | 2 | 30 | null = null;
    let toolLengthCmd: 'none' | 'g43.1' | 'g49' = 'none';
    const values = new Map<string, number>();
    const setAxisCommand = (kind: AxisCommand): void => {
      if (axisCommand !== 'none') fail('AXIS_COMMAND_CONFLICT');
      axisCommand = kind;
    };

    for (const { letter, value } of words) {
      const intValue = Math.trunc(value);
      const mantissa = Math.round(100 * (value - intValue));
      const word = `${letter}${value}`;
      if (letter === 'G') {
        let mantissaUsed = false;
        switch (intValue) {
          case 10:
          case 28:
          case 30:
          case 92:
            claim('g0', word);
            if (mantissa === 0) {
              if (intValue === 10) nonModal = 'g10';
              else nonModal = intValue === 28 ? 'g28' : intValue === 30 ? 'g30' : 'g92';
              setAxisCommand('nonmodal');
            } else if (mantissa === 10 && intValue !== 10) {
              nonModal = intValue === 28 ? 'g28.1' : intValue === 30 ? 'g30.1' : 'g92.1';
              mantissaUsed = true;
            } else fail('UNSUPPORTED_COMMAND', { word });
            break;
          case 4:
            claim('g0', word);
            nonModal = 'dwell';
            break;
          case 53:
            claim('g0', word);
            absoluteOverride = true;
            break;
          case 0:
          case 1:
          case 2:
          case 3:
          case 38:
          case 80:
            claim('g1', word);
            if (intValue === 38) {
              if (![20, 30, 40, 50].includes(mantissa)) fail('UNSUPPORTED_COMMAND', { word });
              mantissaUsed = true;
            }
            block.motion = intValue as Motion;
            motionWord = true;
            if (intValue !== 80) setAxisCommand('motion');
            break;
          case 17:
          case 18:
          case 19:
            claim('g2', word);
            block.plane = (intValue - 17) as 0 | 1 | 2;
            break;
          case 90:
          case 91:
            if (mantissa === 0) {
              claim('g3', word);
              block.incremental = intValue === 91;
            } else {
              claim('g4', word);
              if (mantissa !== 10 || intValue === 90) fail('UNSUPPORTED_COMMAND', { word });
              mantissaUsed = true; // G91.1: incremental arc centres, GRBL's only mode
            }
            break;
          case 93:
          case 94:
            claim('g5', word);
            block.inverseTime = intValue === 93;
            break;
          case 20:
          case 21:
            claim('g6', word);
            block.inches = intValue === 20;
            break;
          case 40:
            claim('g7', word);
            break;
          case 43:
          case 49:
            claim('g8', word);
            if (intValue === 49) toolLengthCmd = 'g49';
            else if (mantissa === 10) {
              toolLengthCmd = 'g43.1';
              mantissaUsed = true;
            } else fail('UNSUPPORTED_COMMAND', { word });
            setAxisCommand('nonmodal');
            break;
          case 54:
          case 55:
          case 56:
          case 57:
          case 58:
          case 59:
            claim('g12', word);
            block.coordSelect = intValue - 54;
            break;
          case 61:
            claim('g13', word);
            if (mantissa !== 0) fail('UNSUPPORTED_COMMAND', { word });
            break;
          default:
            fail('UNSUPPORTED_COMMAND', { word });
        }
        if (mantissa !== 0 && !mantissaUsed) fail('NOT_INTEGER', { word });
      } else if (letter === 'M') {
        if (mantissa !== 0) fail('NOT_INTEGER', { word });
        switch (intValue) {
          case 0:
          case 1:
          case 2:
          case 30:
            claim('m4', word);
            if (intValue !== 1) programFlow = intValue as 0 | 2 | 30;
            break;
          case 3:
          case 4:
          case 5:
            claim('m7', word);
            block.spindle = intValue === 3 ? 'cw' : intValue === 4 ? 'ccw' : 'off';
            break;
          case 8:
          case 9:
            claim('m8', word);
            block.flood = intValue === 8;
            break;
          default:
            fail('UNSUPPORTED_COMMAND', { word });
        }
      } else {
        if (!'FIJKLNPRSTXYZ'.includes(letter)) fail('UNSUPPORTED_COMMAND', { word });
        if (values.has(letter)) fail('REPEATED_WORD', { letter });
        if (value < 0 && 'FNPTLS'.includes(letter)) fail('NEGATIVE_VALUE', { letter });
        values.set(letter, value);
      }
    }

    // ---- Step 2: checks (gc_execute_line STEP 3). ----
    const axisWords = AXIS_LETTERS.some((l) => values.has(l));
    if (axisWords && axisCommand === 'none') {
      axisCommand = 'motion';
      if (block.motion === 80) fail('AXIS_WORDS_UNUSED');
    }
    const n = values.get('N');
    if (n !== undefined && n > MAX_LINE_NUMBER) fail('INVALID_LINE_NUMBER', { n });
    const t = values.get('T');
    if (t !== undefined && t > MAX_TOOL_NUMBER) fail('UNSUPPORTED_COMMAND', { word: `T${t}` });
    values.delete('N');
    values.delete('T');

    const unit = block.inches ? MM_PER_INCH : 1;
    // Feed rate.
    let feed = this.feedRate;
    if (block.inverseTime) {
      feed = values.get('F') ?? 0;
      if (axisCommand === 'motion' && !values.has('F')) fail('UNDEFINED_FEED_RATE', { word: 'G93' });
    } else if (!this.modal.inverseTime) {
      feed = values.has('F') ? (values.get('F') as number) * unit : this.feedRate;
    } else {
      feed = values.has('F') ? (values.get('F') as number) * unit : 0;
    }
    values.delete('F');
    const sWord = values.get('S');
    const s = sWord ?? this.spindleSpeed;
    values.delete('S');

    let dwellS = 0;
    if (nonModal === 'dwell') {
      const p = values.get('P');
      if (p === undefined) fail('VALUE_WORD_MISSING', { word: 'G4', letter: 'P' });
      dwellS = p;
      values.delete('P');
    }
    const [axis0, axis1, axisLinear] = PLANE_AXES[block.plane];
    if (toolLengthCmd !== 'none') {
      if (toolLengthCmd === 'g43.1' && (values.has('X') || values.has('Y'))) fail('UNSUPPORTED_COMMAND', { word: 'G43.1' });
    }
    // Coordinate system and G10.
    let coordSystem = this.coordSystems[block.coordSelect];
    let g10: { index: number; l: number } | null = null;
    if (nonModal === 'g10') {
      if (!axisWords) fail('NO_AXIS_WORDS', { word: 'G10' });
      const l = values.get('L');
      const p = values.get('P');
      if (l === undefined || p === undefined) fail('VALUE_WORD_MISSING', { word: 'G10', letter: l === undefined ? 'L' : 'P' });
      if (!(l === 2 || l === 20) || !Number.isInteger(p) || p > 6) fail('UNSUPPORTED_COMMAND', { word: `G10 L${l} P${p}` });
      g10 = { index: p === 0 ? block.coordSelect : p - 1, l };
      values.delete('L');
      values.delete('P');
    }
    if (block.coordSelect !== 0 && !this.warnedOffsets) {
      this.warnedOffsets = true;
      this.report(issue('WORK_OFFSET_ASSUMED', line + 1, { word: `G${54 + block.coordSelect}` }));
    }
    if (absoluteOverride && !(block.motion === 0 || block.motion === 1) && axisCommand === 'motion') fail('G53_INVALID_MOTION');

    // Targets (machine mm) for axis commands.
    const target = [...this.position];
    const given = AXIS_LETTERS.map((l) => values.get(l));
    for (const l of AXIS_LETTERS) values.delete(l);
    let g92Offset: number[] | null = null;
    let newCoord: number[] | null = null;
    let toolOffset = this.toolLengthOffset;
    if (toolLengthCmd === 'g49') toolOffset = 0;
    else if (toolLengthCmd === 'g43.1') toolOffset = given[2] !== undefined ? given[2] * unit : 0;
    else if (g10) {
      const base = this.coordSystems[g10.index];
      newCoord = [0, 1, 2].map((i) => {
        const v = given[i];
        if (v === undefined) return base[i];
        if (g10.l === 20) return this.position[i] - this.g92[i] - v * unit - (i === 2 ? this.toolLengthOffset : 0);
        return v * unit;
      });
    } else if (nonModal === 'g92') {
      g92Offset = [0, 1, 2].map((i) => (given[i] === undefined ? this.g92[i] : this.position[i] - coordSystem[i] - (given[i] as number) * unit));
    } else if (axisCommand !== 'none') {
      for (let i = 0; i < 3; i++) {
        const v = given[i];
        if (v === undefined) continue;
        const mm = v * unit;
        if (absoluteOverride) target[i] = mm;
        else if (block.incremental) target[i] = this.position[i] + mm;
        else target[i] = mm + coordSystem[i] + this.g92[i] + (i === 2 ? toolOffset : 0);
      }
    }

    // Motion checks in the firmware's order: feed first (even for a bare "G1"), then G0/G1 without axis words
    // do nothing, arcs need their geometry.
    if (axisCommand === 'motion' && (block.motion === 1 || block.motion === 2 || block.motion === 3) && feed === 0) {
      fail('UNDEFINED_FEED_RATE', { word: `G${block.motion}` });
    }
    if (axisCommand === 'motion' && !axisWords) {
      if (block.motion === 0 || block.motion === 1) axisCommand = 'none';
      else fail('NO_AXIS_WORDS', { word: `G${block.motion}` });
    }
    let arc: { offset: number[]; radius: number } | null = null;
    const arcMotion = axisCommand === 'motion' && (block.motion === 2 || block.motion === 3);
    if (arcMotion) arc = this.arcGeometry(block.motion === 2 ? 'G2' : 'G3', values, given, target, unit, axis0, axis1, block.motion === 2);
    if (values.size > 0) fail('UNUSED_WORDS', { letters: [...values.keys()].join(' ') });

    // ---- Step 3: execute in the firmware's order (gc_execute_line STEP 4). ----
    const laserCutMode = block.motion === 1 || block.motion === 2 || block.motion === 3;
    const laserDisable = this.laserMode && !laserCutMode;
    const laserIsMotion = this.laserMode && axisWords && axisCommand === 'motion';
    let forceSync = false;
    if (this.laserMode && !laserIsMotion && this.modal.spindle === 'cw') {
      const wasCut = this.modal.motion === 1 || this.modal.motion === 2 || this.modal.motion === 3;
      forceSync = wasCut ? laserDisable : !laserDisable;
    }
    this.modal.inverseTime = block.inverseTime;
    this.feedRate = feed;
    if (this.spindleSpeed !== s || forceSync) {
      if (this.modal.spindle !== 'off' && !laserIsMotion) this.sink.sync('spindle', line);
      this.spindleSpeed = s;
    }
    const power = laserDisable ? 0 : this.spindleSpeed;
    if (this.modal.spindle !== block.spindle) {
      this.sink.sync('spindle', line);
      this.modal.spindle = block.spindle;
    }
    if (this.modal.flood !== block.flood) {
      this.sink.sync('coolant', line);
      this.modal.flood = block.flood;
    }
    if (nonModal === 'dwell') this.sink.dwell(dwellS, line);
    this.modal.plane = block.plane;
    this.modal.inches = block.inches;
    this.toolLengthOffset = toolOffset;
    if (this.modal.coordSelect !== block.coordSelect) {
      this.modal.coordSelect = block.coordSelect;
      coordSystem = this.coordSystems[block.coordSelect];
    }
    this.modal.incremental = block.incremental;

    const move = (rapid: boolean): MoveInfo => ({
      line,
      rapid,
      feedRate: this.feedRate,
      inverseTime: this.modal.inverseTime,
      cut: !rapid && this.modal.spindle !== 'off' && power > 0,
      power,
    });
    switch (nonModal) {
      case 'g10':
        if (g10 && newCoord) this.coordSystems[g10.index] = newCoord;
        break;
      case 'g28':
      case 'g30': {
        const home = nonModal === 'g28' ? this.g28Home : this.g30Home;
        if (axisWords) this.lineTo(target, move(true));
        this.lineTo([...home], move(true));
        break;
      }
      case 'g28.1':
        this.g28Home.splice(0, 3, ...this.position);
        break;
      case 'g30.1':
        this.g30Home.splice(0, 3, ...this.position);
        break;
      case 'g92':
        if (g92Offset) this.g92.splice(0, 3, ...g92Offset);
        break;
      case 'g92.1':
        this.g92.fill(0);
        break;
      default:
        break;
    }

    this.modal.motion = block.motion;
    if (block.motion !== 80 && axisCommand === 'motion') {
      if (block.motion === 0) this.lineTo(target, move(true));
      else if (block.motion === 1) this.lineTo(target, move(false));
      else if (block.motion === 38) {
        this.warnOnce('G38', 'NOT_TIMED', line, { word: 'G38' });
        this.position.splice(0, 3, ...target);
      } else if (arc) {
        this.sink.arc({ position: [...this.position], target, offset: arc.offset, radius: arc.radius, axis0, axis1, axisLinear, clockwise: block.motion === 2 }, move(false));
        this.position.splice(0, 3, ...target);
      }
    }

    if (programFlow !== null) {
      this.sink.sync('program-end', line);
      if (programFlow === 0) this.report(issue('PROGRAM_PAUSE', line + 1, { word: 'M0' }));
      else {
        this.modal = { ...this.modal, motion: 1, plane: 0, incremental: false, inverseTime: false, coordSelect: 0, spindle: 'off', flood: false };
      }
    }
  }

  /** mc_line plus its laser-mode rule: a move too short to plan under M3 still syncs the spindle. */
  private lineTo(target: number[], move: MoveInfo): void {
    const planned = this.sink.line(target, move);
    if (!planned && this.laserMode && this.modal.spindle === 'cw') this.sink.sync('spindle', move.line);
    this.position.splice(0, 3, ...target);
  }

  /** Centre offset and radius of a G2/G3 block, with the firmware's R-form construction and error checks. */
  private arcGeometry(
    word: string,
    values: Map<string, number>,
    given: (number | undefined)[],
    target: number[],
    unit: number,
    axis0: number,
    axis1: number,
    clockwise: boolean,
  ): { offset: number[]; radius: number } {
    if (given[axis0] === undefined && given[axis1] === undefined) fail('NO_AXIS_WORDS_IN_PLANE', { word });
    let x = target[axis0] - this.position[axis0];
    let y = target[axis1] - this.position[axis1];
    const offset = [0, 0, 0];
    const r = values.get('R');
    if (r !== undefined) {
      for (const l of ['R', 'I', 'J', 'K']) values.delete(l);
      let radius = r * unit;
      if (x === 0 && y === 0) fail('INVALID_TARGET', { detail: 'R-form arc ends where it starts' });
      let h = 4 * radius * radius - x * x - y * y;
      if (h < 0) fail('ARC_RADIUS_ERROR', { r });
      h = -Math.sqrt(h) / Math.hypot(x, y);
      if (!clockwise) h = -h;
      if (radius < 0) {
        h = -h;
        radius = -radius;
      }
      offset[axis0] = 0.5 * (x - y * h);
      offset[axis1] = 0.5 * (y + x * h);
      return { offset, radius };
    }
    const have0 = values.has(OFFSET_LETTERS[axis0]);
    const have1 = values.has(OFFSET_LETTERS[axis1]);
    if (!have0 && !have1) fail('NO_OFFSETS_IN_PLANE', { word });
    for (let i = 0; i < 3; i++) {
      const v = values.get(OFFSET_LETTERS[i]);
      if (v !== undefined) offset[i] = v * unit;
      values.delete(OFFSET_LETTERS[i]);
    }
    x -= offset[axis0];
    y -= offset[axis1];
    const targetR = Math.hypot(x, y);
    const radius = Math.hypot(offset[axis0], offset[axis1]);
    const deltaR = Math.abs(targetR - radius);
    if (deltaR > 0.005 && (deltaR > 0.5 || deltaR > 0.001 * radius)) {
      fail('INVALID_TARGET', { detail: `end point is ${deltaR.toFixed(3)} mm off the circle` });
    }
    return { offset, radius };
  }
}
