// Contours and parts: the step between "paths as drawn" and everything that quotes, nests or cuts.
// 1. Closed paths are contours as they are. Open paths are chained end to end within the join tolerance (default
//    0.05 mm), per layer, through a point grid (no all-pairs search); a chain whose ends meet closes. A chain whose
//    ends are within 10 × the tolerance is closed too, with a CONTOUR_CLOSED_WITH_GAP warning.
// 2. Closed contours form a containment tree (sample point in ring, smallest containing contour is the parent):
//    depth 0 = outer boundary of a part, 1 = hole, 2 = island (a part inside a hole), and so on.
// 3. Orientation is normalised: part outers counter-clockwise (positive area), holes clockwise (negative area),
//    the convention kerf compensation and the nester rely on.
// Fill paths (HATCH, text fill) are engraving areas, not cut outlines: they are left out.
// `parts` holds the top-level parts; parts inside holes are in their parent's `islands` (see allParts()).
import { PointGrid } from './point-grid';
import { RingTester, segmentsToRing } from './polygon';
import {
  addSegmentToBBox,
  distance,
  emptyBBox,
  reverseSegments,
  segEnd,
  segmentsLength,
  segStart,
  signedArea,
} from './segments';
import type { BBox, Finding, Path, Segment, Vec2 } from './types';

export interface Contour {
  id: string;
  pathIds: string[];
  segments: Segment[];
  closed: boolean;
  layer: string;
  /** Signed area (counter-clockwise positive), closed contours only; 0 for open ones. */
  area: number;
  bbox: BBox;
  lengthMm: number;
}

export interface PartGeom {
  id: string;
  outer: Contour;
  holes: Contour[];
  /** Parts inside this part's holes. */
  islands: PartGeom[];
}

export interface ContourOptions {
  /** Endpoints closer than this (mm) are joined. Default 0.05. */
  joinTolerance?: number;
}

export const DEFAULT_JOIN_TOLERANCE_MM = 0.05;
/** Chains whose ends are within this multiple of the join tolerance are closed with a warning. */
const NEAR_CLOSED_FACTOR = 10;
/** Gaps below this are not bridged by an extra segment (numerically the same point). */
const GAP_EPS = 1e-7;

interface Piece {
  path: Path;
  start: Vec2;
  end: Vec2;
  length: number;
}

export function buildContours(
  paths: Path[],
  opts: ContourOptions = {},
): { contours: Contour[]; parts: PartGeom[]; findings: Finding[] } {
  const tol = opts.joinTolerance ?? DEFAULT_JOIN_TOLERANCE_MM;
  const findings: Finding[] = [];
  const contours: Contour[] = [];
  const openByLayer = new Map<string, Piece[]>();
  for (const path of paths) {
    if (path.fill || path.segments.length === 0) continue;
    const start = segStart(path.segments[0]);
    const end = segEnd(path.segments[path.segments.length - 1]);
    const gap = distance(start, end);
    const length = segmentsLength(path.segments);
    if (path.closed || (gap <= tol && canClose(path.segments.length + (path.segments[0].kind === 'arc' ? 1 : 0), length, tol))) {
      // Shared with the path when nothing is added (contours never mutate segment arrays, they replace them).
      const segs = gap > GAP_EPS ? [...path.segments, { kind: 'line', a: end, b: start } as Segment] : path.segments;
      contours.push(makeContour(contours.length, [path.id], segs, true, path.layer));
    } else {
      const list = openByLayer.get(path.layer);
      const piece = { path, start, end, length };
      if (list) list.push(piece);
      else openByLayer.set(path.layer, [piece]);
    }
  }
  for (const [layer, pieces] of openByLayer) chainLayer(layer, pieces, tol, contours, findings);
  const parts = buildParts(contours);
  return { contours, parts, findings };
}

function makeContour(index: number, pathIds: string[], segments: Segment[], closed: boolean, layer: string): Contour {
  const bbox = emptyBBox();
  for (const s of segments) addSegmentToBBox(bbox, s);
  return {
    id: `c${index}`,
    pathIds,
    segments,
    closed,
    layer,
    area: closed ? signedArea(segments) : 0,
    bbox,
    lengthMm: segmentsLength(segments),
  };
}

