// Exact bounding box of segments: line ends, arc ends and the arc's axis extremes that lie inside its sweep.
import type { BBox, Segment } from '../geometry/types';

export function segmentsBBox(segments: Iterable<Segment>): BBox | undefined {
  let b: BBox | undefined;
  const add = (x: number, y: number) => {
    if (!b) b = { minX: x, minY: y, maxX: x, maxY: y };
    else {
      b.minX = Math.min(b.minX, x);
      b.minY = Math.min(b.minY, y);
      b.maxX = Math.max(b.maxX, x);
      b.maxY = Math.max(b.maxY, y);
    }
  };
  for (const s of segments) {
    if (s.kind === 'line') {
      add(s.a.x, s.a.y);
      add(s.b.x, s.b.y);
      continue;
    }
    const at = (t: number) => add(s.center.x + s.radius * Math.cos(t), s.center.y + s.radius * Math.sin(t));
    at(s.startAngle);
    at(s.startAngle + s.sweep);
    const lo = Math.min(s.startAngle, s.startAngle + s.sweep);
    const hi = Math.max(s.startAngle, s.startAngle + s.sweep);
    for (let k = Math.ceil(lo / (Math.PI / 2)); k * (Math.PI / 2) <= hi; k++) at(k * (Math.PI / 2));
  }
  return b;
}
