// Primitive shapes drawn in the editor, as exact closed paths: rectangles (with rounded corners as true arcs),
// circles and regular polygons.
import type { Path, Segment, Vec2 } from '../geometry/types';

interface ShapeBase {
  id: string;
  layer: string;
}

export function rectanglePath(o: ShapeBase & { x: number; y: number; width: number; height: number; radius?: number }): Path {
  const { x, y, width: w, height: h } = o;
  if (!(w > 0 && h > 0)) throw new Error('A rectangle needs a positive width and height');
  const r = Math.max(0, Math.min(o.radius ?? 0, w / 2, h / 2));
  const segs: Segment[] = [];
  const line = (a: Vec2, b: Vec2) => {
    if (Math.hypot(b.x - a.x, b.y - a.y) > 1e-9) segs.push({ kind: 'line', a, b });
  };
  const corner = (cx: number, cy: number, start: number) => {
    if (r > 0) segs.push({ kind: 'arc', center: { x: cx, y: cy }, radius: r, startAngle: start, sweep: Math.PI / 2 });
  };
  line({ x: x + r, y }, { x: x + w - r, y });
  corner(x + w - r, y + r, -Math.PI / 2);
  line({ x: x + w, y: y + r }, { x: x + w, y: y + h - r });
  corner(x + w - r, y + h - r, 0);
  line({ x: x + w - r, y: y + h }, { x: x + r, y: y + h });
  corner(x + r, y + h - r, Math.PI / 2);
  line({ x, y: y + h - r }, { x, y: y + r });
  corner(x + r, y + r, Math.PI);
  return { id: o.id, layer: o.layer, entity: 'RECTANGLE', segments: segs, closed: true };
}

export function circlePath(o: ShapeBase & { cx: number; cy: number; radius: number }): Path {
  if (!(o.radius > 0)) throw new Error('A circle needs a positive radius');
  return {
    id: o.id,
    layer: o.layer,
    entity: 'CIRCLE',
    closed: true,
    segments: [{ kind: 'arc', center: { x: o.cx, y: o.cy }, radius: o.radius, startAngle: 0, sweep: 2 * Math.PI }],
  };
}

export function polygonPath(o: ShapeBase & { cx: number; cy: number; radius: number; sides: number; rotationDeg?: number }): Path {
  if (!(Number.isInteger(o.sides) && o.sides >= 3 && o.sides <= 1000)) throw new Error('A polygon needs 3–1000 sides');
  if (!(o.radius > 0)) throw new Error('A polygon needs a positive radius');
  const start = ((o.rotationDeg ?? 90) * Math.PI) / 180;
  const pts: Vec2[] = [];
  for (let i = 0; i < o.sides; i++) {
    const a = start + (2 * Math.PI * i) / o.sides;
    pts.push({ x: o.cx + o.radius * Math.cos(a), y: o.cy + o.radius * Math.sin(a) });
  }
  return {
    id: o.id,
    layer: o.layer,
    entity: 'POLYGON',
    closed: true,
    segments: pts.map((a, i) => ({ kind: 'line' as const, a, b: pts[(i + 1) % pts.length] })),
  };
}
