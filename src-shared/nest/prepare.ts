// Turns a validated job into what the packer works on: one "variant" per (part, orientation) with its integer
// nesting region (grown by half the spacing + SAFETY, holes kept only with part-in-part), the sheet slots with
// their obstacles (used regions of offcuts), and the list of part instances. Parts that can never be placed
// (bad outline, larger than every sheet) are reported here with their reason.
import type { Ring, Vec2 } from '../geometry/types';
import type { NestJob, NestPart, RotationRule, Unplaced } from './types';
import { Clipper, chooseScale, inflate, normalise, simplifyOutward, signedArea, toPath64, boxOfPaths, translate, SAFETY, type IntBox, type Paths64 } from './int-geometry';
import { outlineProblem, validateJob } from './validate';

export interface Variant {
  id: number;
  part: number;
  rotation: number;
  mirrored: boolean;
  /** Nesting region in integer units, reference point = the part's own origin. */
  region: Paths64;
  box: IntBox;
  /** Same id ⇔ same region up to translation (copies drawn at different places share their NFPs). */
  shape: number;
  /** Translation from the shape's normalised region (box corner at 0,0) to `region`. */
  shift: { x: number; y: number };
  /** Bounding box of the exact transformed outline (input units). */
  body: { minX: number; minY: number; maxX: number; maxY: number };
}

export interface SheetSlot {
  index: number;
  sheetId?: string;
  width: number;
  height: number;
  margin: number;
  /** Grown used regions, integer units. */
  obstacles: Paths64;
}

export interface Instance {
  part: number;
  copy: number;
  area: number;
}

export interface Prepared {
  scale: number;
  spacing: number;
  strip: boolean;
  parts: NestPart[];
  partArea: number[];
  /** Variant ids per part (empty when the part cannot be placed). */
  variantsOf: number[][];
  variants: Variant[];
  slots: SheetSlot[];
  instances: Instance[];
  rejected: Unplaced[];
  totalArea: number;
}

/** Normalised regions by signature → shape id. */
function shapeId(shapes: Map<string, number>, normalised: Paths64): number {
  const sig = normalised.map((r) => r.map((p) => `${p.x},${p.y}`).join(';')).join('|');
  let id = shapes.get(sig);
  if (id === undefined) shapes.set(sig, (id = shapes.size));
  return id;
}

/**
 * Curvy outlines (flattened arcs, splines) make NFPs slow: their convex decomposition has hundreds of pieces.
 * Sheet-mode regions are simplified outward (never smaller than the part) with a curve tolerance starting at
 * 0.05 mm and doubling, up to 0.8 mm, until the region has at most MAX_VERTICES vertices.
 */
function coarsen(region: Paths64, scale: number, arcTol: number): Paths64 {
  let out = region;
  for (let tol = 0.05; count(out) > MAX_VERTICES && tol <= 0.8; tol *= 2) out = simplifyOutward(region, Math.round(scale * tol), arcTol);
  return out;
}

function count(region: Paths64): number {
  return region.reduce((s, r) => s + r.length, 0);
}

/** Largest number of sheet slots opened for one job (a job with more sheets than parts never needs them all). */
const MAX_SLOTS = 10_000;
const MAX_VERTICES = 64;

