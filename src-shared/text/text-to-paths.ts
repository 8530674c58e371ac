// The text tool: a string set in an already-parsed opentype.js font becomes closed outline paths (holes kept as
// their own closed paths) in millimetres, Y up, ready to cut or engrave. Layout is glyph by glyph (charToGlyph,
// pair kerning, glyph.getPath) because opentype.js 2.0's font.getPath throws on fonts whose GSUB has lookups it
// does not support (DejaVuSans: lookup type 6 format 2); we only need kerning, not shaping. Pure: no I/O.
import type { Font, Glyph } from 'opentype.js';
import type { Path, Vec2 } from '../geometry/types';
import { glyphContours, placeContour, type GlyphPlacement } from './glyph-outlines';
import { kerningUnits } from './kerning';

export type TextAlign = 'left' | 'center' | 'right';

export interface TextOptions {
  text: string;
  font: Font;
  /** Text size in millimetres: the em size (default) or the capital height (heightMode 'cap', like CAD TEXT). */
  sizeMm: number;
  heightMode?: 'em' | 'cap';
  /** Extra space added after every character, in millimetres (may be negative). */
  letterSpacingMm?: number;
  /** Line advance as a multiple of the font's line height (ascender − descender + line gap). Default 1. */
  lineSpacing?: number;
  align?: TextAlign;
  /** Baseline start of the first line (after alignment), in millimetres. */
  origin?: Vec2;
  /** Rotation about the origin, radians counter-clockwise. */
  rotation?: number;
  layer: string;
  /** Chord tolerance for glyph curves in millimetres (default 0.01). */
  toleranceMm?: number;
  /** Prefix of the generated path ids (default "text"). */
  idPrefix?: string;
  color?: number;
  /** Apply pair kerning (default true). */
  kerning?: boolean;
}

export interface TextLayout {
  paths: Path[];
  /** Characters the font has no glyph for (drawn as nothing, advanced by the .notdef width). */
  missing: string[];
  /** Width of the widest line and total height of the block, in millimetres. */
  widthMm: number;
  heightMm: number;
  lines: number;
}

const DEFAULT_TOL = 0.01;

/** Scale from font units to millimetres for the requested size. */
export function fontScale(font: Font, sizeMm: number, heightMode: 'em' | 'cap' = 'em'): number {
  if (heightMode === 'cap') {
    const os2 = (font.tables as { os2?: { sCapHeight?: number } }).os2;
    let cap = os2?.sCapHeight ?? 0;
    if (!(cap > 0)) {
      const bb = font.charToGlyph('H').getBoundingBox();
      cap = bb.y2 - bb.y1;
    }
    if (cap > 0) return sizeMm / cap;
  }
  return sizeMm / font.unitsPerEm;
}

function lineAdvanceUnits(font: Font): number {
  const gap = (font.tables as { hhea?: { lineGap?: number } }).hhea?.lineGap ?? 0;
  return font.ascender - font.descender + gap;
}

interface PlacedGlyph {
  glyph: Glyph;
  x: number;
}

function layoutLine(line: string, opts: TextOptions, scale: number, missing: Set<string>): { glyphs: PlacedGlyph[]; width: number } {
  const { font } = opts;
  const spacing = opts.letterSpacingMm ?? 0;
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  let prev: Glyph | undefined;
  const chars = Array.from(line.replace(/\t/g, '    '));
  chars.forEach((ch, i) => {
    const glyph = font.charToGlyph(ch);
    if (glyph.index === 0 && !/\s/.test(ch)) missing.add(ch);
    if (prev && opts.kerning !== false) x += kerningUnits(font, prev, glyph) * scale;
    if (glyph.index !== 0) glyphs.push({ glyph, x });
    x += (glyph.advanceWidth ?? 0) * scale + (i < chars.length - 1 ? spacing : 0);
    prev = glyph;
  });
  return { glyphs, width: x };
}

/** Lays out the text and returns its outlines with the characters the font lacks and the block's size. */
export function layoutText(opts: TextOptions): TextLayout {
  if (!(opts.sizeMm > 0) || !Number.isFinite(opts.sizeMm)) throw new Error(`Text size must be a positive number of millimetres, got ${opts.sizeMm}`);
  const scale = fontScale(opts.font, opts.sizeMm, opts.heightMode);
  const lineStep = lineAdvanceUnits(opts.font) * scale * (opts.lineSpacing ?? 1);
  const tol = opts.toleranceMm ?? DEFAULT_TOL;
  const origin = opts.origin ?? { x: 0, y: 0 };
  const rot = opts.rotation ?? 0;
  const cos = Math.cos(rot);
  const sin = Math.sin(rot);
  const missing = new Set<string>();
  const paths: Path[] = [];
  const lines = opts.text.split(/\r\n|\n|\r/);
  let widthMm = 0;
  lines.forEach((line, li) => {
    const { glyphs, width } = layoutLine(line, opts, scale, missing);
    widthMm = Math.max(widthMm, width);
    const shift = opts.align === 'center' ? -width / 2 : opts.align === 'right' ? -width : 0;
    const baseline = -li * lineStep;
    for (const { glyph, x } of glyphs) {
      // Font units (y down) → millimetres: scale, flip, move to the glyph's pen position, rotate about the origin.
      const ax = shift + x;
      const toMm: GlyphPlacement = {
        xx: scale * cos, xy: scale * sin, x0: origin.x + ax * cos - baseline * sin,
        yx: scale * sin, yy: -scale * cos, y0: origin.y + ax * sin + baseline * cos,
      };
      for (const contour of glyphContours(opts.font, glyph, tol / scale)) {
        const segments = placeContour(contour, toMm);
        if (segments.length < 2) continue;
        paths.push({
          id: `${opts.idPrefix ?? 'text'}-${paths.length + 1}`,
          layer: opts.layer,
          entity: 'TEXT',
          segments,
          closed: true,
          ...(opts.color !== undefined ? { color: opts.color } : {}),
        });
      }
    }
  });
  const heightMm = lines.length > 0 ? (lines.length - 1) * lineStep + (opts.font.ascender - opts.font.descender) * scale : 0;
  return { paths, missing: [...missing], widthMm, heightMm, lines: lines.length };
}

/** Closed outlines of the text (outer contours and holes), flattened at the chord tolerance. */
export function textToPaths(opts: TextOptions): Path[] {
  return layoutText(opts).paths;
}