/** Chains the open pieces of one layer greedily: extend forward from each unused piece, then backward. */
function chainLayer(layer: string, pieces: Piece[], tol: number, contours: Contour[], findings: Finding[]): void {
  const grid = new PointGrid(2 * Math.max(tol, 1e-9), pieces.length * 2 + 1); // 2×2 cells per query
  // Endpoint id 2i = start of piece i, 2i + 1 = end of piece i.
  for (const p of pieces) {
    grid.add(p.start.x, p.start.y);
    grid.add(p.end.x, p.end.y);
  }
  const used = new Uint8Array(pieces.length);
  const scratch: number[] = [];
  /** The nearest unused endpoint within tol of q, or -1. */
  const nearestFree = (q: Vec2): number => {
    const found = grid.within(q.x, q.y, tol, scratch);
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < found; k++) {
      const id = scratch[k];
      if (used[id >> 1]) continue;
      const dx = grid.x(id) - q.x;
      const dy = grid.y(id) - q.y;
      const d = dx * dx + dy * dy;
      if (d < bestD || (d === bestD && id < best)) { // ties → the piece drawn first: deterministic, file order
        bestD = d;
        best = id;
      }
    }
    return best;
  };
  const nearestDist = (id: number, q: Vec2): number => distance({ x: grid.x(id), y: grid.y(id) }, q);
  for (let i = 0; i < pieces.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const forward: Segment[][] = [pieces[i].path.segments];
    const backward: Segment[][] = [];
    const ids = [pieces[i].path.id];
    const idsBefore: string[] = []; // pieces joined at the chain's start, in the order found (reversed at the end)
    const chainStart = pieces[i].start;
    let head = pieces[i].end;
    let closed = false;
    let count = pieces[i].path.segments.length;
    let length = pieces[i].length;
    for (;;) {
      const id = nearestFree(head);
      const toStart = distance(head, chainStart);
      // Close when the start is within tol and no free endpoint is nearer (shared corners stay separate loops).
      if (toStart <= tol && canClose(count, length, tol) && (id < 0 || toStart <= nearestDist(id, head) + 1e-9)) {
        closed = true;
        break;
      }
      if (id < 0) break;
      const j = id >> 1;
      used[j] = 1;
      const reversed = (id & 1) === 1;
      const next = pieces[j];
      const entry = reversed ? next.end : next.start;
      if (distance(head, entry) > GAP_EPS) forward.push([{ kind: 'line', a: head, b: entry }]);
      forward.push(reversed ? reverseSegments(next.path.segments) : next.path.segments);
      count += next.path.segments.length;
      length += next.length;
      ids.push(next.path.id);
      head = reversed ? next.start : next.end;
    }
    let tail = chainStart;
    while (!closed) {
      const id = nearestFree(tail);
      if (id < 0) break;
      const j = id >> 1;
      used[j] = 1;
      // Joining at the piece's end keeps its direction; joining at its start reverses it.
      const atEnd = (id & 1) === 1;
      const prev = pieces[j];
      const exit = atEnd ? prev.end : prev.start;
      if (distance(exit, tail) > GAP_EPS) backward.push([{ kind: 'line', a: exit, b: tail }]);
      backward.push(atEnd ? prev.path.segments : reverseSegments(prev.path.segments));
      idsBefore.push(prev.path.id);
      tail = atEnd ? prev.start : prev.end;
      count += prev.path.segments.length;
      length += prev.length;
      if (distance(head, tail) <= tol && canClose(count, length, tol)) closed = true;
    }
    const segs: Segment[] = [];
    for (let k = backward.length - 1; k >= 0; k--) for (const s of backward[k]) segs.push(s);
    for (const list of forward) for (const s of list) segs.push(s);
    const gap = distance(head, tail);
    if (!closed && gap <= tol * NEAR_CLOSED_FACTOR && segs.length > 1 && gap < 0.5 * segmentsLength(segs)) {
      closed = true;
      findings.push({
        code: 'CONTOUR_CLOSED_WITH_GAP',
        severity: 'warning',
        message: `A contour on layer "${layer}" had a gap of ${gap.toFixed(3)} mm between its ends; it was closed.`,
        layer,
        handle: pieces[i].path.handle,
        at: head,
      });
    }
    if (closed && gap > GAP_EPS) segs.push({ kind: 'line', a: head, b: tail });
    contours.push(makeContour(contours.length, idsBefore.length ? [...idsBefore.reverse(), ...ids] : ids, segs, closed, layer));
  }
}

/** A chain may close only when it can enclose something: two segments or more, longer than a few tolerances. */
function canClose(segmentCount: number, length: number, tol: number): boolean {
  return segmentCount >= 2 && length > 4 * tol;
}