export function prepare(job: NestJob): Prepared {
  validateJob(job);
  const spacing = job.spacing ?? 0;
  const strip = job.strip !== undefined;
  const extent = maxExtent(job);
  const scale = chooseScale(extent);
  const arcTol = Math.max(1, Math.round(scale * 0.005));
  const grow = Math.round((spacing / 2) * scale) + SAFETY + (spacing > 0 ? arcTol : 0);
  const join = spacing > 0 ? 'round' : 'miter';
  const slots = strip ? [stripSlot(job)] : sheetSlots(job, scale, grow, arcTol, join);

  const variants: Variant[] = [];
  const variantsOf: number[][] = [];
  const partArea: number[] = [];
  const rejected: Unplaced[] = [];
  const instances: Instance[] = [];
  const shapes = new Map<string, number>();
  let totalArea = 0;

  job.parts.forEach((part, pi) => {
    const problem = outlineProblem(part.shape?.outer);
    const area = problem ? 0 : Math.abs(signedArea(part.shape.outer)) - (part.shape.holes ?? []).reduce((s, h) => s + Math.abs(signedArea(h)), 0);
    partArea.push(area);
    variantsOf.push([]);
    if (problem) {
      for (let c = 0; c < part.quantity; c++) rejected.push({ part: part.id, instance: c, reason: 'invalid-geometry', message: `part "${part.id}": ${problem}` });
      return;
    }
    // The grown (and, on sheets, coarsened) region is built once in the part's own frame and then turned: exact
    // for mirroring and quarter turns; other angles round each vertex once more, covered by one extra unit.
    const allowed = orientations(part.rotations ?? job.rotations, part.mirror ?? job.mirror ?? false);
    const extra = allowed.some((o) => o.rotation % 90 !== 0) ? 1 : 0;
    const holes = job.partInPart ? (part.shape.holes ?? []).filter((h) => h.length >= 3).map((h) => orient(h, false)) : [];
    let base = inflate(normalise([toPath64(orient(part.shape.outer, true), scale), ...holes.map((h) => toPath64(h, scale))]), grow + extra, arcTol, join);
    // Growing can close narrow slots into enclosed holes; without part-in-part no hole is ever used.
    if (!job.partInPart) base = base.filter((r) => Clipper.area(r) > 0);
    if (!strip) base = coarsen(base, scale, arcTol);
    for (const { rotation, mirrored } of allowed) {
      const outer = part.shape.outer.map((p) => transform(p, rotation, mirrored));
      const region = base.map((ring) => {
        const turned = ring.map((p) => {
          const t = transform(p, rotation, mirrored);
          return { x: Math.round(t.x), y: Math.round(t.y) };
        });
        return mirrored ? turned.reverse() : turned;
      });
      const body = bounds(outer);
      const box = boxOfPaths(region);
      const shape = shapeId(shapes, translate(region, -box.minX, -box.minY));
      const v: Variant = { id: variants.length, part: pi, rotation, mirrored, region, box, body, shape, shift: { x: box.minX, y: box.minY } };
      if (!slots.some((s) => fitsSlot(v, s, scale))) continue;
      variants.push(v);
      variantsOf[pi].push(v.id);
    }
    if (variantsOf[pi].length === 0) {
      const b = bounds(part.shape.outer);
      const where = strip ? `the strip height ${job.strip!.height}` : 'every sheet\'s usable area';
      for (let c = 0; c < part.quantity; c++) {
        rejected.push({ part: part.id, instance: c, reason: 'too-large', message: `part "${part.id}" (${fmt(b.maxX - b.minX)}×${fmt(b.maxY - b.minY)}) does not fit ${where} in any allowed orientation` });
      }
      return;
    }
    for (let c = 0; c < part.quantity; c++) {
      instances.push({ part: pi, copy: c, area });
      totalArea += area;
    }
  });
  return { scale, spacing, strip, parts: job.parts, partArea, variantsOf, variants, slots, instances, rejected, totalArea };
}

/** The integer box of reference positions that keep the variant's exact outline inside the slot's margins. */
export function innerFit(v: Variant, s: SheetSlot, scale: number, length?: number): IntBox | null {
  const w = length ?? s.width;
  const box = {
    minX: Math.ceil((s.margin - v.body.minX) * scale) + SAFETY,
    minY: Math.ceil((s.margin - v.body.minY) * scale) + SAFETY,
    maxX: Math.floor((w - s.margin - v.body.maxX) * scale) - SAFETY,
    maxY: Math.floor((s.height - s.margin - v.body.maxY) * scale) - SAFETY,
  };
  return box.minX <= box.maxX && box.minY <= box.maxY ? box : null;
}

