// Writes a design as SVG in millimetres (exact arcs as SVG arc commands, Y flipped to SVG's downward axis),
// coloured by operation like the plan. Used for "Export SVG" and, at a small size, for design thumbnails.
import { emptyBBox, segEnd, segStart, segmentsBBox, unionBBox, isEmptyBBox } from '../geometry/segments';
import type { LayerInfo, Operation, Path, Segment } from '../geometry/types';

const strokes: Record<Operation, string> = { cut: '#d93025', score: '#1a73e8', engrave: '#188038', ignore: '#9aa0a6' };

const n = (v: number) => (Math.round(v * 1000) / 1000).toString();

function pathData(segs: readonly Segment[], closed: boolean, flipY: (y: number) => number): string {
  if (!segs.length) return '';
  const first = segStart(segs[0]);
  let d = `M${n(first.x)} ${n(flipY(first.y))}`;
  for (const s of segs) {
    const e = segEnd(s);
    if (s.kind === 'line') {
      d += `L${n(e.x)} ${n(flipY(e.y))}`;
      continue;
    }
    // SVG cannot draw a full circle with one arc command: split sweeps above 180° in halves.
    const parts = Math.abs(s.sweep) > Math.PI ? 2 : 1;
    for (let i = 1; i <= parts; i++) {
      const a = s.startAngle + (s.sweep * i) / parts;
      const large = Math.abs(s.sweep / parts) > Math.PI ? 1 : 0;
      // Y is flipped, so a counter-clockwise arc in drawing space is clockwise (sweep-flag 0) in SVG space.
      const sweepFlag = s.sweep > 0 ? 0 : 1;
      d += `A${n(s.radius)} ${n(s.radius)} 0 ${large} ${sweepFlag} ${n(s.center.x + s.radius * Math.cos(a))} ${n(flipY(s.center.y + s.radius * Math.sin(a)))}`;
    }
  }
  return closed ? `${d}Z` : d;
}

export function designToSvg(paths: readonly Path[], layers: readonly LayerInfo[], opts: { widthPx?: number; strokeMm?: number } = {}): string {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const shown = paths.filter((p) => byName.get(p.layer)?.visible !== false && byName.get(p.layer)?.operation !== 'ignore');
  const box = emptyBBox();
  for (const p of shown) unionBBox(box, segmentsBBox(p.segments));
  if (isEmptyBBox(box)) Object.assign(box, { minX: 0, minY: 0, maxX: 1, maxY: 1 });
  const w = Math.max(box.maxX - box.minX, 1e-3);
  const h = Math.max(box.maxY - box.minY, 1e-3);
  const flipY = (y: number) => box.maxY - y + box.minY;
  const stroke = opts.strokeMm ?? Math.max(w, h) / 400;
  const size = opts.widthPx ? `width="${opts.widthPx}" height="${Math.round((opts.widthPx * h) / w)}"` : `width="${n(w)}mm" height="${n(h)}mm"`;
  const groups = new Map<Operation, string[]>();
  for (const p of shown) {
    const op = byName.get(p.layer)?.operation ?? 'cut';
    const list = groups.get(op) ?? [];
    list.push(pathData(p.segments, p.closed, flipY));
    groups.set(op, list);
  }
  const body = [...groups]
    .map(([op, ds]) => `<g id="${op}" fill="none" stroke="${strokes[op]}" stroke-width="${n(stroke)}">${ds.map((d) => `<path d="${d}"/>`).join('')}</g>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="${n(box.minX)} ${n(box.minY)} ${n(w)} ${n(h)}">${body}</svg>`;
}

/** A small SVG data URL for lists; very large drawings are thinned to their first paths to stay small. */
export function designThumbnail(paths: readonly Path[], layers: readonly LayerInfo[]): string {
  let segCount = 0;
  const limited = paths.filter((p) => (segCount += p.segments.length) < 20_000);
  const svg = designToSvg(limited, layers, { widthPx: 96 });
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
