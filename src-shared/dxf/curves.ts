// DXF curve entities → segments in their own coordinates, handed to Ctx.emit: LINE, CIRCLE, ARC, ELLIPSE,
// LWPOLYLINE, POLYLINE (2D/3D with VERTEX records; polygon and polyface meshes are meshes, never paths), SPLINE
// (NURBS with knots/weights, or fit points), SOLID/TRACE (filled quadrilaterals) and LEADER. Each converter reads
// its tags in one switch loop into locals; the common properties go into one reused object.
import { ellipseToSegments } from '../geometry/ellipse';
import { flattenNurbs, interpolateFitPoints, validateNurbs, type Nurbs } from '../geometry/nurbs';
import { bulgeToSegment, TAU } from '../geometry/segments';
import type { Segment, Vec2 } from '../geometry/types';
import type { Common, Ctx, Frame } from './context';
import { num, str, type EntityRef } from './document';

const DEG = Math.PI / 180;

/** The reused common-properties object (converters run one at a time, never re-entrantly while reading). */
export const common: Common = { layer: '0', color: undefined, trueColor: undefined, handle: undefined, paperSpace: false, nx: 0, ny: 0, nz: 1 };

export function resetCommon(): void {
  common.layer = '0';
  common.color = undefined;
  common.trueColor = undefined;
  common.handle = undefined;
  common.paperSpace = false;
  common.nx = 0;
  common.ny = 0;
  common.nz = 1;
}

/** Reads a common property tag; true when the code was one. */
export function readCommon(ctx: Ctx, code: number, k: number): boolean {
  const t = ctx.doc.tags;
  switch (code) {
    case 8:
      common.layer = str(t, k);
      return true;
    case 62:
      common.color = num(t, k);
      return true;
    case 420:
      common.trueColor = num(t, k);
      return true;
    case 5:
      common.handle = str(t, k) || undefined;
      return true;
    case 67:
      common.paperSpace = num(t, k) === 1;
      return true;
    case 210:
      common.nx = num(t, k);
      return true;
    case 220:
      common.ny = num(t, k);
      return true;
    case 230:
      common.nz = num(t, k);
      return true;
  }
  return false;
}

/** Reads only the common properties of an entity (for types with no geometry of their own). */
export function readCommonOnly(ctx: Ctx, e: EntityRef): void {
  resetCommon();
  const codes = ctx.doc.tags.codes;
  for (let k = e.start + 1; k < e.end; k++) readCommon(ctx, codes[k], k);
}

export function convertLine(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  let x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code === 10) x0 = num(t, k);
    else if (code === 20) y0 = num(t, k);
    else if (code === 11) x1 = num(t, k);
    else if (code === 21) y1 = num(t, k);
    else readCommon(ctx, code, k);
  }
  // LINE points are world coordinates: the extrusion only gives a thickness direction.
  ctx.emit([{ kind: 'line', a: { x: x0, y: y0 }, b: { x: x1, y: y1 } }], false, 'LINE', common, frame, frame.m);
}

export function convertCircleArc(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  let cx = 0, cy = 0, cz = 0, r = 0, a0 = 0, a1 = 360;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code === 10) cx = num(t, k);
    else if (code === 20) cy = num(t, k);
    else if (code === 30) cz = num(t, k);
    else if (code === 40) r = num(t, k);
    else if (code === 50) a0 = num(t, k);
    else if (code === 51) a1 = num(t, k);
    else readCommon(ctx, code, k);
  }
  const isCircle = e.type === 'CIRCLE';
  let sweep = TAU;
  if (!isCircle) {
    sweep = ((((a1 - a0) % 360) + 360) % 360) * DEG;
    if (sweep === 0) sweep = TAU; // ARC from a to a is a full turn in AutoCAD
  }
  const seg: Segment = { kind: 'arc', center: { x: cx, y: cy }, radius: Math.abs(r), startAngle: isCircle ? 0 : a0 * DEG, sweep };
  ctx.emit([seg], isCircle, e.type, common, frame, ctx.matrix(common, frame, cz));
}

