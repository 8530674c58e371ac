// Fill (raster) engraving: the engraved area of closed fill outlines (even-odd, so letter counters and holes are
// not engraved), the regions the head scans (outlines whose boxes touch are scanned together by the same lines),
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
  let area = 0;
  for (let i = 0; i < outlines.length; i++) {
    const o = outlines[i];
    let depth = 0;
    for (let j = 0; j < i; j++) {
      const c = outlines[j];
      if (o.bbox.minX < c.bbox.minX || o.bbox.maxX > c.bbox.maxX || o.bbox.minY < c.bbox.minY || o.bbox.maxY > c.bbox.maxY) continue;
      c.ring ??= segmentsToRing(c.segs, 0.05);
      if (pointInRing(o.sample, c.ring)) depth++;
    }
    area += depth % 2 === 0 ? o.absArea : -o.absArea;
  }
  return { areaMm2: Math.max(0, area), regions: mergeBoxes(outlines.map((o) => o.bbox), MERGE_GAP_MM), outlineCount: outlines.length };
}

/** Merges boxes that overlap once grown by `gap` until no two merged boxes do. */
function mergeBoxes(boxes: BBox[], gap: number): BBox[] {
  let current = boxes.map((b) => ({ ...b }));
  for (;;) {
    current.sort((a, b) => a.minX - b.minX || a.minY - b.minY);
    const out: BBox[] = [];
    let merged = false;
    for (const b of current) {
      const hit = out.find((o) => o.minX <= b.maxX + gap && b.minX <= o.maxX + gap && o.minY <= b.maxY + gap && b.minY <= o.maxY + gap);
      if (hit) {
        hit.minX = Math.min(hit.minX, b.minX);
        hit.minY = Math.min(hit.minY, b.minY);
        hit.maxX = Math.max(hit.maxX, b.maxX);
        hit.maxY = Math.max(hit.maxY, b.maxY);
        merged = true;
      } else out.push(b);
    }
    if (!merged) return out;
    current = out;
  }
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
