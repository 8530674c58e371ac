// SVG import: walks the document (groups, nested transforms, <use>, class and inline styles), turns paths and
// basic shapes into our Paths in millimetres with Y up (viewBox and width/height units resolved), names layers
// after Inkscape layers (inkscape:label), colours paths by their stroke (or their fill, marked as fill, when they
// have no stroke), and reports what it cannot cut: text not converted to paths, images, hidden or invisible
// elements, malformed path data or transforms. Pure: text in, data out.
import type { BBox, Finding, LayerInfo, Path, Segment, UnitsInfo } from '../geometry/types';
import { compose, IDENTITY, translation, type Affine } from '../geometry/transform';
import { isEmptyBBox, segmentsBBox } from '../geometry/segments';
import { parseTransform } from './transform-attr';
import { PathBuilder } from './path-builder';
import { parsePathData, type PathCommand } from './path-data';
import { shapeCommands, userLength } from './shapes';
import { classRules, computeStyle, declarationsOf, ROOT_STYLE, type Style } from './style';
import { producerDpi } from './producer-dpi';
import { rootViewport } from './viewport';
import { localName, parseXml, walk, type XmlNode } from './xml-tree';

export interface SvgImportOptions {
  /** Pixels per inch for px and unitless sizes (default: 96, 90 for Inkscape ≤ 0.91, 72 for Illustrator). */
  dpi?: number;
  /** Millimetres per user unit, overriding width/height/viewBox. */
  userUnitMm?: number;
  /** Chord tolerance for Béziers and non-circular arcs, millimetres (default 0.01). */
  toleranceMm?: number;
}

export interface SvgImportResult {
  paths: Path[];
  layers: LayerInfo[];
  findings: Finding[];
  units: UnitsInfo;
  bbox: BBox | undefined;
}

const SKIP = new Set(['defs', 'symbol', 'clipPath', 'mask', 'pattern', 'marker', 'linearGradient', 'radialGradient', 'filter', 'metadata', 'title', 'desc', 'style', 'script', 'namedview', 'font', 'font-face', 'foreignObject']);
const TEXT = new Set(['text', 'tspan', 'textPath', 'flowRoot']);
const DEFAULT_LAYER = '0';
const MAX_USE_DEPTH = 32;

interface Ctx {
  m: Affine;
  style: Style;
  layer: string;
  locked: boolean;
  useChain: string[];
}

class SvgReader {
  readonly paths: Path[] = [];
  readonly findings: Finding[] = [];
  readonly layers = new Map<string, LayerInfo>();
  private readonly byId = new Map<string, XmlNode>();
  private readonly rules: Map<string, Record<string, string>>;
  private readonly counts = new Map<string, number>();

  constructor(
    root: XmlNode,
    private readonly tol: number,
  ) {
    const styles: string[] = [];
    for (const n of walk(root)) {
      if (n.attrs.id) this.byId.set(n.attrs.id, n);
      if (localName(n.name) === 'style') styles.push(n.text);
    }
    this.rules = classRules(styles);
  }

