// Manufacturability checks over contours and parts, each finding with a stable code, a message, the layer and
// handle of the source entity when known, and a location in mm:
//   OPEN_CONTOUR, ZERO_LENGTH, DUPLICATE_SEGMENT, SELF_INTERSECTION, FEATURE_TOO_NARROW (vs kerf),
//   HOLE_SMALLER_THAN_THICKNESS, PART_LARGER_THAN_SHEET, FAR_FROM_ORIGIN, TEXT_NOT_CONVERTED.
// (UNITS_INFERRED and the DXF structure findings come from the importers.) Messages are English; the UI
// translates by code (see dfm/messages.ts for the Indonesian texts).
import { allParts, type Contour, type PartGeom } from '../geometry/contours';
import { emptyBBox, segStart, unionBBox, isEmptyBBox } from '../geometry/segments';
import type { Finding, Path, Vec2 } from '../geometry/types';
import { findOverlaps } from './duplicates';
import { firstSelfIntersection } from './intersections';
import { narrowFeatures } from './narrow-features';

export interface DesignCheckOptions {
  kerfMm?: number;
  thicknessMm?: number;
  sheets?: { w: number; h: number }[];
  /** A drawing whose nearest point is farther than this from the origin gets FAR_FROM_ORIGIN (default 1000 mm). */
  farFromOriginMm?: number;
  /** The paths the contours came from, to name the entity handle in findings. */
  paths?: Path[];
  /** Texts that could not be turned into outlines. */
  unconvertedTexts?: { text: string; layer: string; handle?: string; at: Vec2; font?: string }[];
  /** Per-code cap on reported findings (default 50); the last one says how many more there were. */
  maxPerCode?: number;
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

export function checkDesign(contours: Contour[], parts: PartGeom[], opts: DesignCheckOptions = {}): Finding[] {
  // Built on the first finding that needs them (most imports of clean files never do).
  let handles: Map<string, string | undefined> | undefined;
  const handleOf = (c: Contour): string | undefined => {
    handles ??= new Map((opts.paths ?? []).map((p) => [p.id, p.handle]));
    for (const id of c.pathIds) {
      const h = handles.get(id);
      if (h) return h;
    }
    return undefined;
  };
  let byId: Map<string, Contour> | undefined;
  const contourById = (id: string): Contour | undefined => (byId ??= new Map(contours.map((c) => [c.id, c]))).get(id);
  const out: Finding[] = [];
  const add = (f: Finding, c?: Contour): void => {
    if (c) {
      f.layer ??= c.layer;
      const h = handleOf(c);
      if (h) f.handle ??= h;
    }
    out.push(f);
  };

  for (const c of contours) {
    if (c.lengthMm < 1e-6) {
      add({ code: 'ZERO_LENGTH', severity: 'warning', message: 'A contour has zero length (a point); it cannot be cut.', at: segStart(c.segments[0]) }, c);
    } else if (!c.closed) {
      add({ code: 'OPEN_CONTOUR', severity: 'warning', message: `An open contour (${fmt(c.lengthMm)} mm long) does not enclose a part; it will be cut as a line.`, at: segStart(c.segments[0]) }, c);
    }
  }

  for (const o of findOverlaps(contours)) {
    const c = contourById(o.contourIds[1]);
    add({ code: 'DUPLICATE_SEGMENT', severity: 'warning', message: `Segments overlap for ${fmt(o.lengthMm)} mm; the laser would cut there twice.`, at: o.at }, c);
  }

  for (const c of contours) {
    if (!c.closed) continue;
    const hit = firstSelfIntersection(c.segments);
    if (hit) add({ code: 'SELF_INTERSECTION', severity: 'error', message: 'A closed contour crosses itself; inside and outside are ambiguous.', at: hit }, c);
  }

  const every = allParts(parts);
  const kerf = opts.kerfMm ?? 0;
  const narrow = narrowFeatures(every, kerf);
  if (narrow === null) {
    out.push({ code: 'CHECK_SKIPPED', severity: 'info', message: 'The design is too large for the narrow-feature check; it was skipped.' });
  }
  for (const f of narrow ?? []) {
    add({
      code: 'FEATURE_TOO_NARROW',
      severity: 'warning',
      message: f.kind === 'web'
        ? `Material here is narrower than the kerf (${fmt(kerf)} mm); it will burn away.`
        : `A slot here is narrower than the kerf (${fmt(kerf)} mm); it cannot be cut open.`,
      at: f.at,
    });
  }

  const thickness = opts.thicknessMm ?? 0;
  if (thickness > 0) {
    for (const part of every) {
      for (const hole of part.holes) {
        const w = hole.bbox.maxX - hole.bbox.minX;
        const h = hole.bbox.maxY - hole.bbox.minY;
        const size = Math.min(w, h);
        if (size < thickness) {
          add({
            code: 'HOLE_SMALLER_THAN_THICKNESS',
            severity: 'warning',
            message: `A hole of ${fmt(size)} mm is smaller than the material thickness (${fmt(thickness)} mm); edges may melt or not drop out.`,
            at: { x: (hole.bbox.minX + hole.bbox.maxX) / 2, y: (hole.bbox.minY + hole.bbox.maxY) / 2 },
          }, hole);
        }
      }
    }
  }

  const sheets = (opts.sheets ?? []).filter((s) => s.w > 0 && s.h > 0);
  if (sheets.length) {
    const fits = (w: number, h: number): boolean => sheets.some((s) => (w <= s.w && h <= s.h) || (w <= s.h && h <= s.w));
    const largest = sheets.reduce((a, b) => (a.w * a.h >= b.w * b.h ? a : b));
    for (const part of parts) {
      const b = part.outer.bbox;
      const w = b.maxX - b.minX;
      const h = b.maxY - b.minY;
      if (!fits(w, h)) {
        add({
          code: 'PART_LARGER_THAN_SHEET',
          severity: 'error',
          message: `A part of ${fmt(w)} × ${fmt(h)} mm does not fit on any sheet (largest ${fmt(largest.w)} × ${fmt(largest.h)} mm).`,
          at: { x: b.minX, y: b.minY },
        }, part.outer);
      }
    }
  }

  const extent = emptyBBox();
  for (const c of contours) unionBBox(extent, c.bbox);
  const far = opts.farFromOriginMm ?? 1000;
  if (!isEmptyBBox(extent)) {
    const dx = extent.minX > 0 ? extent.minX : extent.maxX < 0 ? -extent.maxX : 0;
    const dy = extent.minY > 0 ? extent.minY : extent.maxY < 0 ? -extent.maxY : 0;
    const dist = Math.hypot(dx, dy);
    if (dist > far) {
      add({
        code: 'FAR_FROM_ORIGIN',
        severity: 'info',
        message: `The drawing starts ${fmt(dist)} mm away from the origin; it will be moved to the sheet when nested.`,
        at: { x: extent.minX, y: extent.minY },
      });
    }
  }

  for (const t of opts.unconvertedTexts ?? []) {
    out.push({
      code: 'TEXT_NOT_CONVERTED',
      severity: 'warning',
      message: `Text "${t.text.slice(0, 40)}" is not converted to outlines${t.font ? ` (font "${t.font}" not available)` : ''}; it will not be engraved.`,
      layer: t.layer,
      handle: t.handle,
      at: t.at,
    });
  }
  return capPerCode(out, opts.maxPerCode ?? 50);
}

/** Keeps the first `max` findings of each code and turns the rest into one summary finding. */
function capPerCode(findings: Finding[], max: number): Finding[] {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.code) ?? 0) + 1;
    seen.set(f.code, n);
    if (n <= max) out.push(f);
  }
  for (const [code, n] of seen) {
    if (n > max) {
      const first = findings.find((f) => f.code === code)!;
      out.push({ code, severity: first.severity, message: `…and ${n - max} more ${code} findings.` });
    }
  }
  return out;
}
