// Glyph outlines flattened once per font, glyph and tolerance, in font units: a drawing sets the same letters
// thousands of times (a symbol library's labels), and getPath + Bezier flattening for every copy was most of the
// cost of importing such a file. Placing a cached outline is a similarity map of its points, which keeps the
// chord bound (the tolerance is given in font units, i.e. already divided by the scale). Pure: a memo, no I/O.
import type { Font, Glyph } from 'opentype.js';
import type { Segment, Vec2 } from '../geometry/types';
import { flattenCubic, flattenQuadratic } from '../svg/bezier';

/** One closed contour as x,y pairs in font units (y down, as opentype.js gives them), closing point included. */
export type GlyphContour = Float64Array;

const memo = new WeakMap<Font, Map<string, readonly GlyphContour[]>>();

/** The glyph's contours flattened to `tolUnits` (font units). */
export function glyphContours(font: Font, glyph: Glyph, tolUnits: number): readonly GlyphContour[] {
  let byGlyph = memo.get(font);
  if (!byGlyph) memo.set(font, (byGlyph = new Map()));
  const key = `${glyph.index}|${tolUnits}`;
  let contours = byGlyph.get(key);
  if (!contours) byGlyph.set(key, (contours = flattenGlyph(glyph, font.unitsPerEm, tolUnits)));
  return contours;
}

function flattenGlyph(glyph: Glyph, unitsPerEm: number, tol: number): GlyphContour[] {
  const contours: GlyphContour[] = [];
  let pts: number[] = [];
  let start: Vec2 | undefined;
  let pen: Vec2 | undefined;
  const to = (p: Vec2) => {
    pts.push(p.x, p.y);
    pen = p;
  };
  const finish = () => {
    if (start && pen) to(start);
    if (pts.length >= 6) contours.push(Float64Array.from(pts));
    pts = [];
    start = pen = undefined;
  };
  for (const c of glyph.getPath(0, 0, unitsPerEm).commands) {
    switch (c.type) {
      case 'M':
        finish();
        start = { x: c.x, y: c.y };
        to(start);
        break;
      case 'L':
        if (pen) to({ x: c.x, y: c.y });
        break;
      case 'Q':
        if (pen) for (const p of flattenQuadratic(pen, { x: c.x1, y: c.y1 }, { x: c.x, y: c.y }, tol)) to(p);
        break;
      case 'C':
        if (pen) for (const p of flattenCubic(pen, { x: c.x1, y: c.y1 }, { x: c.x2, y: c.y2 }, { x: c.x, y: c.y }, tol)) to(p);
        break;
      case 'Z':
        finish();
        break;
    }
  }
  finish();
  return contours;
}

/** A similarity from font units to millimetres: x' = xx·x + xy·y + x0, y' = yx·x + yy·y + y0. */
export interface GlyphPlacement {
  xx: number;
  xy: number;
  x0: number;
  yx: number;
  yy: number;
  y0: number;
}

/** A cached contour placed by `m` (font units → mm) as line segments, zero-length steps dropped. */
export function placeContour(contour: GlyphContour, m: GlyphPlacement): Segment[] {
  const segs: Segment[] = [];
  const at = (i: number): Vec2 => ({ x: m.xx * contour[i] + m.xy * contour[i + 1] + m.x0, y: m.yx * contour[i] + m.yy * contour[i + 1] + m.y0 });
  let pen = at(0);
  for (let i = 2; i < contour.length; i += 2) {
    const p = at(i);
    if (Math.abs(p.x - pen.x) > 1e-9 || Math.abs(p.y - pen.y) > 1e-9) {
      segs.push({ kind: 'line', a: pen, b: p });
      pen = p;
    }
  }
  return segs;
}