function fitsSlot(v: Variant, s: SheetSlot, scale: number): boolean {
  return innerFit(v, s, scale) !== null;
}

export function orientations(rule: RotationRule | undefined, mirror: boolean): { rotation: number; mirrored: boolean }[] {
  let degs: number[];
  if (!rule || rule.kind === 'locked') degs = [0];
  else if (rule.kind === 'steps') {
    const n = Math.max(1, Math.min(360, Math.floor(rule.steps)));
    degs = Array.from({ length: n }, (_, i) => (360 * i) / n);
  } else degs = [...new Set(rule.degrees.map((d) => ((d % 360) + 360) % 360))];
  if (degs.length === 0) degs = [0];
  const out = degs.map((rotation) => ({ rotation, mirrored: false }));
  if (mirror) for (const rotation of degs) out.push({ rotation, mirrored: true });
  return out;
}

/** Mirror in X (optional), then rotate counter-clockwise by `deg` about the origin; exact for multiples of 90°. */
export function transform(p: Vec2, deg: number, mirrored: boolean): Vec2 {
  const x = mirrored ? -p.x : p.x;
  const [c, s] = cosSin(deg);
  return { x: x * c - p.y * s, y: x * s + p.y * c };
}

function cosSin(deg: number): [number, number] {
  const d = ((deg % 360) + 360) % 360;
  if (d === 0) return [1, 0];
  if (d === 90) return [0, 1];
  if (d === 180) return [-1, 0];
  if (d === 270) return [0, -1];
  const r = (d * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

function orient(ring: Ring, ccw: boolean): Ring {
  return signedArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

function bounds(ring: Ring) {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const p of ring) {
    b.minX = Math.min(b.minX, p.x);
    b.minY = Math.min(b.minY, p.y);
    b.maxX = Math.max(b.maxX, p.x);
    b.maxY = Math.max(b.maxY, p.y);
  }
  return b;
}

function maxExtent(job: NestJob): number {
  let m = job.strip ? job.strip.height : 0;
  for (const s of job.strip ? [] : job.sheets) m = Math.max(m, s.width, s.height);
  for (const p of job.parts) {
    for (const q of p.shape?.outer ?? []) if (Number.isFinite(q?.x) && Number.isFinite(q?.y)) m = Math.max(m, Math.abs(q.x), Math.abs(q.y));
  }
  return m;
}

/** The strip: as long as all parts laid end to end, so the first layout always fits. */
function stripSlot(job: NestJob): SheetSlot {
  let length = 0;
  for (const p of job.parts) {
    if (!p.shape?.outer?.length) continue;
    const b = bounds(p.shape.outer);
    length += p.quantity * (Math.hypot(b.maxX - b.minX, b.maxY - b.minY) + (job.spacing ?? 0));
  }
  return { index: 0, width: Math.max(length, job.strip!.height), height: job.strip!.height, margin: 0, obstacles: [] };
}

function sheetSlots(job: NestJob, scale: number, grow: number, arcTol: number, join: 'round' | 'miter'): SheetSlot[] {
  const slots: SheetSlot[] = [];
  const needed = job.parts.reduce((s, p) => s + p.quantity, 0);
  for (const s of job.sheets) {
    const used = (s.used ?? []).flatMap((u) => [toPath64(orient(u.outer, true), scale), ...(u.holes ?? []).map((h) => toPath64(orient(h, false), scale))]);
    const obstacles = used.length ? inflate(normalise(used), grow, arcTol, join) : [];
    for (let c = 0; c < (s.count ?? 1) && slots.length < Math.min(MAX_SLOTS, needed); c++) {
      slots.push({ index: slots.length, sheetId: s.id, width: s.width, height: s.height, margin: s.margin ?? 0, obstacles });
    }
  }
  return slots;
}

function fmt(n: number): string {
  return Number(n.toFixed(3)).toString();
}
