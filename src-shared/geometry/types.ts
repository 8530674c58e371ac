// The geometry vocabulary every part of AcrylicHub shares: importers produce it, the editor edits it, the
// estimator, nester and toolpath generator consume it. Plain data only (structured-clone and JSON safe), all
// lengths in millimetres, angles in radians, Y up (CAD convention).

export interface Vec2 {
  x: number;
  y: number;
}

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A straight segment from a to b. */
export interface LineSeg {
  kind: 'line';
  a: Vec2;
  b: Vec2;
}

/**
 * A circular arc: starts at center + radius·(cos startAngle, sin startAngle) and turns by `sweep` radians
 * (positive = counter-clockwise). A full circle has |sweep| = 2π. Arc lengths are exact: radius·|sweep|.
 */
export interface ArcSeg {
  kind: 'arc';
  center: Vec2;
  radius: number;
  startAngle: number;
  sweep: number;
}

export type Segment = LineSeg | ArcSeg;

/** What a layer (or an individual path) is for on the machine. */
export type Operation = 'cut' | 'score' | 'engrave' | 'ignore';

/**
 * One connected piece of geometry: a chain of segments, end of each = start of the next. Curves without an exact
 * arc form (ellipses, splines) are flattened to line segments at the chord tolerance when they are read.
 */
export interface Path {
  id: string;
  layer: string;
  /** ACI colour index or 0xRRGGBB true colour (as `true colour`), when the source had one. */
  color?: number;
  /** DXF entity handle (or another source id) for messages that point at the entity. */
  handle?: string;
  /** Source entity type: LINE, ARC, LWPOLYLINE, SPLINE, TEXT, svg:path, ... */
  entity: string;
  segments: Segment[];
  closed: boolean;
  /** Engrave fill (HATCH, text fill) rather than an outline. */
  fill?: boolean;
}

export type Severity = 'info' | 'warning' | 'error';

/** A manufacturability or import finding. Codes are stable identifiers (e.g. OPEN_CONTOUR, UNITS_INFERRED). */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  layer?: string;
  handle?: string;
  at?: Vec2;
}

/** A closed polygon ring as points (no repeated closing point). Counter-clockwise = positive area. */
export type Ring = Vec2[];

/** An outer ring with holes: the input of the nester and of the 3D extrusion. */
export interface PolygonWithHoles {
  outer: Ring;
  holes: Ring[];
}

export interface LayerInfo {
  name: string;
  color?: number;
  operation: Operation;
  visible: boolean;
  locked: boolean;
}

export interface UnitsInfo {
  /** Where the scale came from: header ($INSUNITS/$MEASUREMENT), inferred from extents, or an explicit override. */
  source: 'header' | 'inferred' | 'override' | 'default';
  /** Name of the drawing's unit: mm, cm, m, in, ft, ... */
  unit: string;
  scaleToMm: number;
}
