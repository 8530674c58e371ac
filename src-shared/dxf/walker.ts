// Walks an entity list (model space or a block) and dispatches each entity to its converter. INSERT expands its
// block (nested, with scale incl. negative = mirror, rotation, column/row arrays, base point, extrusion) with a
// depth limit and a guard against blocks that insert themselves; DIMENSION and its relatives draw their
// anonymous block onto the non-cutting annotation layer; TEXT/MTEXT/ATTRIB become text items; meshes and
// unsupported types are counted, never silently lost.
import { compose, rotation, scaling, translation, type Affine } from '../geometry/transform';
import type { Ctx, Frame } from './context';
import {
  common,
  convertCircleArc,
  convertEllipse,
  convertLeader,
  convertLine,
  convertLwPolyline,
  convertPolyline,
  convertSolid,
  convertSpline,
  readCommon,
  readCommonOnly,
  resetCommon,
} from './curves';
import { num, type EntityRef } from './document';
import { convertHatch } from './hatch';
import { convertText } from './text-entities';

const DEG = Math.PI / 180;
export const MAX_INSERT_DEPTH = 64;

/** Types that carry no cuttable geometry by design (not reported as unsupported). */
const NON_GEOMETRY = new Set(['POINT', 'VIEWPORT', 'ATTDEF', 'SEQEND', 'VERTEX', 'ENDBLK', 'BLOCK']);
const MESHES = new Set(['3DFACE', 'MESH', 'POLYFACE', '3DSOLID', 'BODY', 'REGION', 'SURFACE', 'PLANESURFACE']);
const DIMENSIONS = new Set(['DIMENSION', 'ARC_DIMENSION', 'LARGE_RADIAL_DIMENSION']);

export function walkEntities(ctx: Ctx, list: EntityRef[], frame: Frame, topLevel: boolean): void {
  for (let i = 0; i < list.length && !ctx.budgetExceeded; i++) {
    const e = list[i];
    if (topLevel) {
      if (isPaperSpace(ctx, e)) continue;
      if (e.type !== 'VERTEX' && e.type !== 'SEQEND' && e.type !== 'ATTRIB') ctx.entities[e.type] = (ctx.entities[e.type] ?? 0) + 1;
    }
    // The top-level frame is reused: only its handle changes from entity to entity (no per-entity allocation).
    if (topLevel) frame.handle = handleOf(ctx, e);
    const f = frame;
    switch (e.type) {
      case 'LINE':
        convertLine(ctx, e, f);
        break;
      case 'CIRCLE':
      case 'ARC':
        convertCircleArc(ctx, e, f);
        break;
      case 'ELLIPSE':
        convertEllipse(ctx, e, f);
        break;
      case 'LWPOLYLINE':
        convertLwPolyline(ctx, e, f);
        break;
      case 'POLYLINE':
        i = convertPolyline(ctx, list, i, f) - 1;
        break;
      case 'SPLINE':
        convertSpline(ctx, e, f);
        break;
      case 'SOLID':
      case 'TRACE':
        convertSolid(ctx, e, f);
        break;
      case 'HATCH':
        convertHatch(ctx, e, f);
        break;
      case 'LEADER':
        convertLeader(ctx, e, f);
        break;
      case 'TEXT':
      case 'MTEXT':
        convertText(ctx, e, f);
        break;
      case 'ATTRIB':
        if (!attribInvisible(ctx, e)) convertText(ctx, e, f);
        break;
      case 'INSERT':
        i = convertInsert(ctx, list, i, f) - 1;
        break;
      default:
        if (DIMENSIONS.has(e.type)) convertDimension(ctx, e, f);
        else if (MESHES.has(e.type)) ctx.meshes[e.type] = (ctx.meshes[e.type] ?? 0) + 1;
        else if (!NON_GEOMETRY.has(e.type)) ctx.unsupported[e.type] = (ctx.unsupported[e.type] ?? 0) + 1;
    }
  }
}

function isPaperSpace(ctx: Ctx, e: EntityRef): boolean {
  const { codes } = ctx.doc.tags;
  for (let k = e.start + 1; k < e.end; k++) if (codes[k] === 67) return num(ctx.doc.tags, k) === 1;
  return false;
}

function handleOf(ctx: Ctx, e: EntityRef): string | undefined {
  const { codes, values } = ctx.doc.tags;
  for (let k = e.start + 1; k < e.end && k < e.start + 4; k++) if (codes[k] === 5) return String(values[k]) || undefined;
  return undefined;
}

function attribInvisible(ctx: Ctx, e: EntityRef): boolean {
  const { codes } = ctx.doc.tags;
  for (let k = e.start + 1; k < e.end; k++) if (codes[k] === 70) return (num(ctx.doc.tags, k) & 1) === 1;
  return false;
}

/**
 * What the contents of a block inherit from the entity just read into `common` (its layer for layer-0 entities,
 * its colour for BYBLOCK). Taken once, before any child is read: children reuse `common`.
 */
function inherited(ctx: Ctx, frame: Frame): Pick<Frame, 'layer' | 'color' | 'handle'> {
  const layer = ctx.layerOf(common, frame);
  return { layer, color: ctx.colorOf(common, frame, layer), handle: frame.handle ?? common.handle };
}

