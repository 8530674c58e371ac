// The nester's input and output vocabulary. Plain data (structured-clone and JSON safe) so a job can cross a
// worker-thread boundary, be stored, and be checked by the independent verifier. Lengths in the caller's units
// (millimetres for sheets; the abstract units of an ESICUP instance in strip mode), angles in degrees.
import type { PolygonWithHoles } from '../geometry/types';

/** Which orientations a part may take. */
export type RotationRule =
  | { kind: 'steps'; steps: number } // N equal steps of 360/N degrees (1 = locked at 0°)
  | { kind: 'list'; degrees: number[] }
  | { kind: 'locked' }; // grain / protective-film direction: 0° only

export interface NestPart {
  id: string;
  name?: string;
  shape: PolygonWithHoles;
  quantity: number;
  /** Default: the job's `rotations`. */
  rotations?: RotationRule;
  /** Default: the job's `mirror`. */
  mirror?: boolean;
}

export interface NestSheet {
  id?: string;
  width: number;
  height: number;
  /** How many sheets of this size are available (default 1). */
  count?: number;
  /** Border that stays empty on every side. */
  margin?: number;
  /** Regions already cut out of an offcut, in sheet coordinates (origin = bottom-left corner). */
  used?: PolygonWithHoles[];
}

export interface NestJob {
  parts: NestPart[];
  sheets: NestSheet[];
  /** Minimum distance between two parts (kerf + gap); also kept from used regions. Default 0. */
  spacing?: number;
  rotations?: RotationRule;
  mirror?: boolean;
  /** Place small parts inside the holes of larger ones. Default false. */
  partInPart?: boolean;
  /**
   * Wall-clock budget of the search in seconds. The first layout may use up to max(budget, 10 s); parts it has not
   * placed by then are reported as unplaced with reason 'time-budget'.
   */
  seconds?: number;
  /** Stop after this many layout evaluations (for reproducible runs independent of machine speed). */
  maxEvaluations?: number;
  seed?: number;
  /**
   * Strip mode (ESICUP benchmarks): a single sheet of fixed height and unbounded length; the search minimises the
   * used length. `sheets` is ignored.
   */
  strip?: { height: number };
}

export interface Placement {
  part: string;
  /** 0-based copy number of the part. */
  instance: number;
  sheet: number;
  /** Translation applied after rotation/mirroring about the part's own origin. */
  x: number;
  y: number;
  /** Degrees, counter-clockwise, applied after mirroring. */
  rotation: number;
  /** Mirrored in X (x → −x) before rotating. */
  mirrored: boolean;
}

export interface SheetResult {
  index: number;
  sheetId?: string;
  width: number;
  height: number;
  /** Part area on this sheet / sheet area. */
  utilisation: number;
  placements: Placement[];
}

export interface Offcut {
  sheet: number;
  /** The largest empty rectangle left along the right or the top edge of the last used sheet. */
  x: number;
  y: number;
  width: number;
  height: number;
  area: number;
}

export type UnplacedReason = 'too-large' | 'no-room' | 'time-budget' | 'invalid-geometry';

export interface Unplaced {
  part: string;
  instance: number;
  reason: UnplacedReason;
  message: string;
}

export interface NestResult {
  sheets: SheetResult[];
  /** Part area / area of the used sheets (strip mode: / strip height × used length). */
  utilisation: number;
  placements: Placement[];
  unplaced: Unplaced[];
  offcut: Offcut | null;
  /** Strip mode only. */
  strip?: { height: number; length: number };
  evaluations: number;
  seconds: number;
  seed: number;
}

export interface NestProgress {
  evaluations: number;
  seconds: number;
  bestUtilisation: number;
  bestLength?: number;
  placed: number;
  total: number;
}
