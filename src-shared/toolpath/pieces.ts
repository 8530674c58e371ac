// Small operations on chains of segments that the toolpath needs: start a closed chain at a chosen point,
// split it into laser-on and laser-off pieces at given distances (tabs), and the travel direction at a point
// (for lead-ins on the scrap side).
import { arcPoint, segLength, segStart } from '../geometry/segments';
import type { Segment, Vec2 } from '../geometry/types';

const EPS = 1e-9;

/** The part of a segment between distances d0 and d1 along it. */
export function subSegment(s: Segment, d0: number, d1: number): Segment {
  const len = segLength(s);
  if (s.kind === 'line') {
    const at = (d: number): Vec2 => ({ x: s.a.x + ((s.b.x - s.a.x) * d) / len, y: s.a.y + ((s.b.y - s.a.y) * d) / len });
    return { kind: 'line', a: d0 <= 0 ? s.a : at(d0), b: d1 >= len ? s.b : at(d1) };
  }
  const dir = Math.sign(s.sweep);
  return { kind: 'arc', center: s.center, radius: s.radius, startAngle: s.startAngle + (dir * d0) / s.radius, sweep: (dir * (d1 - d0)) / s.radius };
}

/** Rotates a closed chain so that it starts at `p` (a segment start point, or any point of a full circle). */
export function startClosedAt(segs: readonly Segment[], p: Vec2): Segment[] {
  if (segs.length === 1 && segs[0].kind === 'arc' && Math.abs(Math.abs(segs[0].sweep) - 2 * Math.PI) < 1e-9) {
    const a = segs[0];
    return [{ ...a, startAngle: Math.atan2(p.y - a.center.y, p.x - a.center.x) }];
  }
  let best = 0;
  let bd = Infinity;
  segs.forEach((s, i) => {
    const q = segStart(s);
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d < bd) {
      bd = d;
      best = i;
    }
  });
  return [...segs.slice(best), ...segs.slice(0, best)];
}

/** Unit tangent of travel at the start (t = 0) or end (t = 1) of a segment. */
export function tangent(s: Segment, atEnd: boolean): Vec2 {
  if (s.kind === 'line') {
    const dx = s.b.x - s.a.x;
    const dy = s.b.y - s.a.y;
    const d = Math.hypot(dx, dy) || 1;
    return { x: dx / d, y: dy / d };
  }
  const ang = atEnd ? s.startAngle + s.sweep : s.startAngle;
  const dir = Math.sign(s.sweep) || 1;
  return { x: -Math.sin(ang) * dir, y: Math.cos(ang) * dir };
}

/** Unit normal to the right of travel at the start of a closed chain (bisecting the corner there). */
export function rightNormalAtStart(segs: readonly Segment[]): Vec2 {
  const tOut = tangent(segs[0], false);
  const tIn = tangent(segs[segs.length - 1], true);
  let tx = tOut.x + tIn.x;
  let ty = tOut.y + tIn.y;
  const d = Math.hypot(tx, ty);
  if (d < 1e-6) {
    tx = tOut.x;
    ty = tOut.y;
  } else {
    tx /= d;
    ty /= d;
  }
  return { x: ty, y: -tx };
}

/**
 * Splits a chain into pieces, marking those inside any of the `gaps` ([from, to] distances along the chain)
 * as laser-off.
 */
export function splitWithGaps(segs: readonly Segment[], gaps: readonly [number, number][]): { seg: Segment; on: boolean }[] {
  const out: { seg: Segment; on: boolean }[] = [];
  let offset = 0;
  for (const s of segs) {
    const len = segLength(s);
    const cuts = [0, len];
    for (const [g0, g1] of gaps) {
      if (g0 - offset > EPS && g0 - offset < len - EPS) cuts.push(g0 - offset);
      if (g1 - offset > EPS && g1 - offset < len - EPS) cuts.push(g1 - offset);
    }
    cuts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const d0 = cuts[i];
      const d1 = cuts[i + 1];
      if (d1 - d0 <= EPS) continue;
      const mid = offset + (d0 + d1) / 2;
      const on = !gaps.some(([g0, g1]) => mid > g0 && mid < g1);
      out.push({ seg: d0 === 0 && d1 === len ? s : subSegment(s, d0, d1), on });
    }
    offset += len;
  }
  return out;
}

export function pieceEnd(seg: Segment): Vec2 {
  return seg.kind === 'line' ? seg.b : arcPoint(seg, seg.startAngle + seg.sweep);
}
