// Which bundled font stands in for a font named by a drawing: DXF STYLE entries name SHX stroke fonts (txt.shx,
// romans.shx, isocp.shx, gdt.shx, ...) or TrueType files (arial.ttf, times.ttf), SVG/editor text names families.
// We ship metric-compatible Liberation fonts (Arial, Times New Roman, Courier New) and DejaVu Sans Mono; SHX
// stroke fonts are single-line, so the closest outline font is chosen (sans for the simplex/roman families, serif
// for the complex/triplex ones, mono for monotxt and the GD&T symbol fonts, whose ⌀ ± ° DejaVu covers).

export interface BundledFont {
  /** File name without extension in resources/fonts. */
  name: string;
  file: string;
  family: string;
  style: 'Regular' | 'Bold';
  monospace: boolean;
}

const font = (name: string, family: string, style: 'Regular' | 'Bold', monospace = false): BundledFont => ({
  name,
  file: `${name}.ttf`,
  family,
  style,
  monospace,
});

export const BUNDLED_FONTS: readonly BundledFont[] = [
  font('LiberationSans-Regular', 'Liberation Sans', 'Regular'),
  font('LiberationSans-Bold', 'Liberation Sans', 'Bold'),
  font('LiberationSerif-Regular', 'Liberation Serif', 'Regular'),
  font('LiberationSerif-Bold', 'Liberation Serif', 'Bold'),
  font('LiberationMono-Regular', 'Liberation Mono', 'Regular', true),
  font('LiberationMono-Bold', 'Liberation Mono', 'Bold', true),
  font('DejaVuSansMono', 'DejaVu Sans Mono', 'Regular', true),
];

export const FALLBACK_FONT = 'LiberationSans-Regular';

type Kind = 'sans' | 'serif' | 'mono' | 'symbol';

/** Normalised CAD / family names → kind of face. Keys: lower case, letters and digits only. */
const NAME_KIND: Record<string, Kind> = {};
const add = (kind: Kind, names: string) => names.split(' ').forEach((n) => (NAME_KIND[n] = kind));
add('sans', 'txt simplex romans romand isocp isocp2 isocp3 isocpeur iso iso3098 iso3098b isoct isoct2 isoct3 italic ' +
  'standard arial arialuni arialnarrow arialblack helvetica helv swiss swissl swissb calibri verdana tahoma segoeui ' +
  'microsoftsansserif mssansserif sansserif sans liberationsans dejavusans freesans opensans roboto noto notosans ' +
  'bahnschrift century centurygothic futura gothic gothice gothicg gothici');
add('serif', 'romanc romant complex triplex scriptc scripts greekc greeks times timesnewroman tnr timesroman serif ' +
  'liberationserif dejavuserif freeserif cambria georgia garamond bookantiqua palatino palatinolinotype');
add('mono', 'monotxt courier couriernew cour consolas lucidaconsole monospace mono liberationmono dejavusansmono ' +
  'freemono sourcecodepro');
add('symbol', 'gdt amgdt gdtamgdt syastro symath symeteo symusic symap');

const KIND_FONT: Record<Kind, [string, string]> = {
  sans: ['LiberationSans-Regular', 'LiberationSans-Bold'],
  serif: ['LiberationSerif-Regular', 'LiberationSerif-Bold'],
  mono: ['LiberationMono-Regular', 'LiberationMono-Bold'],
  symbol: ['DejaVuSansMono', 'DejaVuSansMono'],
};

export interface FontChoice {
  font: BundledFont;
  /** False when the name was unknown and the fallback (Liberation Sans) was chosen. */
  matched: boolean;
  requested: string;
}

function bundled(name: string): BundledFont {
  const found = BUNDLED_FONTS.find((f) => f.name === name);
  if (!found) throw new Error(`Font ${name} is not bundled`);
  return found;
}

/**
 * The bundled font for a CAD or family font name ("romans.shx", "C:\\Fonts\\ARIALBD.TTF", "Times New Roman Bold",
 * "LiberationMono-Regular"). Bold is kept when the name says so (…bd, …bold); italics map to upright faces.
 */
export function fontForCadName(name: string): FontChoice {
  const requested = name;
  const exact = BUNDLED_FONTS.find((f) => f.name.toLowerCase() === name.trim().toLowerCase() || f.file.toLowerCase() === name.trim().toLowerCase());
  if (exact) return { font: exact, matched: true, requested };
  const base = name.trim().split(/[\\/]/).pop() ?? '';
  let key = base.replace(/\.(shx|ttf|ttc|otf|pfb|fon)$/i, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const bold = /(bold|bd|heavy|black)$/.test(key) || /(bold|heavy)/.test(key);
  let kind = NAME_KIND[key];
  if (!kind) {
    key = key.replace(/(regular|normal|bolditalic|bold|italic|oblique|bd|bi|i|heavy)+$/, '');
    kind = NAME_KIND[key];
  }
  if (!kind) return { font: bundled(bold ? 'LiberationSans-Bold' : FALLBACK_FONT), matched: false, requested };
  return { font: bundled(KIND_FONT[kind][bold ? 1 : 0]), matched: true, requested };
}
