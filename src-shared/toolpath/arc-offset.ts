// Exact offset of a closed chain of lines and arcs, so rounded rectangles, slots and plates with radiused
// corners keep true arcs (G2/G3) after kerf compensation instead of thousands of chords. Every line moves
// along its normal, every arc keeps its centre and changes radius, and convex corners get a round join (an
// arc around the corner point, as the beam would sweep). Concave corners would need trimming: those shapes are
// left to the polygon offset. The caller checks the result against clipper2-ts's area before trusting it.
import { reverseSegments, segEnd, segLength, segStart, signedArea } from '../geometry/segments';
import type { Segment, Vec2 } from '../geometry/types';
import { tangent } from './pieces';

const JOIN_EPS = 1e-6;

function cross(a: Vec2, b: Vec2): number {
  return a.x * b.y - a.y * b.x;
}

/** Offsets one segment to the right of travel by o > 0; null when an arc would collapse. */
function offsetSegment(s: Segment, o: number): Segment | null {
  if (s.kind === 'line') {
    const t = tangent(s, false);
    const n = { x: t.y, y: -t.x };
    return { kind: 'line', a: { x: s.a.x + n.x * o, y: s.a.y + n.y * o }, b: { x: s.b.x + n.x * o, y: s.b.y + n.y * o } };
  }
  // Counter-clockwise arcs have their centre on the left, so the right side is farther out.
  const radius = s.sweep > 0 ? s.radius + o : s.radius - o;
  if (radius <= JOIN_EPS) return null;
  return { ...s, radius };
}

/** Offset to the right of travel by o > 0 with round joins at convex corners; null when not representable. */
function offsetRight(segs: readonly Segment[], o: number): Segment[] | null {
  const out: Segment[] = [];
  const n = segs.length;
  for (let i = 0; i < n; i++) {
    const s = segs[i];
    const off = offsetSegment(s, o);
    if (!off) return null;
    out.push(off);
    const next = segs[(i + 1) % n];
    const tIn = tangent(s, true);
    const tOut = tangent(next, false);
    const turn = cross(tIn, tOut);
    const dot = tIn.x * tOut.x + tIn.y * tOut.y;
    if (Math.abs(turn) < 1e-9 && dot > 0) continue; // tangent join: the offsets meet
    if (turn < 0) return null; // right turn: concave for a right offset, would need trimming
    const corner = segEnd(s);
    const from = Math.atan2(-tIn.x, tIn.y); // direction of the right normal of the incoming tangent
    const sweep = Math.atan2(turn, dot);
    out.push({ kind: 'arc', center: corner, radius: o, startAngle: from, sweep });
  }
  // The chain must still join up end to start.
  for (let i = 0; i < out.length; i++) {
    const a = segEnd(out[i]);
    const b = segStart(out[(i + 1) % out.length]);
    if (Math.hypot(a.x - b.x, a.y - b.y) > 1e-6 * Math.max(1, o)) return null;
  }
  return out;
}

/**
 * Moves a closed chain outward (grow > 0, away from the region it encloses) or inward (grow < 0), keeping
 * arcs. Returns null when the shape needs trimming (concave corners for this direction, collapsing arcs).
 */
export function offsetChainExact(chain: readonly Segment[], grow: number): Segment[] | null {
  // Zero-length pieces (a slot drawn as a rounded rectangle with straight sides of length 0) have no direction.
  const segs = chain.filter((s) => segLength(s) > 1e-9);
  if (segs.length === 0 || !segs.some((s) => s.kind === 'arc')) return null;
  const ccw = signedArea(segs) > 0;
  // Outward is to the right of travel on a counter-clockwise loop.
  const right = ccw ? grow : -grow;
  if (right > 0) return offsetRight(segs, right);
  const reversed = offsetRight(reverseSegments(segs), -right);
  return reversed ? reverseSegments(reversed) : null;
}
