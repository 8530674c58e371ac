// Public entry points of the text tool: layout of a string in a parsed opentype.js font, and the CAD font map.
export { textToPaths, layoutText, fontScale } from './text-to-paths';
export type { TextOptions, TextLayout, TextAlign } from './text-to-paths';
export { fontForCadName, BUNDLED_FONTS, FALLBACK_FONT } from './cad-fonts';
export type { BundledFont, FontChoice } from './cad-fonts';
export { kerningUnits } from './kerning';
