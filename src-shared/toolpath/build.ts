// From parts and contours to an ordered toolpath: engrave fills first, then score lines, then cuts with every
// contour cut before the contour that contains it (islands before the hole around them, holes before their
// outline), so nothing falls out or shifts before it is finished. Cut contours are kerf-compensated; closed
// cuts can get a lead-in on the scrap side and tabs (outlines only); each contour's passes run back to back.
import type { Contour, PartGeom } from '../geometry/contours';
import { pointInRing, segmentsToRing } from '../geometry/polygon';
import { addSegmentToBBox, emptyBBox, isEmptyBBox, segLength, segmentsLength, segStart, unionBBox } from '../geometry/segments';
import type { BBox, Finding, Ring, Segment, Vec2 } from '../geometry/types';
import { fillRegions, hatchPieces, hatchSpans, ringsBBox } from './hatch';
import { asCircle, offsetClosedContour } from './kerf';
import { DEFAULT_OPTIMISE_BUDGET, orderItems, type OrderItem, type Placement } from './order';
import { toolpathMessage, type ToolpathMessageCode } from './messages';
import { pieceEnd, rightNormalAtStart, splitWithGaps, startClosedAt } from './pieces';
import type { LaserRun, OperationSettings, RunKind, ToolpathInput, ToolpathOptions, ToolpathProgram } from './types';

interface Candidate {
  kind: RunKind;
  sourceId: string;
  closed: boolean;
  /** Closed chains: the loop. Open: the chain in its drawn direction. Engrave: the prepared pieces. */
  segments: Segment[];
  pieces?: { seg: Segment; on: boolean }[];
  start?: Vec2;
  role: 'outer' | 'hole' | 'open' | 'fill';
  settings: OperationSettings;
  after: number[];
}

const CORNER_TURN_RAD = Math.PI / 6;

function bboxOf(segs: readonly Segment[]): BBox {
  const b = emptyBBox();
  for (const s of segs) addSegmentToBBox(b, s);
  return b;
}

/** Start candidates of a closed loop: its vertices, only the corners sharper than 30° when asked (if any). */
function startPoints(segs: readonly Segment[], corners: boolean): Vec2[] {
  const all = segs.map(segStart);
  if (!corners || segs.length < 3) return all;
  const sharp = all.filter((_, i) => {
    const prev = segs[(i + segs.length - 1) % segs.length];
    const cur = segs[i];
    const a = prev.kind === 'line' ? Math.atan2(prev.b.y - prev.a.y, prev.b.x - prev.a.x) : prev.startAngle + prev.sweep + (Math.sign(prev.sweep) * Math.PI) / 2;
    const b = cur.kind === 'line' ? Math.atan2(cur.b.y - cur.a.y, cur.b.x - cur.a.x) : cur.startAngle + (Math.sign(cur.sweep) * Math.PI) / 2;
    let turn = Math.abs(b - a) % (2 * Math.PI);
    if (turn > Math.PI) turn = 2 * Math.PI - turn;
    return turn > CORNER_TURN_RAD;
  });
  return sharp.length > 0 ? sharp : all;
}

function finding(code: ToolpathMessageCode, params: Record<string, string | number>, c?: Contour): Finding {
  const message = toolpathMessage(code, 'en', params);
  return c ? { code, severity: 'warning', message, layer: c.layer, at: segStart(c.segments[0]) } : { code, severity: 'warning', message };
}

