// State of one conversion pass (DXF entities → paths in millimetres) and the single place where entity geometry
// leaves local coordinates: emit() applies the entity's OCS and the insert chain, resolves layer/colour
// inheritance (layer "0" and BYBLOCK take the insert's), rejects NaN/huge coordinates and enforces the output
// budget that keeps a hostile file (arrays of arrays, 100k-deep nesting) bounded in time and memory.
import { addSegmentToBBox, emptyBBox, isEmptyBBox, segLength } from '../geometry/segments';
import { compose, isIdentity, minScale, transformSegmentsInto, type Affine } from '../geometry/transform';
import type { BBox, Finding, Path, Segment } from '../geometry/types';
import type { Font } from 'opentype.js';
import type { DxfDocument } from './document';
import { ocsToWorld } from './ocs';

/** Coordinates beyond this (mm, 1000 km) are treated as corrupt. */
export const MAX_COORD_MM = 1e9;
/** Total segments a drawing may expand to. */
export const MAX_OUTPUT_SEGMENTS = 1_000_000;

/** True when every number of every segment is finite (NaN slips through bbox comparisons, so check directly). */
function allFinite(segs: Segment[]): boolean {
  for (const s of segs) {
    const sum = s.kind === 'line' ? s.a.x + s.a.y + s.b.x + s.b.y : s.center.x + s.center.y + s.radius + s.startAngle + s.sweep;
    if (!Number.isFinite(sum)) return false;
  }
  return true;
}

export interface TextItem {
  kind: 'TEXT' | 'MTEXT' | 'ATTRIB';
  text: string;
  layer: string;
  handle?: string;
  /** Insertion (TEXT: baseline alignment point; MTEXT: attachment point), mm. */
  at: { x: number; y: number };
  heightMm: number;
  /** Radians, counter-clockwise. */
  rotation: number;
  /** Font file or family from the text style (e.g. "romans.shx", "Arial"). */
  font: string;
  style: string;
  align: 'left' | 'center' | 'right';
  /** MTEXT attachment 1..9 (top-left .. bottom-right); 0 for TEXT (baseline). */
  attachment: number;
  converted: boolean;
}

export interface Frame {
  m: Affine;
  /** Layer that entities on layer "0" take (the insert's), or null at top level. */
  layer: string | null;
  /** Colour that BYBLOCK entities take. */
  color: number | undefined;
  /** Handle of the top-level entity, for messages. */
  handle: string | undefined;
  /** Inside a DIMENSION/LEADER: geometry goes to the non-cutting annotation layer. */
  annotation: boolean;
  depth: number;
  /** Names of the blocks being expanded (upper case), to stop self-inserting blocks. */
  stack: string[];
}

/** Common entity properties, read by every converter into one reused object. */
export interface Common {
  layer: string;
  color: number | undefined;
  trueColor: number | undefined;
  handle: string | undefined;
  paperSpace: boolean;
  nx: number;
  ny: number;
  nz: number;
}

/** Parsed font for a CAD font name (e.g. "romans.shx", "Arial"), or null when none can be had. */
export type FontResolver = (fontName: string) => Font | null | undefined;

export const ANNOTATION_LAYER = '*DIMENSIONS';

export class Ctx {
  readonly paths: Path[] = [];
  readonly texts: TextItem[] = [];
  readonly findings: Finding[] = [];
  /** Top-level model-space entity counts by type. */
  readonly entities: Record<string, number> = {};
  /** Entity types we do not turn into geometry (anywhere in the drawing), by type. */
  readonly unsupported: Record<string, number> = {};
  readonly meshes: Record<string, number> = {};
  readonly usedLayers = new Set<string>();
  readonly bbox: BBox = emptyBBox();
  segmentCount = 0;
  /** Reused per emit() (no bbox allocation per entity). */
  private readonly scratch: BBox = emptyBBox();
  budgetExceeded = false;
  private nextId = 0;
  private readonly findingKeys = new Map<string, number>();

  constructor(
    readonly doc: DxfDocument,
    /** Chord tolerance in mm. */
    readonly tol: number,
    readonly fontFor?: FontResolver,
    readonly maxSegments = MAX_OUTPUT_SEGMENTS,
  ) {}

  /** Adds a finding; repeated codes for the same reason are counted into the first one (at most 20 per code). */
  report(f: Finding, key = f.code): void {
    const seen = this.findingKeys.get(key) ?? 0;
    this.findingKeys.set(key, seen + 1);
    if (seen < 20) this.findings.push(f);
  }

