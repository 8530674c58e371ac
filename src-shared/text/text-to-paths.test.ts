// Outlines of real bundled fonts: hole structure, advance widths with kerning, multi-line layout, Indonesian
// text, alignment and rotation. Fonts are read here (tests may do I/O); the code under test takes parsed fonts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import opentype, { type Font } from 'opentype.js';
import type { Path, Vec2 } from '../geometry/types';
import { layoutText, textToPaths, fontScale } from './text-to-paths';
import { kerningUnits } from './kerning';

const fonts = new Map<string, Font>();
function font(name: string): Font {
  let f = fonts.get(name);
  if (!f) {
    const b = readFileSync(new URL(`../../resources/fonts/${name}.ttf`, import.meta.url));
    f = opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    fonts.set(name, f);
  }
  return f;
}

const ring = (p: Path): Vec2[] => p.segments.map((s) => (s.kind === 'line' ? s.a : s.center));
const area = (r: Vec2[]) => r.reduce((s, p, i) => { const q = r[(i + 1) % r.length]; return s + p.x * q.y - q.x * p.y; }, 0) / 2;
const bbox = (paths: Path[]) => {
  const pts = paths.flatMap(ring);
  return { minX: Math.min(...pts.map((p) => p.x)), maxX: Math.max(...pts.map((p) => p.x)), minY: Math.min(...pts.map((p) => p.y)), maxY: Math.max(...pts.map((p) => p.y)) };
};
function inside(pt: Vec2, r: Vec2[]): boolean {
  let c = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if ((r[i].y > pt.y) !== (r[j].y > pt.y) && pt.x < ((r[j].x - r[i].x) * (pt.y - r[i].y)) / (r[j].y - r[i].y) + r[i].x) c = !c;
  }
  return c;
}

