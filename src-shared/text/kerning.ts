// Pair kerning for the glyph-by-glyph layout. opentype.js 2.0's Font.getKerningValue prefers GPOS kerning tables
// whenever the default script's list exists, even when it is empty, and then never looks at the legacy `kern`
// table: LiberationSans 2.x kerns "AV" by −152 units in `kern` yet getKerningValue returns 0. So: GPOS when it has
// kerning lookups, otherwise the `kern` pairs opentype.js already parsed (font.kerningPairs).
import type { Font, Glyph } from 'opentype.js';

interface KerningInternals {
  position?: { defaultKerningTables?: unknown[] };
  kerningPairs?: Record<string, number>;
}

/** Kerning between two glyphs in font units (negative = closer). */
export function kerningUnits(font: Font, left: Glyph, right: Glyph): number {
  const internals = font as unknown as KerningInternals;
  const gpos = internals.position?.defaultKerningTables;
  if (Array.isArray(gpos) && gpos.length > 0) return font.getKerningValue(left, right) || 0;
  return internals.kerningPairs?.[`${left.index},${right.index}`] ?? 0;
}
