// Where SVG user units land in millimetres: the root's width/height (mm, cm, in, pt, pc, px at 96 dpi) and
// viewBox with preserveAspectRatio (align + meet/slice, or none), then a flip so Y points up with the page's
// bottom edge at y = 0 — the CAD convention of the rest of AcrylicHub.
import type { UnitsInfo } from '../geometry/types';
import { compose, type Affine } from '../geometry/transform';
import type { XmlNode } from './xml-tree';

const MM_PER: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, pc: 25.4 / 6, q: 0.25 };

/** An absolute length in mm; unitless and px use `dpi`. Undefined for %, auto or garbage. */
export function lengthMm(v: string | undefined, dpi: number): { mm: number; unit: string } | undefined {
  const m = /^\s*((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|mm|cm|in|pt|pc|q)?\s*$/i.exec(v ?? '');
  if (!m) return undefined;
  const unit = (m[2] ?? 'px').toLowerCase();
  const mm = Number(m[1]) * (unit === 'px' ? 25.4 / dpi : MM_PER[unit]);
  return mm > 0 ? { mm, unit } : undefined;
}

export interface Viewport {
  /** User units → millimetres, Y up. Undefined page height means: flip about 0, caller shifts to y ≥ 0. */
  toMm: Affine;
  pageHeightMm?: number;
  units: UnitsInfo;
}

export function rootViewport(svg: XmlNode, dpi: number, unitOverride?: number): Viewport {
  const vb = (svg.attrs.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  const hasVb = vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0;
  let w = lengthMm(svg.attrs.width, dpi);
  let h = lengthMm(svg.attrs.height, dpi);
  if (hasVb && w && !h) h = { mm: (w.mm * vb[3]) / vb[2], unit: w.unit };
  if (hasVb && h && !w) w = { mm: (h.mm * vb[2]) / vb[3], unit: h.unit };
  let m: Affine;
  let units: UnitsInfo;
  let pageHeightMm: number | undefined;
  if (unitOverride) {
    const ox = hasVb ? vb[0] : 0, oy = hasVb ? vb[1] : 0;
    m = { a: unitOverride, b: 0, c: 0, d: unitOverride, e: -ox * unitOverride, f: -oy * unitOverride };
    pageHeightMm = hasVb ? vb[3] * unitOverride : undefined;
    units = { source: 'override', unit: 'user', scaleToMm: unitOverride };
  } else if (hasVb && w && h) {
    let sx = w.mm / vb[2], sy = h.mm / vb[3];
    const par = (svg.attrs.preserveAspectRatio ?? 'xMidYMid meet').trim().split(/\s+/);
    let tx = 0, ty = 0;
    if (par[0] !== 'none') {
      const s = par[1] === 'slice' ? Math.max(sx, sy) : Math.min(sx, sy);
      const frac = (a: string) => (a === 'Min' ? 0 : a === 'Max' ? 1 : 0.5);
      const align = /^x(Min|Mid|Max)Y(Min|Mid|Max)$/.exec(par[0]) ?? ['', 'Mid', 'Mid'];
      tx = (w.mm - vb[2] * s) * frac(align[1]);
      ty = (h.mm - vb[3] * s) * frac(align[2]);
      sx = sy = s;
    }
    m = { a: sx, b: 0, c: 0, d: sy, e: tx - vb[0] * sx, f: ty - vb[1] * sy };
    pageHeightMm = h.mm;
    const uniform = Math.abs(sx - sy) <= 1e-12 * sx;
    units = { source: 'header', unit: w.unit, scaleToMm: uniform ? sx : Math.sqrt(sx * sy) };
  } else {
    const s = 25.4 / dpi;
    const ox = hasVb ? vb[0] : 0, oy = hasVb ? vb[1] : 0;
    m = { a: s, b: 0, c: 0, d: s, e: -ox * s, f: -oy * s };
    pageHeightMm = hasVb ? vb[3] * s : h?.mm;
    units = { source: w ? 'header' : 'default', unit: 'px', scaleToMm: s };
  }
  const flip: Affine = { a: 1, b: 0, c: 0, d: -1, e: 0, f: pageHeightMm ?? 0 };
  return { toMm: compose(flip, m), pageHeightMm, units };
}
