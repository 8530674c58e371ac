// Loads the fonts shipped in resources/fonts (see its README for sources and licences) with opentype.parse and
// keeps each parsed font in memory: the text tool and the DXF TEXT/MTEXT conversion ask for the same few fonts
// over and over. Names are resolved through the shared CAD font map, so "romans.shx" or "Arial Bold" work too.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import opentype, { type Font } from 'opentype.js';
import { BUNDLED_FONTS, fontForCadName, type BundledFont, type FontChoice } from '../../src-shared/text/cad-fonts';

/** resources/fonts of this checkout, or ACRYLICHUB_FONTS_DIR when the packaged app puts it elsewhere. */
export function defaultFontsDir(): string {
  return process.env.ACRYLICHUB_FONTS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'fonts');
}

export interface LoadedFont {
  font: Font;
  choice: FontChoice;
}

export class FontLibrary {
  private readonly cache = new Map<string, Font>();

  constructor(private readonly dir: string = defaultFontsDir()) {}

  listFonts(): BundledFont[] {
    return [...BUNDLED_FONTS];
  }

  /** The parsed font for a bundled, family or CAD font name (fallback Liberation Sans; choice.matched says so). */
  loadFont(name: string): LoadedFont {
    const choice = fontForCadName(name);
    const cached = this.cache.get(choice.font.name);
    if (cached) return { font: cached, choice };
    const file = join(this.dir, choice.font.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new Error(`Font file ${file} cannot be read (${(err as Error).message}) / Berkas font ${file} tidak dapat dibaca`);
    }
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    this.cache.set(choice.font.name, font);
    return { font, choice };
  }
}

let shared: FontLibrary | undefined;
const library = () => (shared ??= new FontLibrary());

/** Parsed bundled font for a name (cached for the process). */
export function loadFont(name: string): Font {
  return library().loadFont(name).font;
}

/** The fonts bundled with the application. */
export function listFonts(): BundledFont[] {
  return library().listFonts();
}