  /** Layer an entity ends up on: annotation layer, insert layer for "0", or its own. */
  layerOf(common: Common, frame: Frame): string {
    if (frame.annotation) return ANNOTATION_LAYER;
    if ((common.layer === '0' || common.layer === '') && frame.layer) return frame.layer;
    return common.layer || '0';
  }

  colorOf(common: Common, frame: Frame, layer: string): number | undefined {
    if (common.trueColor !== undefined) return common.trueColor;
    const c = common.color;
    if (c === 0) return frame.color;
    if (c === undefined || c === 256) {
      const def = this.doc.layers.get(layer);
      return def ? (def.trueColor ?? Math.abs(def.color)) : undefined;
    }
    return Math.abs(c);
  }

  /** Entity OCS (extrusion) combined with the frame's transform. */
  matrix(common: Common, frame: Frame, elevation = 0): Affine {
    const ocs = ocsToWorld(common.nx, common.ny, common.nz, elevation);
    return ocs ? compose(frame.m, ocs) : frame.m;
  }

  /** Chord tolerance in the local units of a matrix (so that after the transform it is ctx.tol mm). */
  localTol(m: Affine): number {
    const k = minScale(m);
    return k > 0 ? this.tol / k : this.tol;
  }

  emit(segs: Segment[], closed: boolean, entity: string, common: Common, frame: Frame, m: Affine, fill = false): void {
    if (segs.length === 0 || this.budgetExceeded) return;
    if (this.segmentCount + segs.length > this.maxSegments) {
      this.budgetExceeded = true;
      this.report({
        code: 'OUTPUT_LIMIT',
        severity: 'error',
        message: `The drawing expands to more than ${this.maxSegments.toLocaleString('en')} segments; the rest was not imported.`,
        handle: frame.handle ?? common.handle,
      });
      return;
    }
    const world: Segment[] = isIdentity(m) ? segs : [];
    if (world !== segs) transformSegmentsInto(segs, m, this.tol, world);
    const bb = this.scratch;
    bb.minX = bb.minY = Infinity;
    bb.maxX = bb.maxY = -Infinity;
    for (const s of world) addSegmentToBBox(bb, s);
    const layer = this.layerOf(common, frame);
    const handle = frame.handle ?? common.handle;
    if (isEmptyBBox(bb) || !allFinite(world)) {
      this.report({ code: 'INVALID_COORDINATE', severity: 'warning', message: `${entity} has a non-numeric coordinate (NaN); skipped.`, layer, handle });
      return;
    }
    if (Math.max(-bb.minX, bb.maxX, -bb.minY, bb.maxY) > MAX_COORD_MM) {
      this.report({
        code: 'COORDINATE_OUT_OF_RANGE',
        severity: 'warning',
        message: `${entity} lies more than ${MAX_COORD_MM / 1e6} km from the origin; skipped as corrupt.`,
        layer,
        handle,
      });
      return;
    }
    let length = 0;
    for (const s of world) length += segLength(s);
    if (length === 0 && !fill) {
      this.report({ code: 'ZERO_LENGTH', severity: 'info', message: `${entity} has zero length; skipped.`, layer, handle, at: world[0].kind === 'line' ? world[0].a : world[0].center });
      return;
    }
    this.segmentCount += world.length;
    this.usedLayers.add(layer);
    if (layer !== ANNOTATION_LAYER && !fill) {
      this.bbox.minX = Math.min(this.bbox.minX, bb.minX);
      this.bbox.minY = Math.min(this.bbox.minY, bb.minY);
      this.bbox.maxX = Math.max(this.bbox.maxX, bb.maxX);
      this.bbox.maxY = Math.max(this.bbox.maxY, bb.maxY);
    }
    const color = this.colorOf(common, frame, layer);
    const id = `p${this.nextId++}`;
    // The usual path (a colour and a handle) in one literal: adding properties later allocates a property store.
    const path: Path = color !== undefined && handle ? { id, layer, color, handle, entity, segments: world, closed } : { id, layer, entity, segments: world, closed };
    if (color !== undefined && !handle) path.color = color;
    if (handle && color === undefined) path.handle = handle;
    if (fill) path.fill = true;
    this.paths.push(path);
  }
}
