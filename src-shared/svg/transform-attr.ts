// The parser for SVG's `transform` attribute (matrix, translate, scale, rotate with centre, skewX, skewY) into the
// shared 2D affine type of src-shared/geometry/transform.ts, which uses SVG's matrix(a b c d e f) order.
import { compose, IDENTITY, translation, type Affine } from '../geometry/transform';

/**
 * Parses a transform list ("translate(10,20) rotate(45 5 5) scale(2)"). Returns undefined for a malformed list,
 * which SVG says disables the element's transform; the caller reports it.
 */
export function parseTransform(text: string | undefined): Affine | undefined {
  if (!text || !text.trim()) return IDENTITY;
  let m = IDENTITY;
  const re = /\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?/gy;
  let pos = 0;
  for (let hit = re.exec(text); hit; hit = re.exec(text)) {
    pos = re.lastIndex;
    const v = hit[2].trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (v.some((x) => !Number.isFinite(x))) return undefined;
    const rad = (deg: number) => (deg * Math.PI) / 180;
    let t: Affine;
    switch (hit[1]) {
      case 'matrix':
        if (v.length !== 6) return undefined;
        t = { a: v[0], b: v[1], c: v[2], d: v[3], e: v[4], f: v[5] };
        break;
      case 'translate':
        if (v.length < 1 || v.length > 2) return undefined;
        t = translation(v[0], v[1] ?? 0);
        break;
      case 'scale':
        if (v.length < 1 || v.length > 2) return undefined;
        t = { a: v[0], b: 0, c: 0, d: v[1] ?? v[0], e: 0, f: 0 };
        break;
      case 'rotate': {
        if (v.length !== 1 && v.length !== 3) return undefined;
        const c = Math.cos(rad(v[0]));
        const s = Math.sin(rad(v[0]));
        t = { a: c, b: s, c: -s, d: c, e: 0, f: 0 };
        if (v.length === 3) t = compose(translation(v[1], v[2]), compose(t, translation(-v[1], -v[2])));
        break;
      }
      case 'skewX':
        if (v.length !== 1) return undefined;
        t = { a: 1, b: 0, c: Math.tan(rad(v[0])), d: 1, e: 0, f: 0 };
        break;
      default:
        if (v.length !== 1) return undefined;
        t = { a: 1, b: Math.tan(rad(v[0])), c: 0, d: 1, e: 0, f: 0 };
    }
    m = compose(m, t);
  }
  return text.slice(pos).trim() === '' ? m : undefined;
}
