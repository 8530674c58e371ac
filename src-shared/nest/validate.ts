// Input checks that turn bad parts and sheets into specific messages instead of crashes or silent drops: empty or
// degenerate outlines, self-crossing outlines (with the location), impossible quantities and sheet sizes.
import type { Ring, Vec2 } from '../geometry/types';
import type { NestJob } from './types';
import { Clipper, FillRule, chooseScale, signedArea, toPath64 } from './int-geometry';

export class NestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NestInputError';
  }
}

/** Throws NestInputError for a job that cannot be run at all (as opposed to single parts that cannot be placed). */
export function validateJob(job: NestJob): void {
  if (!Array.isArray(job.parts)) throw new NestInputError('parts must be a list');
  const ids = new Set<string>();
  for (const [i, p] of job.parts.entries()) {
    if (!p || typeof p.id !== 'string' || p.id === '') throw new NestInputError(`part #${i + 1} has no id`);
    if (ids.has(p.id)) throw new NestInputError(`part id "${p.id}" is used twice`);
    ids.add(p.id);
    if (!Number.isInteger(p.quantity) || p.quantity < 0) {
      throw new NestInputError(`part "${p.id}": quantity must be a whole number ≥ 0, got ${p.quantity}`);
    }
    if (p.quantity > 100_000) throw new NestInputError(`part "${p.id}": quantity ${p.quantity} is above the limit of 100000`);
  }
  if (job.parts.reduce((s, p) => s + p.quantity, 0) === 0) throw new NestInputError('nothing to nest: every quantity is 0');
  if (job.strip) {
    if (!(job.strip.height > 0) || !Number.isFinite(job.strip.height)) throw new NestInputError(`strip height must be > 0, got ${job.strip.height}`);
  } else {
    if (!Array.isArray(job.sheets) || job.sheets.length === 0) throw new NestInputError('no sheet given');
    for (const [i, s] of job.sheets.entries()) {
      const name = s.id ?? `#${i + 1}`;
      if (!(s.width > 0 && s.height > 0 && Number.isFinite(s.width) && Number.isFinite(s.height))) {
        throw new NestInputError(`sheet ${name}: width and height must be positive numbers, got ${s.width}×${s.height}`);
      }
      const count = s.count ?? 1;
      if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new NestInputError(`sheet ${name}: count must be a whole number 1..10000, got ${count}`);
      const m = s.margin ?? 0;
      if (!(m >= 0) || 2 * m >= Math.min(s.width, s.height)) throw new NestInputError(`sheet ${name}: margin ${m} leaves no usable area`);
    }
  }
  const spacing = job.spacing ?? 0;
  if (!(spacing >= 0) || !Number.isFinite(spacing)) throw new NestInputError(`spacing must be ≥ 0, got ${spacing}`);
  if (job.seconds !== undefined && !(job.seconds > 0 && job.seconds <= 24 * 3600)) throw new NestInputError(`time budget must be 0 < seconds ≤ 86400, got ${job.seconds}`);
}

/**
 * Why a part's outline cannot be nested, or null when it is usable. A crossing that changes nothing (the filled
 * region is one piece with the ring's own area within 0.01 %, e.g. where flattened arcs of a real drawing overlap
 * by a hair) is accepted; a real figure-eight or bow-tie is not, since its intended shape is unknown.
 */
export function outlineProblem(outer: Ring): string | null {
  if (!Array.isArray(outer) || outer.length < 3) return 'outline has fewer than 3 points';
  for (const p of outer) {
    if (!Number.isFinite(p?.x) || !Number.isFinite(p?.y)) return 'outline has a non-numeric point';
  }
  const crossing = findSelfCrossing(outer);
  if (crossing && !negligibleCrossing(outer)) return `outline crosses itself near (${crossing.x.toFixed(3)}, ${crossing.y.toFixed(3)})`;
  if (Math.abs(signedArea(outer)) <= 1e-12) return 'outline encloses no area';
  return null;
}

function negligibleCrossing(outer: Ring): boolean {
  const ext = outer.reduce((m, p) => Math.max(m, Math.abs(p.x), Math.abs(p.y)), 0);
  const scale = chooseScale(ext);
  const filled = Clipper.union([toPath64(outer, scale)], FillRule.NonZero);
  const area = Math.abs(signedArea(outer));
  return filled.length === 1 && Math.abs(Clipper.areaPaths(filled) / (scale * scale) - area) <= 1e-4 * area;
}

/**
 * First proper crossing of two non-adjacent edges, O(n²) with a bounding-box reject; outlines with more than
 * 20000 points are not checked (the nester still treats them by their filled region).
 */
export function findSelfCrossing(ring: Ring): Vec2 | null {
  const n = ring.length;
  if (n > 20_000) return null;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const c = ring[j];
      const d = ring[(j + 1) % n];
      if (Math.max(a.x, b.x) < Math.min(c.x, d.x) || Math.max(c.x, d.x) < Math.min(a.x, b.x)) continue;
      if (Math.max(a.y, b.y) < Math.min(c.y, d.y) || Math.max(c.y, d.y) < Math.min(a.y, b.y)) continue;
      const hit = properIntersection(a, b, c, d);
      if (hit) return hit;
    }
  }
  return null;
}

function properIntersection(a: Vec2, b: Vec2, c: Vec2, d: Vec2): Vec2 | null {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
  }
  return null;
}

function cross(o: Vec2, p: Vec2, q: Vec2): number {
  return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
}
