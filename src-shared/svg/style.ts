// The few SVG style properties an importer for cutting needs: stroke and fill paint (→ path colour and whether it
// is an outline or a filled area), display and visibility. Values come from presentation attributes, class rules
// of <style> elements (simple ".name { … }" selectors, as Illustrator writes them) and the style attribute, in
// that order of precedence, inherited down the tree.
import type { XmlNode } from './xml-tree';

export type Paint = { kind: 'none' } | { kind: 'color'; rgb: number } | { kind: 'other' };

export interface Style {
  stroke: Paint;
  fill: Paint;
  color: Paint;
  visible: boolean;
}

export const ROOT_STYLE: Style = { stroke: { kind: 'none' }, fill: { kind: 'color', rgb: 0 }, color: { kind: 'color', rgb: 0 }, visible: true };

const NAMED: Record<string, number> = {
  black: 0x000000, white: 0xffffff, red: 0xff0000, lime: 0x00ff00, green: 0x008000, blue: 0x0000ff, yellow: 0xffff00,
  cyan: 0x00ffff, aqua: 0x00ffff, magenta: 0xff00ff, fuchsia: 0xff00ff, gray: 0x808080, grey: 0x808080,
  silver: 0xc0c0c0, maroon: 0x800000, olive: 0x808000, navy: 0x000080, purple: 0x800080, teal: 0x008080,
  orange: 0xffa500,
};

/** Parses a paint value; `inherit`/unknown keeps the parent's. */
export function parsePaint(value: string | undefined, parent: Paint, current: Paint): Paint {
  if (value === undefined) return parent;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'inherit') return parent;
  if (v === 'none' || v === 'transparent') return { kind: 'none' };
  if (v === 'currentcolor') return current;
  if (v.startsWith('url(')) return { kind: 'other' };
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return { kind: 'color', rgb: parseInt(m[1].split('').map((c) => c + c).join(''), 16) };
  m = /^#([0-9a-f]{6})$/.exec(v);
  if (m) return { kind: 'color', rgb: parseInt(m[1], 16) };
  m = /^rgba?\(\s*([\d.]+)(%?)[\s,]+([\d.]+)(%?)[\s,]+([\d.]+)(%?)/.exec(v);
  if (m) {
    const ch = (n: string, pct: string) => Math.max(0, Math.min(255, Math.round(pct ? (Number(n) * 255) / 100 : Number(n))));
    return { kind: 'color', rgb: (ch(m[1], m[2]) << 16) | (ch(m[3], m[4]) << 8) | ch(m[5], m[6]) };
  }
  if (v in NAMED) return { kind: 'color', rgb: NAMED[v] };
  return { kind: 'other' };
}

/** "a: b; c: d" → { a: 'b', c: 'd' }. */
export function parseDeclarations(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of (text ?? '').split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).replace(/!important/i, '').trim();
  }
  return out;
}

/** Class rules from every <style> element: ".st0{fill:none;stroke:#000}" → { st0: {...} }. */
export function classRules(styleTexts: string[]): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  for (const css of styleTexts) {
    const clean = css.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of clean.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const decls = parseDeclarations(m[2]);
      for (const sel of m[1].split(',')) {
        const cls = /^\s*\.([\w-]+)\s*$/.exec(sel);
        if (cls) rules.set(cls[1], { ...(rules.get(cls[1]) ?? {}), ...decls });
      }
    }
  }
  return rules;
}

/** The element's own declarations, by precedence: attributes < class rules < style attribute. */
export function declarationsOf(node: XmlNode, rules: Map<string, Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['stroke', 'fill', 'color', 'display', 'visibility']) if (node.attrs[k] !== undefined) out[k] = node.attrs[k];
  for (const cls of (node.attrs.class ?? '').split(/\s+/)) Object.assign(out, rules.get(cls) ?? {});
  Object.assign(out, parseDeclarations(node.attrs.style));
  return out;
}

/** Computed style of an element from its parent's and its own declarations. */
export function computeStyle(parent: Style, d: Record<string, string>): Style {
  const color = parsePaint(d.color, parent.color, parent.color);
  const vis = d.visibility?.trim();
  return {
    color,
    stroke: parsePaint(d.stroke, parent.stroke, color),
    fill: parsePaint(d.fill, parent.fill, color),
    visible: vis === 'hidden' || vis === 'collapse' ? false : vis === 'visible' ? true : parent.visible,
  };
}
