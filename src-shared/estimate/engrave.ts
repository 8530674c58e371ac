// Fill (raster) engraving: the engraved area of closed fill outlines (even-odd, so letter counters and holes are
// not engraved), the regions the head scans (outlines whose boxes come within 5 mm are scanned together by the
// same lines),
// and the raster time: each scan line is a stop-to-stop move of the region width plus overscan on both sides,
// followed by a step-over of one line pitch, each timed with the planner's trapezoid profile.
import Flatbush from 'flatbush';
import { RingTester, segmentsToRing } from '../geometry/polygon';
import { addSegmentToBBox, emptyBBox, segLength, segStart, twiceAreaTerm, unionBBox } from '../geometry/segments';
import type { BBox, Path } from '../geometry/types';
import type { EngravePreset } from '../materials/material-schema';
import { blockProfile } from '../planner/profile';

export interface EngraveGeometry {
  /** Net engraved area, mm². */
  areaMm2: number;
  /** Boxes scanned as one raster each. */
  regions: BBox[];
  outlineCount: number;
  /** Length of every fill path's outline, mm. */
  outlineLengthMm: number;
}

interface Outline {
  bbox: BBox;
  absArea: number;
  sample: { x: number; y: number };
  ring?: RingTester;
  segs: Path['segments'];
}

/** Regions closer than this are scanned together (the overscan would otherwise be paid twice), mm. */
const MERGE_GAP_MM = 5;

/** A static R-tree (flatbush) over the boxes: which boxes overlap a box. */
function boxIndex(boxes: readonly BBox[]): Flatbush {
  const index = new Flatbush(Math.max(1, boxes.length));
  for (const b of boxes) index.add(b.minX, b.minY, b.maxX, b.maxY);
  if (boxes.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/** The fill outlines' engraved area and scan regions; also grows `box` (when given) by every path's box. */
export function analyzeFills(paths: readonly Path[], box?: BBox): EngraveGeometry {
  // One pass over each path's segments for its box, length and area.
  const outlines: Outline[] = [];
  let outlineLengthMm = 0;
  for (const p of paths) {
    const bbox = emptyBBox();
    let length = 0;
    let twiceArea = 0;
    for (const s of p.segments) {
      addSegmentToBBox(bbox, s);
      length += segLength(s);
      twiceArea += twiceAreaTerm(s);
    }
    outlineLengthMm += length;
    if (box) unionBBox(box, bbox);
    const absArea = Math.abs(twiceArea) / 2;
    if (length > 0 && absArea > 1e-9) outlines.push({ bbox, absArea, sample: segStart(p.segments[0]), segs: p.segments });
  }
  outlines.sort((a, b) => b.absArea - a.absArea);
  const index = boxIndex(outlines.map((o) => o.bbox));
  let area = 0;
  for (let i = 0; i < outlines.length; i++) {
    const o = outlines[i];
    const b = o.bbox;
    let depth = 0;
    // Only a larger outline (earlier in the order) whose box holds this one's box can enclose it.
    index.search(b.minX, b.minY, b.maxX, b.maxY, (j, x0, y0, x1, y1) => {
      if (j >= i || b.minX < x0 || b.maxX > x1 || b.minY < y0 || b.maxY > y1) return false;
      const c = outlines[j];
      c.ring ??= new RingTester(segmentsToRing(c.segs, 0.05));
      if (c.ring.contains(o.sample)) depth++;
      return false;
    });
    area += depth % 2 === 0 ? o.absArea : -o.absArea;
  }
  return { areaMm2: Math.max(0, area), regions: mergeBoxes(outlines.map((o) => o.bbox), MERGE_GAP_MM), outlineCount: outlines.length, outlineLengthMm };
}

/** Groups boxes that overlap once grown by `gap` (connected components) and returns each group's box. */
function mergeBoxes(boxes: readonly BBox[], gap: number): BBox[] {
  const grown = boxes.map((b) => ({ minX: b.minX - gap / 2, minY: b.minY - gap / 2, maxX: b.maxX + gap / 2, maxY: b.maxY + gap / 2 }));
  const parent = grown.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const index = boxIndex(grown);
  grown.forEach((b, i) => {
    index.search(b.minX, b.minY, b.maxX, b.maxY, (j) => {
      if (j > i) parent[find(j)] = find(i);
      return false;
    });
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