export function convertEllipse(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  let cx = 0, cy = 0, mx = 1, my = 0, mz = 0, ratio = 1, p0 = 0, p1 = TAU;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code === 10) cx = num(t, k);
    else if (code === 20) cy = num(t, k);
    else if (code === 11) mx = num(t, k);
    else if (code === 21) my = num(t, k);
    else if (code === 31) mz = num(t, k);
    else if (code === 40) ratio = num(t, k);
    else if (code === 41) p0 = num(t, k);
    else if (code === 42) p1 = num(t, k);
    else readCommon(ctx, code, k);
  }
  // Centre and major axis are world coordinates; minor axis = ratio · (N × major).
  const nl = Math.hypot(common.nx, common.ny, common.nz) || 1;
  const nx = common.nx / nl, ny = common.ny / nl, nz = common.nz / nl;
  const minor = { x: ratio * (ny * mz - nz * my), y: ratio * (nz * mx - nx * mz) };
  let sweep = (((p1 - p0) % TAU) + TAU) % TAU;
  if (sweep < 1e-12) sweep = TAU;
  const full = Math.abs(sweep - TAU) < 1e-9;
  const m = frame.m;
  const segs = ellipseToSegments({ center: { x: cx, y: cy }, major: { x: mx, y: my }, minor, start: p0, sweep }, ctx.localTol(m));
  ctx.emit(segs, full, 'ELLIPSE', common, frame, m);
}

/** Segments through vertices with bulges (bulge i belongs to the segment from vertex i to i+1). */
export function polylineSegments(xs: number[], ys: number[], bulges: number[], closed: boolean): Segment[] {
  const n = xs.length;
  const segs: Segment[] = [];
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const j = (i + 1) % n;
    if (xs[i] === xs[j] && ys[i] === ys[j]) continue;
    segs.push(bulgeToSegment({ x: xs[i], y: ys[i] }, { x: xs[j], y: ys[j] }, bulges[i] || 0));
  }
  return segs;
}

export function convertLwPolyline(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  const xs: number[] = [];
  const ys: number[] = [];
  const bulges: number[] = [];
  let flags = 0;
  let elevation = 0;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code === 10) {
      xs.push(num(t, k));
      ys.push(0);
      bulges.push(0);
    } else if (code === 20) ys[ys.length - 1] = num(t, k);
    else if (code === 42) bulges[bulges.length - 1] = num(t, k);
    else if (code === 70) flags = num(t, k);
    else if (code === 38) elevation = num(t, k);
    else readCommon(ctx, code, k);
  }
  const closed = (flags & 1) === 1;
  ctx.emit(polylineSegments(xs, ys, bulges, closed), closed, 'LWPOLYLINE', common, frame, ctx.matrix(common, frame, elevation));
}

/**
 * POLYLINE followed by VERTEX records up to SEQEND, starting at list[index]. Returns the index after the last
 * record consumed.
 */
export function convertPolyline(ctx: Ctx, list: EntityRef[], index: number, frame: Frame): number {
  const t = ctx.doc.tags;
  resetCommon();
  const head = list[index];
  let flags = 0;
  let elevation = 0;
  for (let k = head.start + 1; k < head.end; k++) {
    const code = t.codes[k];
    if (code === 70) flags = num(t, k);
    else if (code === 30) elevation = num(t, k);
    else readCommon(ctx, code, k);
  }
  const headCommon = { ...common };
  const xs: number[] = [];
  const ys: number[] = [];
  const bulges: number[] = [];
  let i = index + 1;
  for (; i < list.length && list[i].type === 'VERTEX'; i++) {
    const v = list[i];
    let x = 0, y = 0, bulge = 0, vflags = 0;
    for (let k = v.start + 1; k < v.end; k++) {
      const code = t.codes[k];
      if (code === 10) x = num(t, k);
      else if (code === 20) y = num(t, k);
      else if (code === 42) bulge = num(t, k);
      else if (code === 70) vflags = num(t, k);
    }
    // 16: spline frame control point (not on the curve); 128 without 64: polyface face record.
    if (vflags & 16) continue;
    if ((vflags & 128) && !(vflags & 64)) continue;
    xs.push(x);
    ys.push(y);
    bulges.push(bulge);
  }
  if (i < list.length && list[i].type === 'SEQEND') i++;
  if (flags & (16 | 64)) {
    ctx.meshes['POLYLINE (mesh)'] = (ctx.meshes['POLYLINE (mesh)'] ?? 0) + 1;
    return i;
  }
  const closed = (flags & 1) === 1;
  const is3d = (flags & 8) !== 0;
  const m = is3d ? frame.m : ctx.matrix(headCommon, frame, elevation);
  ctx.emit(polylineSegments(xs, ys, is3d ? [] : bulges, closed), closed, 'POLYLINE', headCommon, frame, m);
  return i;
}

