// Fill (raster) engraving: the engraved area of closed fill outlines (even-odd, so letter counters and holes are
// not engraved), the regions the head scans (outlines whose boxes come within 5 mm are scanned together by the
// same lines),
// and the raster time: each scan line is a stop-to-stop move of the region width plus overscan on both sides,
// followed by a step-over of one line pitch, each timed with the planner's trapezoid profile.
import { pointInRing, segmentsToRing } from '../geometry/polygon';
import { addSegmentToBBox, emptyBBox, segmentsLength, signedArea, segStart } from '../geometry/segments';
import type { BBox, Path, Ring } from '../geometry/types';
import type { EngravePreset } from '../materials/material-schema';
import { blockProfile } from '../planner/profile';

export interface EngraveGeometry {
  /** Net engraved area, mm². */
  areaMm2: number;
  /** Boxes scanned as one raster each. */
  regions: BBox[];
  outlineCount: number;
}

interface Outline {
  bbox: BBox;
  absArea: number;
  sample: { x: number; y: number };
  ring?: Ring;
  segs: Path['segments'];
}

/** Regions closer than this are scanned together (the overscan would otherwise be paid twice), mm. */
const MERGE_GAP_MM = 5;

/** Uniform grid over boxes: which boxes may contain a point, or overlap a box. */
class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly size: number;
  private readonly ox: number;
  private readonly oy: number;

  constructor(boxes: readonly BBox[]) {
    const all = emptyBBox();
    for (const b of boxes) {
      all.minX = Math.min(all.minX, b.minX);
      all.minY = Math.min(all.minY, b.minY);
      all.maxX = Math.max(all.maxX, b.maxX);
      all.maxY = Math.max(all.maxY, b.maxY);
    }
    this.ox = all.minX;
    this.oy = all.minY;
    this.size = Math.max(all.maxX - all.minX, all.maxY - all.minY, 1e-6) / Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
    boxes.forEach((b, i) => this.forCells(b, (k) => {
      const list = this.cells.get(k);
      if (list) list.push(i);
      else this.cells.set(k, [i]);
    }));
  }

  private forCells(b: BBox, fn: (key: number) => void): void {
    const x0 = Math.floor((b.minX - this.ox) / this.size);
    const x1 = Math.floor((b.maxX - this.ox) / this.size);
    const y0 = Math.floor((b.minY - this.oy) / this.size);
    const y1 = Math.floor((b.maxY - this.oy) / this.size);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) fn(x * 1_000_003 + y);
  }

  /** Boxes sharing a cell with b (may repeat; callers test the real condition). */
  near(b: BBox, out: Set<number>): void {
    out.clear();
    this.forCells(b, (k) => {
      for (const i of this.cells.get(k) ?? []) out.add(i);
    });
  }
}

export function analyzeFills(paths: readonly Path[]): EngraveGeometry {
  const outlines: Outline[] = paths
    .filter((p) => segmentsLength(p.segments) > 0)
    .map((p) => {
      const bbox = emptyBBox();
      for (const s of p.segments) addSegmentToBBox(bbox, s);
      return { bbox, absArea: Math.abs(signedArea(p.segments)), sample: segStart(p.segments[0]), segs: p.segments };
    })
    .filter((o) => o.absArea > 1e-9)
    .sort((a, b) => b.absArea - a.absArea);
  const grid = new BoxGrid(outlines.map((o) => o.bbox));
  const near = new Set<number>();
  let area = 0;
  for (let i = 0; i < outlines.length; i++) {
    const o = outlines[i];
    let depth = 0;
    grid.near({ minX: o.sample.x, minY: o.sample.y, maxX: o.sample.x, maxY: o.sample.y }, near);
    for (const j of near) {
      if (j >= i) continue;
      const c = outlines[j];
      if (o.bbox.minX < c.bbox.minX || o.bbox.maxX > c.bbox.maxX || o.bbox.minY < c.bbox.minY || o.bbox.maxY > c.bbox.maxY) continue;
      c.ring ??= segmentsToRing(c.segs, 0.05);
      if (pointInRing(o.sample, c.ring)) depth++;
    }
    area += depth % 2 === 0 ? o.absArea : -o.absArea;
  }
  return { areaMm2: Math.max(0, area), regions: mergeBoxes(outlines.map((o) => o.bbox), MERGE_GAP_MM), outlineCount: outlines.length };
}

/** Groups boxes that overlap once grown by `gap` (connected components) and returns each group's box. */
function mergeBoxes(boxes: readonly BBox[], gap: number): BBox[] {
  const grown = boxes.map((b) => ({ minX: b.minX - gap / 2, minY: b.minY - gap / 2, maxX: b.maxX + gap / 2, maxY: b.maxY + gap / 2 }));
  const parent = grown.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const grid = new BoxGrid(grown);
  const near = new Set<number>();
  grown.forEach((b, i) => {
    grid.near(b, near);
    for (const j of near) {
      const o = grown[j];
      if (j > i && o.minX <= b.maxX && b.minX <= o.maxX && o.minY <= b.maxY && b.minY <= o.maxY) parent[find(j)] = find(i);
    }
  });
  const groups = new Map<number, BBox>();
  boxes.forEach((b, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (!g) groups.set(root, { ...b });
    else {
      g.minX = Math.min(g.minX, b.minX);
      g.minY = Math.min(g.minY, b.minY);
      g.maxX = Math.max(g.maxX, b.maxX);
      g.maxY = Math.max(g.maxY, b.maxY);
    }
  });
  return [...groups.values()];
}

export interface RasterTime {
  timeS: number;
  lines: number;
  /** Distance the head travels while rastering, mm. */
  distanceMm: number;
}

/** Raster time of the regions at a preset; accelerations in mm/s² (X along the lines, Y for the step-over). */
export function rasterTime(regions: readonly BBox[], preset: EngravePreset, accelXMmPerS2: number, accelYMmPerS2: number): RasterTime {
  const feed = preset.speedMmPerMin;
  const ax = accelXMmPerS2 * 3600;
  const ay = accelYMmPerS2 * 3600;
  const step = blockProfile(preset.linePitchMm, ay, 0, 0, feed).timeMin * 60;
  let timeS = 0;
  let lines = 0;
  let distanceMm = 0;
  for (const r of regions) {
    const n = Math.max(1, Math.ceil((r.maxY - r.minY) / preset.linePitchMm));
    const len = r.maxX - r.minX + 2 * preset.overscanMm;
    const line = blockProfile(len, ax, 0, 0, feed).timeMin * 60;
    timeS += n * line + (n - 1) * step;
    lines += n;
    distanceMm += n * len + (n - 1) * preset.linePitchMm;
  }
  return { timeS: timeS * preset.passes, lines: lines * preset.passes, distanceMm: distanceMm * preset.passes };
}