/** Cut candidates of one part (recursively its islands), with containment precedence. Returns their indices. */
function addPart(part: PartGeom, input: ToolpathInput, opts: ToolpathOptions, out: Candidate[], findings: Finding[]): number[] {
  const isCut = (c: Contour): boolean => input.layerOps[c.layer] === 'cut';
  const tol = opts.chordToleranceMm ?? 0.01;
  const half = opts.kerfMm / 2;
  const mine: number[] = [];
  const islandItems = part.islands.map((island) => ({ island, items: addPart(island, input, opts, out, findings) }));
  islandItems.forEach((x) => mine.push(...x.items));
  const holeItems: number[] = [];
  for (const hole of part.holes) {
    if (!isCut(hole)) continue;
    const ring: Ring = segmentsToRing(hole.segments, tol);
    const inside = islandItems.filter(({ island }) => pointInRing(segStart(island.outer.segments[0]), ring)).flatMap((x) => x.items);
    const loops = offsetClosedContour(hole.segments, -half, tol);
    if (loops.length === 0) findings.push(finding('HOLE_SMALLER_THAN_KERF', { id: hole.id, kerf: opts.kerfMm }, hole));
    for (const loop of loops) {
      out.push({ kind: 'cut', sourceId: hole.id, closed: true, segments: loop, role: 'hole', settings: input.settings.cut, after: inside });
      holeItems.push(out.length - 1);
    }
  }
  mine.push(...holeItems);
  if (isCut(part.outer)) {
    const before = [...mine];
    for (const loop of offsetClosedContour(part.outer.segments, half, tol)) {
      out.push({ kind: 'cut', sourceId: part.outer.id, closed: true, segments: loop, role: 'outer', settings: input.settings.cut, after: before });
      mine.push(out.length - 1);
    }
  }
  return mine;
}

