// The toolpath vocabulary: what the generator takes (parts, contours, per-layer operations and per-operation
// laser settings) and what it produces (an ordered list of laser runs joined by travels) before it becomes
// G-code. Millimetres, mm/min, power in % of the machine's $30.
import type { Contour, PartGeom } from '../geometry/contours';
import type { BBox, Finding, Operation, Path, Segment, Vec2 } from '../geometry/types';

export interface OperationSettings {
  speedMmPerMin: number;
  /** % of $30. */
  powerPct: number;
  passes: number;
  airAssist: boolean;
}

export interface EngraveSettings extends OperationSettings {
  linePitchMm: number;
  overscanMm: number;
}

export interface TabOptions {
  /** Tabs per outer contour (evenly spaced along its length). */
  count: number;
  widthMm: number;
}

export interface ToolpathOptions {
  /** Kerf width; cut contours are offset by half of it (outer outward, holes inward). 0 = no compensation. */
  kerfMm: number;
  /** Where the head starts (and where the travel optimisation measures from). Default 0,0. */
  origin?: Vec2;
  /** Where a closed contour starts: the vertex nearest the previous position, or the sharpest nearby corner. */
  startPoint?: 'nearest' | 'corner';
  /** Length of a straight lead-in on the scrap side of each closed cut; 0 = none. */
  leadInMm?: number;
  tabs?: TabOptions;
  /** Chord tolerance for curves that have to be flattened (offsets of non-circular contours, hatching). */
  chordToleranceMm?: number;
  /** Work budget of the 2-opt pass, in candidate moves examined (deterministic; default DEFAULT_OPTIMISE_BUDGET). */
  optimiseBudget?: number;
}

export interface ToolpathInput {
  /** Top-level parts (islands nested), as buildContours returns them. */
  parts: PartGeom[];
  /** All contours, including open ones (score lines, unclosed cut geometry). */
  contours: Contour[];
  /** Fill paths (HATCH, filled text) for engraving. */
  fills?: Path[];
  /** Operation of each layer; layers not listed are ignored. */
  layerOps: Record<string, Operation>;
  settings: { cut: OperationSettings; score: OperationSettings; engrave: EngraveSettings };
}

export type RunKind = 'cut' | 'score' | 'engrave';

/** One continuous laser-on run (segments chained end to start), possibly with laser-off pieces (tabs, overscan). */
export interface LaserRun {
  kind: RunKind;
  /** Source contour id (or fill path id). */
  sourceId: string;
  start: Vec2;
  /** Pieces in order; `on` false = moved at cut feed with the laser off (tab gaps, overscan, lead-in approach). */
  pieces: { seg: Segment; on: boolean }[];
  settings: OperationSettings;
  /** 1-based pass number. */
  pass: number;
}

export interface ToolpathProgram {
  runs: LaserRun[];
  origin: Vec2;
  /** Straight-line travel between runs, mm. */
  travelMm: number;
  /** Laser-on length, mm. */
  laserOnMm: number;
  bbox: BBox;
  findings: Finding[];
}