function childFrame(frame: Frame, m: Affine, blockName: string, inherit: Pick<Frame, 'layer' | 'color' | 'handle'>): Frame {
  return { m, ...inherit, annotation: frame.annotation, depth: frame.depth + 1, stack: [...frame.stack, blockName] };
}

/** Checks depth and recursion before expanding a block; reports and returns false when it must not be. */
function mayExpand(ctx: Ctx, frame: Frame, key: string, name: string): boolean {
  if (frame.stack.includes(key)) {
    ctx.report({ code: 'BLOCK_RECURSION', severity: 'error', message: `Block "${name}" inserts itself (directly or through other blocks); the inner insert was skipped.`, handle: frame.handle });
    return false;
  }
  if (frame.depth >= MAX_INSERT_DEPTH) {
    ctx.report({ code: 'NESTING_TOO_DEEP', severity: 'error', message: `Blocks are nested more than ${MAX_INSERT_DEPTH} levels deep at "${name}"; deeper levels were skipped.`, handle: frame.handle });
    return false;
  }
  return true;
}

/** INSERT (+ its ATTRIBs up to SEQEND). Returns the index after the records consumed. */
function convertInsert(ctx: Ctx, list: EntityRef[], index: number, frame: Frame): number {
  const e = list[index];
  const t = ctx.doc.tags;
  resetCommon();
  let name = '';
  let x = 0, y = 0, z = 0, sx = 1, sy = 1, rot = 0, cols = 1, rows = 1, colSp = 0, rowSp = 0;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    switch (code) {
      case 2: name = String(t.values[k]); break;
      case 10: x = num(t, k); break;
      case 20: y = num(t, k); break;
      case 30: z = num(t, k); break;
      case 41: sx = num(t, k); break;
      case 42: sy = num(t, k); break;
      case 50: rot = num(t, k) * DEG; break;
      case 70: cols = num(t, k); break;
      case 71: rows = num(t, k); break;
      case 44: colSp = num(t, k); break;
      case 45: rowSp = num(t, k); break;
      default: readCommon(ctx, code, k);
    }
  }
  let next = index + 1;
  // ATTRIBs belong to the insert but are stored in world coordinates: convert them with the parent frame.
  while (next < list.length && list[next].type === 'ATTRIB') {
    if (!attribInvisible(ctx, list[next])) convertText(ctx, list[next], frame);
    next++;
  }
  if (next < list.length && list[next].type === 'SEQEND' && next > index + 1) next++;
  const key = name.toUpperCase();
  const block = ctx.doc.blocks.get(key);
  if (!block) {
    ctx.report({ code: 'BLOCK_NOT_FOUND', severity: 'warning', message: `INSERT refers to block "${name}", which the file does not define.`, handle: frame.handle ?? common.handle }, `BLOCK_NOT_FOUND:${key}`);
    return next;
  }
  if (block.flags & 4) {
    ctx.report({ code: 'XREF_NOT_LOADED', severity: 'warning', message: `Block "${name}" is an external reference; its drawing is not part of this file.` }, `XREF:${key}`);
    return next;
  }
  if (!mayExpand(ctx, frame, key, name)) return next;
  if (sx === 0 || sy === 0 || !Number.isFinite(sx * sy)) {
    ctx.report({ code: 'INSERT_ZERO_SCALE', severity: 'warning', message: `INSERT of "${name}" has scale ${sx} × ${sy}; its contents collapse and were skipped.`, handle: frame.handle ?? common.handle }, `ZERO_SCALE:${key}`);
    return next;
  }
  const ocsBase = ctx.matrix(common, frame, z);
  const inherit = inherited(ctx, frame);
  const local = compose(rotation(rot), compose(scaling(sx, sy), translation(-block.baseX, -block.baseY)));
  cols = Math.max(1, Math.floor(cols) || 1);
  rows = Math.max(1, Math.floor(rows) || 1);
  const cos = Math.cos(rot), sin = Math.sin(rot);
  for (let r = 0; r < rows && !ctx.budgetExceeded; r++) {
    for (let c = 0; c < cols && !ctx.budgetExceeded; c++) {
      const ox = c * colSp, oy = r * rowSp;
      const place = translation(x + ox * cos - oy * sin, y + ox * sin + oy * cos);
      const m = compose(ocsBase, compose(place, local));
      walkEntities(ctx, block.entities, childFrame(frame, m, key, inherit), false);
    }
  }
  return next;
}

/** DIMENSION-like entities: their anonymous block (code 2), drawn on the annotation layer. */
function convertDimension(ctx: Ctx, e: EntityRef, frame: Frame): void {
  readCommonOnly(ctx, e);
  const t = ctx.doc.tags;
  let name = '';
  let x = 0, y = 0;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    if (code === 2 && !name) name = String(t.values[k]);
    else if (code === 12) x = num(t, k);
    else if (code === 22) y = num(t, k);
  }
  const key = name.toUpperCase();
  const block = ctx.doc.blocks.get(key);
  if (!block) {
    ctx.unsupported[`${e.type} (no block)`] = (ctx.unsupported[`${e.type} (no block)`] ?? 0) + 1;
    return;
  }
  if (!mayExpand(ctx, frame, key, name)) return;
  const m = compose(frame.m, translation(x, y));
  walkEntities(ctx, block.entities, { ...childFrame(frame, m, key, inherited(ctx, frame)), annotation: true }, false);
}

