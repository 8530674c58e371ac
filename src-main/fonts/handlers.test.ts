// The text tool channels against the real bundled fonts: inputs and outputs go through the contract's schemas,
// as a transport would pass them.
import { describe, expect, it } from 'vitest';
import { textOutlineInputSchema, textOutlineSchema, fontInfoSchema } from '../../src-shared/contract/channels/fonts';
import type { HandlerContext } from '../../src-shared/contract/index';
import { FontLibrary, listFonts, loadFont } from './font-library';
import { createFontHandlers } from './handlers';

const ctx = { emit: () => undefined } as unknown as HandlerContext;

describe('font library and text channels', () => {
  const handlers = createFontHandlers();

  it('lists the seven bundled fonts, each loadable and cached', async () => {
    const fonts = await handlers['fonts.list']({}, ctx);
    expect(fonts.map((f) => fontInfoSchema.parse(f).name)).toEqual(listFonts().map((f) => f.name));
    expect(fonts).toHaveLength(7);
    for (const f of fonts) expect(loadFont(f.name).unitsPerEm).toBe(2048);
    expect(loadFont('arial.ttf')).toBe(loadFont('LiberationSans-Regular'));
  });

  it('text.outline returns closed outlines, size and the font used (CAD names resolved)', async () => {
    const input = textOutlineInputSchema.parse({ text: 'Akrilik 3mm', font: 'romans.shx', sizeMm: 10, heightMode: 'cap' });
    const out = textOutlineSchema.parse(await handlers['text.outline'](input, ctx));
    expect(out.font.name).toBe('LiberationSans-Regular');
    expect(out.fontMatched).toBe(true);
    expect(out.missing).toEqual([]);
    expect(out.paths.length).toBeGreaterThan(10);
    expect(out.paths.every((p) => p.closed && p.layer === 'text')).toBe(true);
    // Capital height 10 mm: the "A" reaches y ≈ 10 above the baseline.
    const maxY = Math.max(...out.paths.flatMap((p) => p.segments.map((s) => (s.kind === 'line' ? s.a.y : s.center.y))));
    expect(maxY).toBeGreaterThan(9.9);
    expect(maxY).toBeLessThan(12);
  });

  it('falls back for an unknown font and says so; a missing font folder is UNAVAILABLE', async () => {
    const out = await handlers['text.outline'](textOutlineInputSchema.parse({ text: 'x', font: 'Comic Neue', sizeMm: 5 }), ctx);
    expect(out.fontMatched).toBe(false);
    const broken = createFontHandlers({ fonts: new FontLibrary('/nonexistent/fonts') });
    await expect(async () => broken['text.outline'](textOutlineInputSchema.parse({ text: 'x', sizeMm: 5 }), ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('rejects bad input at the schema', () => {
    expect(() => textOutlineInputSchema.parse({ text: 'x', sizeMm: -1 })).toThrow();
    expect(() => textOutlineInputSchema.parse({ text: 'x', sizeMm: 5, bogus: 1 })).toThrow();
  });
});