export function convertSpline(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  let flags = 0;
  let degree = 3;
  const knots: number[] = [];
  const weights: number[] = [];
  const control: Vec2[] = [];
  const fit: Vec2[] = [];
  let startTangent: Vec2 | undefined;
  let endTangent: Vec2 | undefined;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    switch (code) {
      case 70: flags = num(t, k); break;
      case 71: degree = num(t, k); break;
      case 40: knots.push(num(t, k)); break;
      case 41: weights.push(num(t, k)); break;
      case 10: control.push({ x: num(t, k), y: 0 }); break;
      case 20: if (control.length) control[control.length - 1].y = num(t, k); break;
      case 11: fit.push({ x: num(t, k), y: 0 }); break;
      case 21: if (fit.length) fit[fit.length - 1].y = num(t, k); break;
      case 12: startTangent = { x: num(t, k), y: 0 }; break;
      case 22: if (startTangent) startTangent.y = num(t, k); break;
      case 13: endTangent = { x: num(t, k), y: 0 }; break;
      case 23: if (endTangent) endTangent.y = num(t, k); break;
      default: readCommon(ctx, code, k);
    }
  }
  const m = frame.m;
  const tol = ctx.localTol(m);
  let pts: Vec2[] | null = null;
  if (control.length >= 2) {
    const nurbs: Nurbs = { degree, knots, control, weights: weights.length === control.length ? weights : [] };
    const problem = validateNurbs(nurbs);
    if (problem) {
      ctx.report({ code: 'BAD_SPLINE', severity: 'warning', message: `SPLINE ${common.handle ?? ''}: ${problem}; its control polygon was used.`, layer: common.layer, handle: frame.handle ?? common.handle });
      pts = control;
    } else pts = flattenNurbs(nurbs, tol);
  } else if (fit.length >= 2) {
    const nurbs = interpolateFitPoints(fit, startTangent, endTangent);
    pts = nurbs ? flattenNurbs(nurbs, tol) : fit;
  }
  if (!pts || pts.length < 2) {
    ctx.report({ code: 'BAD_SPLINE', severity: 'warning', message: 'A SPLINE has neither control points nor fit points; skipped.', layer: common.layer, handle: frame.handle ?? common.handle });
    return;
  }
  const segs: Segment[] = [];
  for (let i = 1; i < pts.length; i++) {
    if (pts[i].x !== pts[i - 1].x || pts[i].y !== pts[i - 1].y) segs.push({ kind: 'line', a: pts[i - 1], b: pts[i] });
  }
  const first = pts[0];
  const last = pts[pts.length - 1];
  const closed = (flags & 1) === 1 || (Math.abs(first.x - last.x) < 1e-9 && Math.abs(first.y - last.y) < 1e-9);
  ctx.emit(segs, closed, 'SPLINE', common, frame, m);
}

/** SOLID / TRACE: corners 1,2,3,4 drawn in the order 1,2,4,3 (a triangle when 3 = 4); a filled area. */
export function convertSolid(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  const xs = [0, 0, 0, NaN];
  const ys = [0, 0, 0, NaN];
  let z = 0;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code >= 10 && code <= 13) xs[code - 10] = num(t, k);
    else if (code >= 20 && code <= 23) ys[code - 20] = num(t, k);
    else if (code === 30) z = num(t, k);
    else readCommon(ctx, code, k);
  }
  if (Number.isNaN(xs[3])) {
    xs[3] = xs[2];
    ys[3] = ys[2];
  }
  const ox = [xs[0], xs[1], xs[3], xs[2]];
  const oy = [ys[0], ys[1], ys[3], ys[2]];
  ctx.emit(polylineSegments(ox, oy, [], true), true, e.type, common, frame, ctx.matrix(common, frame, z), true);
}

/** LEADER: its vertex list as an open path on the annotation layer. */
export function convertLeader(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code === 10) {
      xs.push(num(t, k));
      ys.push(0);
    } else if (code === 20) ys[ys.length - 1] = num(t, k);
    else readCommon(ctx, code, k);
  }
  ctx.emit(polylineSegments(xs, ys, [], false), false, 'LEADER', common, { ...frame, annotation: true }, frame.m);
}

