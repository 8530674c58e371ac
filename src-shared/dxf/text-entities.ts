// TEXT, MTEXT and ATTRIB → text items (plain text, world position, height, rotation, font from the text style) and,
// when the importer was given fonts, outlines through the shared text tool (src-shared/text, glyph by glyph with
// kerning) as fill paths for engraving. Alignment follows the DXF codes closely enough for engraving placement:
// TEXT horizontal 72 / vertical 73 alignment, MTEXT attachment points 1–9 with the default 5/3 line pitch.
import { applyToPoint, compose } from '../geometry/transform';
import { layoutText } from '../text/text-to-paths';
import type { Ctx, Frame, TextItem } from './context';
import { common, readCommon, resetCommon } from './curves';
import { num, str, type EntityRef } from './document';
import { decodeControlCodes, mtextToPlain } from './mtext';
import { ocsToWorld } from './ocs';

const DEG = Math.PI / 180;
/** AutoCAD's MTEXT line pitch at spacing factor 1: 5/3 of the text height. */
const MTEXT_LINE_PITCH = 5 / 3;

export function convertText(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  const isMtext = e.type === 'MTEXT';
  let chunks = '';
  let last = '';
  let x = 0, y = 0, ax = NaN, ay = NaN, height = 1, rot = 0, dirX = NaN, dirY = NaN;
  let style = 'STANDARD';
  let halign = 0, valign = 0, attachment = 1;
  for (let k = e.start + 1; k < e.end; k++) {
    const code = t.codes[k];
    switch (code) {
      case 1: last = str(t, k); break;
      case 3: if (isMtext) chunks += str(t, k); break;
      case 7: style = str(t, k); break;
      case 10: x = num(t, k); break;
      case 20: y = num(t, k); break;
      case 11: if (isMtext) dirX = num(t, k); else ax = num(t, k); break;
      case 21: if (isMtext) dirY = num(t, k); else ay = num(t, k); break;
      case 40: height = num(t, k); break;
      case 50: rot = num(t, k) * DEG; break;
      case 71: if (isMtext) attachment = num(t, k); break;
      case 72: if (!isMtext) halign = num(t, k); break;
      case 73: if (!isMtext) valign = num(t, k); break;
      case 74: if (e.type === 'ATTRIB') valign = num(t, k); break;
      default: readCommon(ctx, code, k);
    }
  }
  const raw = isMtext ? chunks + last : last;
  const text = isMtext ? mtextToPlain(raw) : decodeControlCodes(raw);
  if (!text.trim()) return;
  // TEXT/ATTRIB points are OCS; MTEXT points are world coordinates (its direction vector is too).
  const ocs = isMtext ? null : ocsToWorld(common.nx, common.ny, common.nz);
  const m = ocs ? compose(frame.m, ocs) : frame.m;
  const useAlignPoint = !isMtext && (halign !== 0 || valign !== 0) && halign !== 3 && halign !== 5 && Number.isFinite(ax);
  const px = useAlignPoint ? ax : x;
  const py = useAlignPoint ? ay : y;
  if (isMtext && Number.isFinite(dirX) && (dirX !== 0 || Number.isFinite(dirY))) rot = Math.atan2(dirY || 0, dirX);
  const at = applyToPoint(m, { x: px, y: py });
  const dir = { x: m.a * Math.cos(rot) + m.c * Math.sin(rot), y: m.b * Math.cos(rot) + m.d * Math.sin(rot) };
  const up = { x: -m.a * Math.sin(rot) + m.c * Math.cos(rot), y: -m.b * Math.sin(rot) + m.d * Math.cos(rot) };
  const heightMm = Math.abs(height) * Math.hypot(up.x, up.y);
  const layer = ctx.layerOf(common, frame);
  const font = ctx.doc.styles.get(style.toUpperCase()) || 'txt';
  const col = isMtext ? (attachment - 1) % 3 : halign === 1 || halign === 4 ? 1 : halign === 2 ? 2 : 0;
  const item: TextItem = {
    kind: isMtext ? 'MTEXT' : e.type === 'ATTRIB' ? 'ATTRIB' : 'TEXT',
    text,
    layer,
    handle: frame.handle ?? common.handle,
    at,
    heightMm,
    rotation: Math.atan2(dir.y, dir.x),
    font,
    style,
    align: col === 1 ? 'center' : col === 2 ? 'right' : 'left',
    attachment: isMtext ? attachment : 0,
    converted: false,
  };
  if (!Number.isFinite(at.x + at.y + heightMm)) return;
  ctx.texts.push(item);
  if (ctx.fontFor && !frame.annotation && heightMm > 0) outline(ctx, item, isMtext ? 'mtext' : valign, frame);
}

/** Draws the item with the resolved font; marks it converted when the font was available. */
function outline(ctx: Ctx, item: TextItem, vertical: number | 'mtext', frame: Frame): void {
  const font = ctx.fontFor?.(item.font);
  if (!font) return;
  const lines = item.text.split('\n').length;
  const h = item.heightMm;
  // Offset of the first baseline below the insertion point, in text coordinates.
  let drop = 0;
  if (vertical === 'mtext') {
    const row = Math.floor((item.attachment - 1) / 3);
    const block = (lines - 1) * h * MTEXT_LINE_PITCH + h;
    drop = row === 0 ? h : row === 1 ? h - block / 2 : h - block;
  } else if (vertical === 2) drop = h / 2;
  else if (vertical === 3) drop = h;
  const cos = Math.cos(item.rotation), sin = Math.sin(item.rotation);
  try {
    const layout = layoutText({
      text: item.text,
      font,
      sizeMm: h,
      heightMode: 'cap',
      align: item.align,
      origin: { x: item.at.x + drop * sin, y: item.at.y - drop * cos },
      rotation: item.rotation,
      layer: item.layer,
      // Glyph curves to 1/1000 of the text height (never finer than the import tolerance): a 1 m high title
      // flattened at 0.01 mm would produce millions of chords for nothing a laser can show.
      toleranceMm: Math.max(ctx.tol, h / 1000),
      idPrefix: `t${ctx.texts.length}`,
    });
    for (const p of layout.paths) {
      ctx.emit(p.segments, true, item.kind, { ...common, layer: item.layer }, frame, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }, true);
    }
    item.converted = true;
  } catch (err) {
    ctx.report({ code: 'TEXT_NOT_CONVERTED', severity: 'warning', message: `Text "${item.text.slice(0, 40)}" could not be outlined: ${(err as Error).message}`, layer: item.layer, handle: item.handle, at: item.at });
  }
}