function collectCandidates(input: ToolpathInput, opts: ToolpathOptions, findings: Finding[]): Candidate[][] {
  const engrave: Candidate[] = [];
  const score: Candidate[] = [];
  const cut: Candidate[] = [];
  // Engrave: fill regions per layer (closed contours on engrave layers, plus fill paths).
  const regions = new Map<string, Ring[]>();
  const tol = opts.chordToleranceMm ?? 0.01;
  const addRing = (layer: string, segs: Segment[]): void => {
    const list = regions.get(layer) ?? [];
    list.push(segmentsToRing(segs, tol));
    regions.set(layer, list);
  };
  for (const c of input.contours) {
    const op = input.layerOps[c.layer];
    if (op === 'engrave' && c.closed) addRing(c.layer, c.segments);
    else if (op === 'score' || (op === 'engrave' && !c.closed)) {
      score.push({ kind: 'score', sourceId: c.id, closed: c.closed, segments: c.segments, role: c.closed ? 'outer' : 'open', settings: input.settings.score, after: [] });
    } else if (op === 'cut' && !c.closed) {
      findings.push(finding('OPEN_CUT_CONTOUR', { id: c.id, layer: c.layer }, c));
      cut.push({ kind: 'cut', sourceId: c.id, closed: false, segments: c.segments, role: 'open', settings: input.settings.cut, after: [] });
    }
  }
  // Fills (HATCH, filled text) engrave whatever their layer's operation, unless the layer is ignored.
  for (const f of input.fills ?? []) {
    const op = input.layerOps[f.layer];
    if (f.closed && op !== undefined && op !== 'ignore') addRing(f.layer, f.segments);
  }
  const e = input.settings.engrave;
  for (const [layer, rings] of [...regions.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    fillRegions(rings).forEach((region, k) => {
      const hatch = hatchPieces(hatchSpans(region, ringsBBox(region), e.linePitchMm), e.overscanMm);
      if (!hatch) return;
      engrave.push({ kind: 'engrave', sourceId: `fill:${layer}:${k}`, closed: false, segments: hatch.pieces.map((p) => p.seg), pieces: hatch.pieces, start: hatch.start, role: 'fill', settings: e, after: [] });
    });
  }
  // Cut: parts with containment precedence (indices local to the cut group, after the open cuts).
  for (const part of input.parts) addPart(part, input, opts, cut, findings);
  return [engrave, score, cut];
}

function toOrderItem(c: Candidate, corners: boolean): OrderItem {
  const bbox = bboxOf(c.segments);
  if (!c.closed) {
    const first = c.start ?? segStart(c.segments[0]);
    const last = c.pieces ? pieceEnd(c.pieces[c.pieces.length - 1].seg) : pieceEnd(c.segments[c.segments.length - 1]);
    return { closed: false, points: [first, last], bbox, after: c.after };
  }
  const circle = asCircle(c.segments);
  if (circle) return { closed: true, points: [segStart(c.segments[0])], circle: { center: circle.arc.center, radius: circle.arc.radius }, bbox, after: c.after };
  return { closed: true, points: startPoints(c.segments, corners), bbox, after: c.after };
}

function reverseChain(segs: readonly Segment[]): Segment[] {
  return [...segs].reverse().map((s): Segment => (s.kind === 'line' ? { kind: 'line', a: s.b, b: s.a } : { ...s, startAngle: s.startAngle + s.sweep, sweep: -s.sweep }));
}

function runsFor(c: Candidate, place: Placement, opts: ToolpathOptions): LaserRun[] {
  let pieces: { seg: Segment; on: boolean }[];
  let start: Vec2;
  if (c.pieces) {
    pieces = place.reversed ? reverseChain(c.pieces.map((p) => p.seg)).map((seg, i, all) => ({ seg, on: c.pieces![all.length - 1 - i].on })) : c.pieces;
    start = place.entry;
  } else if (!c.closed) {
    const segs = place.reversed ? reverseChain(c.segments) : c.segments;
    pieces = segs.map((seg) => ({ seg, on: true }));
    start = place.entry;
  } else {
    const loop = startClosedAt(c.segments, place.entry);
    start = segStart(loop[0]);
    const tabs = opts.tabs;
    const length = segmentsLength(loop);
    const gaps: [number, number][] = [];
    if (c.role === 'outer' && tabs && tabs.count > 0 && tabs.widthMm > 0 && length > tabs.count * tabs.widthMm * 2) {
      for (let i = 0; i < tabs.count; i++) {
        const mid = ((i + 0.5) * length) / tabs.count;
        gaps.push([mid - tabs.widthMm / 2, mid + tabs.widthMm / 2]);
      }
    }
    pieces = splitWithGaps(loop, gaps);
    const lead = opts.leadInMm ?? 0;
    if (lead > 0 && c.kind === 'cut') {
      const b = bboxOf(loop);
      const len = c.role === 'hole' ? Math.min(lead, 0.4 * Math.min(b.maxX - b.minX, b.maxY - b.minY)) : lead;
      if (len > 1e-3) {
        const n = rightNormalAtStart(loop);
        const from = { x: start.x + n.x * len, y: start.y + n.y * len };
        pieces = [{ seg: { kind: 'line', a: from, b: start }, on: true }, ...pieces];
        start = from;
      }
    }
  }
  const runs: LaserRun[] = [];
  for (let pass = 1; pass <= Math.max(1, c.settings.passes); pass++) runs.push({ kind: c.kind, sourceId: c.sourceId, start, pieces, settings: c.settings, pass });
  return runs;
}

/** Builds the ordered toolpath. Pure and deterministic. */
export function buildToolpath(input: ToolpathInput, opts: ToolpathOptions): ToolpathProgram {
  if (!(opts.kerfMm >= 0)) throw new Error(`kerf must be ≥ 0 mm, got ${opts.kerfMm}`);
  const findings: Finding[] = [];
  const origin = opts.origin ?? { x: 0, y: 0 };
  const groups = collectCandidates(input, opts, findings);
  const runs: LaserRun[] = [];
  let here = origin;
  let travelMm = 0;
  for (const group of groups) {
    if (group.length === 0) continue;
    const items = group.map((c) => toOrderItem(c, opts.startPoint === 'corner'));
    const { order } = orderItems(items, here, opts.optimiseBudget ?? DEFAULT_OPTIMISE_BUDGET);
    for (const place of order) {
      for (const run of runsFor(group[place.index], place, opts)) {
        travelMm += Math.hypot(run.start.x - here.x, run.start.y - here.y);
        runs.push(run);
        here = pieceEnd(run.pieces[run.pieces.length - 1].seg);
      }
    }
  }
  const bbox = emptyBBox();
  let laserOnMm = 0;
  for (const r of runs) {
    for (const p of r.pieces) {
      if (p.on) laserOnMm += segLength(p.seg);
      const b = emptyBBox();
      addSegmentToBBox(b, p.seg);
      unionBBox(bbox, b);
    }
  }
  if (runs.length === 0) findings.push(finding('NOTHING_TO_CUT', {}));
  return { runs, origin, travelMm, laserOnMm, bbox: isEmptyBBox(bbox) ? { minX: 0, minY: 0, maxX: 0, maxY: 0 } : bbox, findings };
}