describe('textToPaths', () => {
  it("'A' in LiberationSans is one outer contour with one hole inside it", () => {
    const paths = textToPaths({ text: 'A', font: font('LiberationSans-Regular'), sizeMm: 20, layer: 'T' });
    expect(paths).toHaveLength(2);
    expect(paths.every((p) => p.closed && p.entity === 'TEXT' && p.layer === 'T')).toBe(true);
    const [big, small] = [...paths].sort((a, b) => Math.abs(area(ring(b))) - Math.abs(area(ring(a))));
    expect(inside(ring(small)[0], ring(big))).toBe(true);
    // Opposite windings: the hole turns the other way round.
    expect(Math.sign(area(ring(big)))).toBe(-Math.sign(area(ring(small))));
    // Each contour is closed: last end = first start.
    for (const p of paths) {
      const first = p.segments[0];
      const last = p.segments[p.segments.length - 1];
      if (first.kind === 'line' && last.kind === 'line') expect(last.b).toEqual(first.a);
    }
  });

  it("'Hello' is as wide as the advance widths plus kerning, and 'AV' is kerned (legacy kern table)", () => {
    const f = font('LiberationSans-Regular');
    const s = fontScale(f, 10);
    const glyphs = Array.from('Hello').map((c) => f.charToGlyph(c));
    let expected = 0;
    glyphs.forEach((g, i) => {
      expected += g.advanceWidth! * s;
      if (i > 0) expected += kerningUnits(f, glyphs[i - 1], g) * s;
    });
    const lay = layoutText({ text: 'Hello', font: f, sizeMm: 10, layer: '0' });
    expect(lay.widthMm).toBeCloseTo(expected, 9);
    // Independent figure: Liberation Sans advances (units/2048): H 1479, e 1139, l 455, o 1139.
    expect(lay.widthMm).toBeCloseTo(((1479 + 1139 + 455 + 455 + 1139) * 10) / 2048, 6);
    expect(kerningUnits(f, f.charToGlyph('A'), f.charToGlyph('V'))).toBe(-152);
    const av = layoutText({ text: 'AV', font: f, sizeMm: 10, layer: '0' }).widthMm;
    const avPlain = layoutText({ text: 'AV', font: f, sizeMm: 10, layer: '0', kerning: false }).widthMm;
    expect(avPlain - av).toBeCloseTo((152 * 10) / 2048, 9);
  });

  it('letter spacing adds (n − 1) gaps and right/center alignment shifts the line', () => {
    const f = font('LiberationSans-Regular');
    const base = layoutText({ text: 'Hello', font: f, sizeMm: 10, layer: '0' });
    const spaced = layoutText({ text: 'Hello', font: f, sizeMm: 10, layer: '0', letterSpacingMm: 2 });
    expect(spaced.widthMm - base.widthMm).toBeCloseTo(8, 9);
    const right = bbox(layoutText({ text: 'Hello', font: f, sizeMm: 10, layer: '0', align: 'right' }).paths);
    expect(right.maxX).toBeLessThan(0.01);
    const center = bbox(layoutText({ text: 'Hello', font: f, sizeMm: 10, layer: '0', align: 'center' }).paths);
    expect(Math.abs(center.minX + center.maxX)).toBeLessThan(1.5);
  });

  it('Indonesian text in two lines: all glyphs present, second line one line height lower', () => {
    const f = font('LiberationSerif-Regular');
    const lay = layoutText({ text: 'Selamat datang di bengkel akrilik\nHarga: Rp 150.000', font: f, sizeMm: 8, lineSpacing: 1.2, layer: 'teks' });
    expect(lay.missing).toEqual([]);
    expect(lay.lines).toBe(2);
    const lineHeight = ((f.ascender - f.descender + 0) * 8) / f.unitsPerEm;
    const b = bbox(lay.paths);
    expect(b.minY).toBeLessThan(-lineHeight * 1.2 + 1);
    expect(b.minY).toBeGreaterThan(-lineHeight * 1.2 - 3);
    expect(lay.paths.length).toBeGreaterThan(40);
  });

  it('reports characters without a glyph and draws nothing for them', () => {
    const lay = layoutText({ text: 'a一b', font: font('LiberationSans-Regular'), sizeMm: 5, layer: '0' });
    expect(lay.missing).toEqual(['一']);
    expect(lay.paths.length).toBe(textToPaths({ text: 'ab', font: font('LiberationSans-Regular'), sizeMm: 5, layer: '0' }).length);
  });

  it('works on DejaVuSansMono (glyph by glyph, no GSUB) with cap-height sizing, rotation and origin', () => {
    const f = font('DejaVuSansMono');
    const paths = textToPaths({ text: 'H', font: f, sizeMm: 10, heightMode: 'cap', origin: { x: 100, y: 50 }, rotation: Math.PI / 2, layer: '0' });
    const b = bbox(paths);
    // Rotated 90°: the 10 mm cap height now runs along −X from the origin, the width along +Y.
    expect(b.maxX - b.minX).toBeCloseTo(10, 1);
    expect(b.maxX).toBeCloseTo(100, 1);
    expect(b.minY).toBeGreaterThan(50);
  });

  it('keeps chords within the tolerance: the area lost to chords is at most tolerance × perimeter', () => {
    const f = font('LiberationSans-Regular');
    const coarse = textToPaths({ text: 'O', font: f, sizeMm: 50, layer: '0', toleranceMm: 0.2 });
    const fine = textToPaths({ text: 'O', font: f, sizeMm: 50, layer: '0', toleranceMm: 0.005 });
    const segs = (ps: Path[]) => ps.reduce((n, p) => n + p.segments.length, 0);
    expect(segs(fine)).toBeGreaterThan(segs(coarse));
    const net = (ps: Path[]) => Math.abs(ps.reduce((s, p) => s + area(ring(p)), 0));
    const perimeter = fine.flatMap((p) => p.segments).reduce((s, g) => s + (g.kind === 'line' ? Math.hypot(g.b.x - g.a.x, g.b.y - g.a.y) : 0), 0);
    // Every chord lies within 0.2 mm of the curve, so the two outlines differ by less than a 0.2 mm band.
    expect(Math.abs(net(fine) - net(coarse))).toBeLessThan(0.2 * perimeter);
    expect(Math.abs(net(fine) - net(coarse))).toBeGreaterThan(0);
  });

  it('property: widths add up (w(a+b) = w(a) + w(b) + kerning + spacing) and every contour is closed', () => {
    const f = font('LiberationSans-Regular');
    const word = fc.string({ unit: fc.constantFrom(...'AVTWYaeoky.,-0123456789 Ñçõ'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.double({ min: -1, max: 3, noNaN: true }), (a, b, spacing) => {
        const w = (t: string) => layoutText({ text: t, font: f, sizeMm: 7, letterSpacingMm: spacing, layer: '0' }).widthMm;
        const kern = (kerningUnits(f, f.charToGlyph(a[a.length - 1]), f.charToGlyph(b[0])) * 7) / f.unitsPerEm;
        expect(w(a + b)).toBeCloseTo(w(a) + w(b) + kern + spacing, 9);
        for (const p of textToPaths({ text: a + b, font: f, sizeMm: 7, layer: '0' })) {
          const first = p.segments[0];
          const last = p.segments[p.segments.length - 1];
          expect(first.kind === 'line' && last.kind === 'line' && last.b.x === first.a.x && last.b.y === first.a.y).toBe(true);
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('rejects a non-positive size with a clear error', () => {
    expect(() => textToPaths({ text: 'x', font: font('LiberationSans-Regular'), sizeMm: 0, layer: '0' })).toThrow(/positive/);
  });
});