  private note(code: string, severity: Finding['severity'], message: string, extra: Partial<Finding> = {}) {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= 20) this.findings.push({ code, severity, message, ...extra });
  }

  private layerOf(node: XmlNode, ctx: Ctx): { layer: string; locked: boolean } {
    const label = node.attrs['inkscape:label'];
    if (localName(node.name) !== 'g' || !label) return ctx;
    const isLayer = node.attrs['inkscape:groupmode'] === 'layer';
    // Inkscape layers always name the layer; a labelled plain group names it only outside any layer.
    if (isLayer || ctx.layer === DEFAULT_LAYER) return { layer: label, locked: ctx.locked || node.attrs['sodipodi:insensitive'] === 'true' };
    return ctx;
  }

  visit(node: XmlNode, parent: Ctx): void {
    const name = localName(node.name);
    if (SKIP.has(name)) return;
    const decls = declarationsOf(node, this.rules);
    const label = node.attrs.id ?? name;
    if (decls.display?.trim() === 'none') {
      this.note('SVG_HIDDEN_SKIPPED', 'info', `Hidden element <${name}> "${label}" (display:none) was not imported / Elemen tersembunyi tidak diimpor`, { handle: label });
      return;
    }
    const own = parseTransform(node.attrs.transform);
    if (!own) this.note('SVG_BAD_TRANSFORM', 'warning', `<${name}> "${label}": transform "${node.attrs.transform}" is malformed and was ignored / transform tidak valid, diabaikan`, { handle: label });
    let m = compose(parent.m, own ?? IDENTITY);
    const style = computeStyle(parent.style, decls);
    const ctx: Ctx = { ...parent, ...this.layerOf(node, parent), m, style };
    if (TEXT.has(name)) {
      this.note('SVG_TEXT_NOT_CONVERTED', 'warning', `Text "${node.text.slice(0, 40) || label}" is not converted to paths; convert it (Inkscape: Path → Object to Path) or retype it with the text tool / Teks belum diubah menjadi path; ubah dulu (Inkscape: Path → Object to Path) atau ketik ulang dengan alat teks`, { layer: ctx.layer, handle: label });
      return;
    }
    if (name === 'image') {
      this.note('SVG_IMAGE_IGNORED', 'warning', `Image "${label}" cannot be cut and was ignored / Gambar raster tidak dapat dipotong dan diabaikan`, { layer: ctx.layer, handle: label });
      return;
    }
    if (name === 'use') {
      const href = (node.attrs.href ?? node.attrs['xlink:href'] ?? '').replace(/^#/, '');
      const target = this.byId.get(href);
      if (!target) return this.note('SVG_USE_MISSING', 'warning', `<use> refers to "#${href}", which does not exist / <use> menunjuk elemen yang tidak ada`, { handle: label });
      if (ctx.useChain.includes(href) || ctx.useChain.length >= MAX_USE_DEPTH) {
        return this.note('SVG_USE_CYCLE', 'warning', `<use> of "#${href}" refers back to itself; skipped / <use> merujuk dirinya sendiri; dilewati`, { handle: label });
      }
      m = compose(m, translation(userLength(node.attrs.x) ?? 0, userLength(node.attrs.y) ?? 0));
      const inner = localName(target.name) === 'symbol' ? { ...target, name: 'g' } : target;
      return this.visit(inner, { ...ctx, m, useChain: [...ctx.useChain, href] });
    }
    if (name === 'svg' || name === 'g' || name === 'a' || name === 'switch') {
      // The root <svg> is handled by the viewport; any <svg> met here is nested.
      const nested = name === 'svg' ? this.nestedViewport(node) : undefined;
      const inner = nested ? { ...ctx, m: compose(ctx.m, nested) } : ctx;
      // <switch> renders its first child whose conditions hold; we support no extensions (Illustrator puts a
      // requiredExtensions <foreignObject> first and the real drawing after it).
      const children = name === 'switch' ? node.children.filter((c) => c.attrs.requiredExtensions === undefined).slice(0, 1) : node.children;
      for (const c of children) this.visit(c, inner);
      return;
    }
    let commands: PathCommand[] | undefined;
    if (name === 'path') {
      const parsed = parsePathData(node.attrs.d ?? '');
      if (parsed.error) this.note('SVG_BAD_PATH_DATA', 'warning', `Path "${label}": ${parsed.error}; drawn up to there / data path rusak; digambar sampai titik itu`, { layer: ctx.layer, handle: label });
      commands = parsed.commands;
    } else {
      commands = shapeCommands(node, name);
    }
    if (!commands) {
      this.note('SVG_ELEMENT_IGNORED', 'info', `<${name}> is not geometry and was ignored / <${name}> bukan geometri dan diabaikan`, { handle: label });
      return;
    }
    this.emit(commands, ctx, name, label);
  }

  /** A nested <svg>: x/y offset plus its own viewBox scaling to its width/height. */
  private nestedViewport(node: XmlNode): Affine {
    const x = userLength(node.attrs.x) ?? 0, y = userLength(node.attrs.y) ?? 0;
    const vb = (node.attrs.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
    const w = userLength(node.attrs.width), h = userLength(node.attrs.height);
    if (vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0 && w && h) {
      const s = Math.min(w / vb[2], h / vb[3]);
      return { a: s, b: 0, c: 0, d: s, e: x - vb[0] * s, f: y - vb[1] * s };
    }
    return translation(x, y);
  }

  private emit(commands: PathCommand[], ctx: Ctx, element: string, label: string) {
    const { stroke, fill } = ctx.style;
    if (!ctx.style.visible || (stroke.kind === 'none' && fill.kind === 'none')) {
      this.note('SVG_INVISIBLE_SKIPPED', 'info', `<${element}> "${label}" has neither stroke nor fill (or is hidden) and was not imported / tidak punya garis maupun isian, tidak diimpor`, { layer: ctx.layer, handle: label });
      return;
    }
    const isFill = stroke.kind === 'none';
    const paint = isFill ? fill : stroke;
    const color = paint.kind === 'color' ? paint.rgb : undefined;
    if (!this.layers.has(ctx.layer)) {
      this.layers.set(ctx.layer, { name: ctx.layer, ...(color !== undefined ? { color } : {}), operation: 'cut', visible: true, locked: ctx.locked });
    }
    for (const sp of new PathBuilder(ctx.m, this.tol).run(commands)) {
      this.paths.push({
        id: `svg-${this.paths.length + 1}`,
        layer: ctx.layer,
        ...(color !== undefined ? { color } : {}),
        handle: label,
        entity: `svg:${element}`,
        segments: sp.segments,
        closed: sp.closed,
        ...(isFill ? { fill: true } : {}),
      });
    }
  }
}

function shiftSegment(s: Segment, dy: number): Segment {
  return s.kind === 'line'
    ? { kind: 'line', a: { x: s.a.x, y: s.a.y + dy }, b: { x: s.b.x, y: s.b.y + dy } }
    : { ...s, center: { x: s.center.x, y: s.center.y + dy } };
}

/** Reads SVG text into paths (mm, Y up), layers, findings, units and the drawing's bounding box. */
export function importSvg(text: string, opts: SvgImportOptions = {}): SvgImportResult {
  const root = parseXml(text, 'SVG file');
  if (localName(root.name) !== 'svg') throw new Error(`Not an SVG document: the root element is <${root.name}> / Bukan dokumen SVG: elemen akar <${root.name}>`);
  const producer = producerDpi(text, root);
  const dpi = opts.dpi ?? producer.dpi;
  if (!(dpi > 0)) throw new Error(`dpi must be positive, got ${dpi}`);
  const vp = rootViewport(root, dpi, opts.userUnitMm);
  const reader = new SvgReader(root, opts.toleranceMm ?? 0.01);
  const findings: Finding[] = [];
  if (opts.dpi === undefined && producer.producer && vp.units.unit === 'px') {
    findings.push({ code: 'SVG_PRODUCER_DPI', severity: 'info', message: `Written by ${producer.producer}: px read at ${dpi} px/in / Dibuat oleh ${producer.producer}: px dibaca ${dpi} px/inci` });
  }
  if (vp.units.source === 'default') {
    findings.push({ code: 'UNITS_ASSUMED', severity: 'warning', message: `The SVG gives no physical size; 1 user unit = 1 px at ${dpi} px/in assumed / SVG tidak menyebut ukuran fisik; 1 satuan = 1 px pada ${dpi} px/inci` });
  }
  for (const c of root.children) reader.visit(c, { m: vp.toMm, style: ROOT_STYLE, layer: DEFAULT_LAYER, locked: false, useChain: [] });
  let paths = reader.paths;
  const box = segmentsBBox(paths.flatMap((p) => p.segments));
  let bbox = isEmptyBBox(box) ? undefined : box;
  if (vp.pageHeightMm === undefined && bbox && bbox.minY < 0) {
    // No page height to flip about: move the drawing up so it sits on y = 0.
    const dy = -bbox.minY;
    paths = paths.map((p) => ({ ...p, segments: p.segments.map((s) => shiftSegment(s, dy)) }));
    bbox = { ...bbox, minY: 0, maxY: bbox.maxY + dy };
  }
  return { paths, layers: [...reader.layers.values()], findings: [...findings, ...reader.findings], units: vp.units, bbox };
}
