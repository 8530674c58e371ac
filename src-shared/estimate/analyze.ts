// The material-independent analysis of a design: contours and parts of the cut layers (buildContours), score and
// engrave geometry, the cutting order and its travel, the counts the complexity score needs and the part boxes
// material use is computed from. Everything a re-quote after a material, machine or quantity change can reuse
// is here, so it runs once per design (see cache.ts).
import { allParts, buildContours, type Contour, type PartGeom } from '../geometry/contours';
import { addSegmentToBBox, emptyBBox, isEmptyBBox } from '../geometry/segments';
import type { BBox, Finding, LayerInfo, Path } from '../geometry/types';
import type { ComplexityInputs } from './complexity';
import { analyzeFills, type EngraveGeometry } from './engrave';
import { splitByOperation } from './operations';
import { planMotion, type MotionPlan } from './order';

export interface DesignInput {
  paths: readonly Path[];
  layers: readonly LayerInfo[];
  /** Findings of the import (DFM checks, units, text not converted, ...). */
  findings?: readonly Finding[];
  /**
   * Contours and parts of the cut paths when the import already built them (importFile does, from the same
   * paths: visible cut layers and unlisted layers, fills left out); their findings must be in `findings`.
   */
  cutGeometry?: { contours: Contour[]; parts: PartGeom[] };
}

export interface PartSummary {
  id: string;
  bbox: BBox;
  width: number;
  height: number;
  /** Outer area minus holes, mm². */
  netAreaMm2: number;
  holes: number;
  /** Smallest hole (smaller side of its box), mm; Infinity without holes. */
  smallestHoleMm: number;
  cutLengthMm: number;
}

export interface DesignAnalysis {
  bbox: BBox;
  parts: PartSummary[];
  /** Parts of different shape (same box, area, length and hole count = same part, any rotation by 90°). */
  uniqueParts: number;
  /** Parts as geometry (top-level, islands inside), for thumbnails and the nester. */
  partGeoms: PartGeom[];
  cutContours: Contour[];
  openCutContours: Contour[];
  scoreContours: Contour[];
  engrave: EngraveGeometry;
  lengths: { cutMm: number; scoreMm: number; engraveOutlineMm: number };
  pierces: { cut: number; score: number };
  motion: MotionPlan;
  complexity: ComplexityInputs;
  /** Import findings plus those found while building contours. */
  findings: Finding[];
  counts: { paths: number; ignored: number };
}

const TEXT_ENTITIES = new Set(['TEXT', 'MTEXT', 'ATTRIB', 'ATTDEF', 'text', 'svg:text']);
const CURVE_ENTITIES = new Set(['SPLINE', 'ELLIPSE', 'svg:path', 'HELIX']);

function summarisePart(p: PartGeom): PartSummary {
  const b = p.outer.bbox;
  let smallestHoleMm = Infinity;
  let holeArea = 0;
  let cutLengthMm = p.outer.lengthMm;
  for (const h of p.holes) {
    smallestHoleMm = Math.min(smallestHoleMm, h.bbox.maxX - h.bbox.minX, h.bbox.maxY - h.bbox.minY);
    holeArea += Math.abs(h.area);
    cutLengthMm += h.lengthMm;
  }
  return {
    id: p.id,
    bbox: b,
    width: b.maxX - b.minX,
    height: b.maxY - b.minY,
    netAreaMm2: Math.abs(p.outer.area) - holeArea,
    holes: p.holes.length,
    smallestHoleMm,
    cutLengthMm,
  };
}

/** The import's findings already hold its contour findings; building contours again must not repeat them. */
function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.code}|${f.message}|${f.layer ?? ''}|${f.handle ?? ''}|${f.at ? `${f.at.x},${f.at.y}` : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function shapeSignature(p: PartSummary): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  return [r(Math.min(p.width, p.height)), r(Math.max(p.width, p.height)), Math.round(p.netAreaMm2), r(p.cutLengthMm), p.holes].join('|');
}

export function analyzeDesign(design: DesignInput): DesignAnalysis {
  const ops = splitByOperation(design.paths, design.layers);
  const cut = design.cutGeometry ? { ...design.cutGeometry, findings: [] as Finding[] } : buildContours(ops.cut);
  const score = buildContours([...ops.score, ...ops.engraveLine]);
  const bbox = emptyBBox();
  const engrave = analyzeFills(ops.engraveFill, bbox);
  const cutContours = cut.contours;
  const openCutContours = cutContours.filter((c) => !c.closed);
  const flat = allParts(cut.parts);
  const parts = flat.map(summarisePart);

  // One pass over the vector paths (in cut, score, line-engrave order) for the box and the complexity counts (the
  // fill paths' boxes were added by analyzeFills).
  let vertices = 0;
  let curvedLengthMm = 0;
  for (const group of [ops.cut, ops.score, ops.engraveLine]) {
    for (const p of group) {
      vertices += p.segments.length;
      const curvedEntity = CURVE_ENTITIES.has(p.entity);
      for (const s of p.segments) {
        addSegmentToBBox(bbox, s);
        if (s.kind === 'arc') curvedLengthMm += s.radius * Math.abs(s.sweep);
        else if (curvedEntity) curvedLengthMm += Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y);
      }
    }
  }
  if (isEmptyBBox(bbox)) Object.assign(bbox, { minX: 0, minY: 0, maxX: 0, maxY: 0 });
  let textPaths = 0;
  for (const p of design.paths) if (TEXT_ENTITIES.has(p.entity)) textPaths++;

  const closedCut = cutContours.filter((c) => c.closed);
  let smallestFeatureMm = Infinity;
  for (const c of closedCut) smallestFeatureMm = Math.min(smallestFeatureMm, c.bbox.maxX - c.bbox.minX, c.bbox.maxY - c.bbox.minY);

  const cutMm = cutContours.reduce((s, c) => s + c.lengthMm, 0);
  const scoreMm = score.contours.reduce((s, c) => s + c.lengthMm, 0);
  return {
    bbox,
    parts,
    uniqueParts: new Set(parts.map(shapeSignature)).size,
    partGeoms: cut.parts,
    cutContours,
    openCutContours,
    scoreContours: score.contours,
    engrave,
    lengths: { cutMm, scoreMm, engraveOutlineMm: engrave.outlineLengthMm },
    pierces: { cut: cutContours.length, score: score.contours.length },
    motion: planMotion(score.contours, openCutContours, cut.parts),
    complexity: {
      vertices,
      lengthMm: cutMm + scoreMm,
      loops: closedCut.length,
      partAreaMm2: flat.reduce((s, p) => s + Math.abs(p.outer.area), 0),
      smallestFeatureMm,
      textPaths,
      paths: design.paths.length,
      curvedLengthMm,
    },
    findings: uniqueFindings([...(design.findings ?? []), ...cut.findings, ...score.findings]),
    counts: { paths: design.paths.length, ignored: ops.ignored },
  };
}
