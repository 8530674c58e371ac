// SVG basic shapes (rect with rounded corners, circle, ellipse, line, polyline, polygon) as path commands, so
// one builder handles them all. Lengths may carry CSS units inside user space ("10mm" = 10 mm at 96 px/in).
import type { PathCommand } from './path-data';
import type { XmlNode } from './xml-tree';

const PX_PER: Record<string, number> = { px: 1, '': 1, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72, pc: 16, q: 96 / 101.6 };

/** A length attribute in user units (absolute units converted at 96 px/in); undefined when missing or invalid. */
export function userLength(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|mm|cm|in|pt|pc|q)?\s*$/i.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * PX_PER[(m[2] ?? '').toLowerCase()];
}

const len = (n: XmlNode, k: string, dflt = 0) => userLength(n.attrs[k]) ?? dflt;

function ellipse(cx: number, cy: number, rx: number, ry: number): PathCommand[] {
  const arc = (x: number, y: number): PathCommand => ({ c: 'A', rx, ry, rotation: 0, large: false, sweep: true, x, y });
  return [{ c: 'M', x: cx + rx, y: cy }, arc(cx - rx, cy), arc(cx + rx, cy), { c: 'Z' }];
}

function points(text: string | undefined): number[][] {
  const v = (text ?? '').trim().split(/[\s,]+/).filter(Boolean).map(Number);
  const out: number[][] = [];
  for (let i = 0; i + 1 < v.length; i += 2) if (Number.isFinite(v[i]) && Number.isFinite(v[i + 1])) out.push([v[i], v[i + 1]]);
  return out;
}

/** Commands for a basic shape element, [] when it does not render (zero size), undefined for other elements. */
export function shapeCommands(n: XmlNode, name: string): PathCommand[] | undefined {
  switch (name) {
    case 'rect': {
      const x = len(n, 'x'), y = len(n, 'y'), w = len(n, 'width'), h = len(n, 'height');
      if (!(w > 0 && h > 0)) return [];
      let rx = userLength(n.attrs.rx), ry = userLength(n.attrs.ry);
      if (rx === undefined || rx < 0) rx = ry !== undefined && ry >= 0 ? ry : 0;
      if (ry === undefined || ry < 0) ry = rx;
      rx = Math.min(rx, w / 2);
      ry = Math.min(ry, h / 2);
      if (rx <= 0 || ry <= 0) {
        return [{ c: 'M', x, y }, { c: 'L', x: x + w, y }, { c: 'L', x: x + w, y: y + h }, { c: 'L', x, y: y + h }, { c: 'Z' }];
      }
      const arc = (ax: number, ay: number): PathCommand => ({ c: 'A', rx: rx!, ry: ry!, rotation: 0, large: false, sweep: true, x: ax, y: ay });
      return [
        { c: 'M', x: x + rx, y }, { c: 'L', x: x + w - rx, y }, arc(x + w, y + ry),
        { c: 'L', x: x + w, y: y + h - ry }, arc(x + w - rx, y + h),
        { c: 'L', x: x + rx, y: y + h }, arc(x, y + h - ry),
        { c: 'L', x, y: y + ry }, arc(x + rx, y), { c: 'Z' },
      ];
    }
    case 'circle': {
      const r = len(n, 'r');
      return r > 0 ? ellipse(len(n, 'cx'), len(n, 'cy'), r, r) : [];
    }
    case 'ellipse': {
      const rx = len(n, 'rx'), ry = len(n, 'ry');
      return rx > 0 && ry > 0 ? ellipse(len(n, 'cx'), len(n, 'cy'), rx, ry) : [];
    }
    case 'line':
      return [{ c: 'M', x: len(n, 'x1'), y: len(n, 'y1') }, { c: 'L', x: len(n, 'x2'), y: len(n, 'y2') }];
    case 'polyline':
    case 'polygon': {
      const pts = points(n.attrs.points);
      if (pts.length < 2) return [];
      const cmds: PathCommand[] = pts.map(([x, y], i) => ({ c: i === 0 ? 'M' : 'L', x, y }) as PathCommand);
      if (name === 'polygon') cmds.push({ c: 'Z' });
      return cmds;
    }
    default:
      return undefined;
  }
}
