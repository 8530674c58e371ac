// Channels of the text tool: the bundled fonts, and text → outline paths for the editor's live preview (the same
// layout the design gets when the text is placed: glyph by glyph with kerning, curves at the chord tolerance).
import { z } from 'zod';
import { channel } from '../define';
import { pathSchema, vec2Schema } from '../geometry-schemas';

const finite = z.number().finite();

export const fontInfoSchema = z.object({
  name: z.string(),
  file: z.string(),
  family: z.string(),
  style: z.enum(['Regular', 'Bold']),
  monospace: z.boolean(),
});
export type FontInfo = z.infer<typeof fontInfoSchema>;

export const textOutlineInputSchema = z
  .object({
    text: z.string().max(10_000),
    /** Bundled font name, family name or CAD font name (romans.shx, arial.ttf, …). */
    font: z.string().trim().min(1).max(200).default('LiberationSans-Regular'),
    sizeMm: finite.positive().max(10_000),
    /** 'em' = font size, 'cap' = height of capital letters (as CAD TEXT heights). */
    heightMode: z.enum(['em', 'cap']).default('em'),
    letterSpacingMm: finite.min(-1_000).max(1_000).default(0),
    lineSpacing: finite.positive().max(20).default(1),
    align: z.enum(['left', 'center', 'right']).default('left'),
    origin: vec2Schema.default({ x: 0, y: 0 }),
    /** Radians, counter-clockwise. */
    rotation: finite.default(0),
    layer: z.string().max(255).default('text'),
    toleranceMm: finite.min(0.001).max(1).default(0.01),
    kerning: z.boolean().default(true),
    /** Prefix of the returned path ids, so several texts in one design keep distinct ids. */
    idPrefix: z.string().trim().min(1).max(50).default('text'),
  })
  .strict();

export const textOutlineSchema = z.object({
  paths: z.array(pathSchema),
  font: fontInfoSchema,
  /** False when the requested font name was unknown and the fallback font was used. */
  fontMatched: z.boolean(),
  /** Characters the font has no glyph for (not drawn). */
  missing: z.array(z.string()),
  widthMm: finite,
  heightMm: finite,
  lines: z.number().int(),
});
export type TextOutline = z.infer<typeof textOutlineSchema>;

export const fontChannels = {
  'fonts.list': channel({
    description: 'Fonts bundled with the application (for the text tool and DXF text).',
    input: z.object({}).strict(),
    output: z.array(fontInfoSchema),
  }),
  'text.outline': channel({
    description: 'Text set in a bundled font → closed outline paths in millimetres (live preview of the text tool).',
    input: textOutlineInputSchema,
    output: textOutlineSchema,
  }),
};