/** Bounding-box index of rings for point queries: a uniform grid; rings covering too many cells go in a list. */
class RingIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly big: number[] = [];
  private readonly size: number;
  constructor(private readonly boxes: BBox[], extent: BBox) {
    const w = Math.max(extent.maxX - extent.minX, extent.maxY - extent.minY, 1e-9);
    this.size = w / Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
    boxes.forEach((b, i) => {
      const x0 = Math.floor(b.minX / this.size);
      const x1 = Math.floor(b.maxX / this.size);
      const y0 = Math.floor(b.minY / this.size);
      const y1 = Math.floor(b.maxY / this.size);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64 || !Number.isFinite(x0 + x1 + y0 + y1)) {
        this.big.push(i);
        return;
      }
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          const k = x * 2_654_435_761 + y;
          const list = this.cells.get(k);
          if (list) list.push(i);
          else this.cells.set(k, [i]);
        }
    });
  }

  /** Indices of rings whose bbox contains p (duplicates removed). */
  candidates(p: Vec2): number[] {
    const k = Math.floor(p.x / this.size) * 2_654_435_761 + Math.floor(p.y / this.size);
    const out: number[] = [];
    for (const i of this.cells.get(k) ?? []) if (contains(this.boxes[i], p)) out.push(i);
    for (const i of this.big) if (contains(this.boxes[i], p)) out.push(i);
    return out;
  }
}

function contains(b: BBox, p: Vec2): boolean {
  return p.x >= b.minX && p.x <= b.maxX && p.y >= b.minY && p.y <= b.maxY;
}

/** A point on the contour away from its vertices: the middle of its longest segment. */
function samplePoint(c: Contour): Vec2 {
  let best = c.segments[0];
  let bestLen = -1;
  for (const s of c.segments) {
    const len = s.kind === 'line' ? distance(s.a, s.b) : s.radius * Math.abs(s.sweep);
    if (len > bestLen) {
      bestLen = len;
      best = s;
    }
  }
  if (best.kind === 'line') return { x: (best.a.x + best.b.x) / 2, y: (best.a.y + best.b.y) / 2 };
  const t = best.startAngle + best.sweep / 2;
  return { x: best.center.x + best.radius * Math.cos(t), y: best.center.y + best.radius * Math.sin(t) };
}

function buildParts(contours: Contour[]): PartGeom[] {
  const closed = contours.filter((c) => c.closed && Math.abs(c.area) > 1e-12);
  closed.sort((a, b) => Math.abs(b.area) - Math.abs(a.area));
  const extent = emptyBBox();
  for (const c of closed) {
    extent.minX = Math.min(extent.minX, c.bbox.minX);
    extent.minY = Math.min(extent.minY, c.bbox.minY);
    extent.maxX = Math.max(extent.maxX, c.bbox.maxX);
    extent.maxY = Math.max(extent.maxY, c.bbox.maxY);
  }
  const index = new RingIndex(closed.map((c) => c.bbox), extent);
  const rings: (RingTester | undefined)[] = new Array(closed.length);
  const ringOf = (i: number): RingTester => (rings[i] ??= new RingTester(segmentsToRing(closed[i].segments, 0.01)));
  const depth = new Int32Array(closed.length);
  const parent = new Int32Array(closed.length).fill(-1);
  for (let i = 0; i < closed.length; i++) {
    const p = samplePoint(closed[i]);
    const absArea = Math.abs(closed[i].area);
    let best = -1;
    for (const j of index.candidates(p)) {
      // Only larger contours (earlier in the order) can contain this one; keep the smallest that does.
      if (j >= i || Math.abs(closed[j].area) <= absArea) continue;
      if (best >= 0 && j < best) continue;
      const bj = closed[j].bbox;
      const bi = closed[i].bbox;
      if (bi.minX < bj.minX || bi.maxX > bj.maxX || bi.minY < bj.minY || bi.maxY > bj.maxY) continue;
      if (ringOf(j).contains(p)) best = j;
    }
    parent[i] = best;
    depth[i] = best >= 0 ? depth[best] + 1 : 0;
  }
  const partOf = new Map<number, PartGeom>();
  const top: PartGeom[] = [];
  let partIndex = 0;
  for (let i = 0; i < closed.length; i++) {
    const c = closed[i];
    const isHole = depth[i] % 2 === 1;
    if ((c.area < 0) !== isHole) orientFlip(c);
    if (!isHole) {
      const part: PartGeom = { id: `p${partIndex++}`, outer: c, holes: [], islands: [] };
      partOf.set(i, part);
      if (parent[i] < 0) top.push(part);
      else partOf.get(parent[i])?.islands.push(part); // parent is a hole, mapped to its part
    } else {
      partOf.get(parent[i])?.holes.push(c);
      partOf.set(i, partOf.get(parent[i])!);
    }
  }
  return top;
}

function orientFlip(c: Contour): void {
  c.segments = reverseSegments(c.segments);
  c.area = -c.area;
}

/** Every part, islands included, depth first. */
export function allParts(parts: PartGeom[]): PartGeom[] {
  const out: PartGeom[] = [];
  const visit = (p: PartGeom): void => {
    out.push(p);
    p.islands.forEach(visit);
  };
  parts.forEach(visit);
  return out;
}
