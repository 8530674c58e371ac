// What the G-code interpreter reports and what it drives. The interpreter turns text into calls on a
// MotionSink (the time model's motion control implements it; a previewer could too) and into issues with
// line numbers. Positions are machine millimetres, 3 axes (X, Y, Z).

export interface MoveInfo {
  /** 0-based index of the source line. */
  line: number;
  rapid: boolean;
  /** mm/min (G94) or 1/min (G93 inverse time). */
  feedRate: number;
  inverseTime: boolean;
  /** The laser/spindle fires during this move (G1/G2/G3, M3/M4 on, S > 0). */
  cut: boolean;
  /** Spindle/laser power word in effect, for previews. */
  power: number;
}

export interface ArcMove {
  position: number[];
  target: number[];
  /** Centre offset from position, machine mm. */
  offset: number[];
  radius: number;
  axis0: number;
  axis1: number;
  axisLinear: number;
  clockwise: boolean;
}

export type StopReason = 'dwell' | 'spindle' | 'coolant' | 'program-end' | 'end-of-file';

export interface MotionSink {
  /** A straight move. Returns false if the move was too short to plan (zero steps). */
  line(target: number[], move: MoveInfo): boolean;
  arc(arc: ArcMove, move: MoveInfo): void;
  /** Finish all buffered motion (protocol_buffer_synchronize). */
  sync(reason: StopReason, line: number): void;
  /** G4: sync, then wait. */
  dwell(seconds: number, line: number): void;
  /** The line has been fully interpreted (it may still have motion in the buffer). */
  lineDone(line: number): void;
}

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface GcodeIssue {
  /** 1-based line number in the file. */
  line: number;
  severity: IssueSeverity;
  /** Stable identifier, e.g. UNSUPPORTED_COMMAND. */
  code: string;
  /** GRBL 1.1 `error:N` code the firmware would answer, when there is one. */
  grblError?: number;
  /** English and Indonesian text. */
  message: { en: string; id: string };
}
