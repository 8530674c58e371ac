// Independent checker of a nesting result, sharing no code with the nester's geometry path: it re-applies each
// placement (mirror, rotate, translate) to the input outline itself and checks with clipper2-ts, on its own finer
// integer grid, that
//   - no two parts on a sheet come closer than the spacing (part A grown by spacing − 1 grid unit, intersected
//     with part B, has area ≤ 1e-6 in input units²),
//   - every part lies inside its sheet's margins (or the strip) and off the used regions,
//   - every requested copy appears exactly once, placed or listed as unplaced.
// Tests run it on every result; the app can run it before cutting.
import { Clipper, ClipperOffset, EndType, FillRule, JoinType, type Paths64 } from 'clipper2-ts';
import type { Ring } from '../geometry/types';
import type { NestJob, NestResult, Placement } from './types';

export const AREA_TOLERANCE = 1e-6;

interface Placed {
  p: Placement;
  paths: Paths64;
  box: { minX: number; minY: number; maxX: number; maxY: number };
}

export function verifyNest(job: NestJob, result: NestResult): string[] {
  const problems: string[] = [];
  const parts = new Map(job.parts.map((p) => [p.id, p]));
  const extent = Math.max(job.strip?.height ?? 0, ...job.sheets.map((s) => Math.max(s.width, s.height)), ...(result.strip ? [result.strip.length] : []), 1);
  const scale = 10 ** Math.floor(Math.log10(5e7 / extent));
  const spacing = job.spacing ?? 0;

  checkCounts(job, result, problems);
  const bySheet = new Map<number, Placed[]>();
  for (const p of result.placements) {
    const part = parts.get(p.part);
    if (!part) {
      problems.push(`placement of unknown part "${p.part}"`);
      continue;
    }
    const rings = [part.shape.outer, ...(part.shape.holes ?? [])].map((r) => place(r, p));
    const paths = Clipper.union(rings.map((r) => r.map((q) => ({ x: Math.round(q.x * scale), y: Math.round(q.y * scale) }))), FillRule.EvenOdd);
    const box = Clipper.getBoundsPaths(paths);
    const placed = { p, paths, box: { minX: box.left, minY: box.top, maxX: box.right, maxY: box.bottom } };
    checkInside(job, result, placed, scale, problems);
    let list = bySheet.get(p.sheet);
    if (!list) bySheet.set(p.sheet, (list = []));
    list.push(placed);
  }
  const gap = Math.max(0, spacing * scale - 1);
  for (const list of bySheet.values()) {
    list.sort((a, b) => a.box.minX - b.box.minX);
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      let grown: Paths64 | null = null;
      for (let j = i + 1; j < list.length && list[j].box.minX <= a.box.maxX + gap; j++) {
        const b = list[j];
        if (b.box.minY > a.box.maxY + gap || b.box.maxY < a.box.minY - gap) continue;
        grown ??= gap > 0 ? grow(a.paths, gap) : a.paths;
        const area = Math.abs(Clipper.areaPaths(Clipper.intersect(grown, b.paths, FillRule.NonZero))) / (scale * scale);
        if (area > AREA_TOLERANCE) problems.push(`${label(a.p)} and ${label(b.p)} on sheet ${a.p.sheet} overlap by ${area.toExponential(3)} (spacing ${spacing})`);
      }
    }
  }
  return problems;
}

function checkCounts(job: NestJob, result: NestResult, problems: string[]): void {
  const seen = new Map<string, number>();
  const mark = (part: string, instance: number) => {
    const k = `${part}#${instance}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  };
  result.placements.forEach((p) => mark(p.part, p.instance));
  result.unplaced.forEach((u) => mark(u.part, u.instance));
  for (const part of job.parts) {
    for (let c = 0; c < part.quantity; c++) {
      const n = seen.get(`${part.id}#${c}`) ?? 0;
      if (n !== 1) problems.push(`part "${part.id}" copy ${c} appears ${n} times in placements + unplaced`);
      seen.delete(`${part.id}#${c}`);
    }
  }
  for (const k of seen.keys()) problems.push(`result lists ${k}, which the job did not ask for`);
}

function checkInside(job: NestJob, result: NestResult, a: Placed, scale: number, problems: string[]): void {
  const tol = 1e-9 * scale;
  let w: number;
  let h: number;
  let margin = 0;
  let used: Paths64 = [];
  if (job.strip) {
    w = result.strip?.length ?? Infinity;
    h = job.strip.height;
  } else {
    const sheet = sheetAt(job, a.p.sheet);
    if (!sheet) {
      problems.push(`${label(a.p)} is on sheet ${a.p.sheet}, which does not exist`);
      return;
    }
    w = sheet.width;
    h = sheet.height;
    margin = sheet.margin ?? 0;
    used = (sheet.used ?? []).flatMap((u) => [u.outer, ...(u.holes ?? [])]).map((r) => r.map((q) => ({ x: Math.round(q.x * scale), y: Math.round(q.y * scale) })));
  }
  const m = margin * scale;
  if (a.box.minX < m - tol - 1 || a.box.minY < m - tol - 1 || a.box.maxX > (w - margin) * scale + tol + 1 || a.box.maxY > (h - margin) * scale + tol + 1) {
    problems.push(`${label(a.p)} leaves the usable area of sheet ${a.p.sheet}`);
  }
  if (used.length) {
    const spacing = (job.spacing ?? 0) * scale;
    const region = Clipper.union(used, FillRule.EvenOdd);
    const grownUsed = spacing > 1 ? grow(region, spacing - 1) : region;
    const area = Math.abs(Clipper.areaPaths(Clipper.intersect(grownUsed, a.paths, FillRule.NonZero))) / (scale * scale);
    if (area > AREA_TOLERANCE) problems.push(`${label(a.p)} overlaps a used region of sheet ${a.p.sheet} by ${area.toExponential(3)}`);
  }
}

function sheetAt(job: NestJob, index: number) {
  let i = index;
  for (const s of job.sheets) {
    const n = s.count ?? 1;
    if (i < n) return s;
    i -= n;
  }
  return undefined;
}

function place(ring: Ring, p: Placement): Ring {
  const r = (p.rotation * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return ring.map((q) => {
    const x = p.mirrored ? -q.x : q.x;
    return { x: x * c - q.y * s + p.x, y: x * s + q.y * c + p.y };
  });
}

function grow(paths: Paths64, delta: number): Paths64 {
  const co = new ClipperOffset(2, 0.25);
  co.addPaths(paths, JoinType.Round, EndType.Polygon);
  const out: Paths64 = [];
  co.execute(delta, out);
  return out;
}

function label(p: Placement): string {
  return `part "${p.part}" copy ${p.instance}`;
}
