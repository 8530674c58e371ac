// HATCH boundary paths → closed fill paths (engraving areas), in the hatch's OCS at its elevation. Boundary data is
// positional (counts followed by records), so it is read with a cursor rather than a switch loop. Edge types:
// line, circular arc, elliptic arc, spline; polyline boundaries with bulges. Clockwise arc/ellipse edges store
// their angles as 360° − angle (DXF reference; ezdxf documents the same).
import { ellipseToSegments } from '../geometry/ellipse';
import { flattenNurbs, interpolateFitPoints, validateNurbs } from '../geometry/nurbs';
import { TAU } from '../geometry/segments';
import type { Segment, Vec2 } from '../geometry/types';
import type { Ctx, Frame } from './context';
import { common, polylineSegments, readCommon, resetCommon } from './curves';
import { num, type EntityRef } from './document';

const DEG = Math.PI / 180;

class Cursor {
  constructor(private readonly ctx: Ctx, public k: number, private readonly end: number) {}
  get code(): number {
    return this.k < this.end ? this.ctx.doc.tags.codes[this.k] : -1;
  }
  /** Value of `code` if it is the next tag (consumed), else the default. */
  take(code: number, dflt = 0): number {
    if (this.code !== code) return dflt;
    return num(this.ctx.doc.tags, this.k++);
  }
  /** Skips forward to the next tag with this code (within the entity); false when there is none. */
  seek(code: number): boolean {
    while (this.k < this.end && this.ctx.doc.tags.codes[this.k] !== code) this.k++;
    return this.k < this.end;
  }
  point(cx: number, cy: number): Vec2 {
    return { x: this.take(cx), y: this.take(cy) };
  }
}

function arcEdge(c: Cursor): Segment {
  const center = c.point(10, 20);
  const r = c.take(40);
  const a0 = c.take(50);
  const a1 = c.take(51);
  const ccw = c.take(73, 1) !== 0;
  let sweep = ((((a1 - a0) % 360) + 360) % 360) * DEG;
  if (sweep === 0 && a1 !== a0) sweep = TAU;
  if (sweep === 0) sweep = TAU;
  return ccw
    ? { kind: 'arc', center, radius: r, startAngle: a0 * DEG, sweep }
    : { kind: 'arc', center, radius: r, startAngle: -a0 * DEG, sweep: -sweep };
}

function ellipseEdge(c: Cursor, tol: number): Segment[] {
  const center = c.point(10, 20);
  const major = c.point(11, 21);
  const ratio = c.take(40, 1);
  const a0 = c.take(50);
  const a1 = c.take(51, 360);
  const ccw = c.take(73, 1) !== 0;
  let sweep = ((((a1 - a0) % 360) + 360) % 360) * DEG;
  if (sweep === 0) sweep = TAU;
  const minor = { x: -major.y * ratio, y: major.x * ratio };
  return ccw
    ? ellipseToSegments({ center, major, minor, start: a0 * DEG, sweep }, tol)
    : ellipseToSegments({ center, major, minor, start: -a0 * DEG, sweep: -sweep }, tol);
}

function splineEdge(c: Cursor, tol: number): Segment[] {
  const degree = c.take(94, 3);
  const rational = c.take(73) !== 0;
  c.take(74);
  const nKnots = c.take(95);
  const nCtrl = c.take(96);
  const knots: number[] = [];
  for (let i = 0; i < nKnots && c.code === 40; i++) knots.push(c.take(40));
  const control: Vec2[] = [];
  const weights: number[] = [];
  for (let i = 0; i < nCtrl && c.code === 10; i++) {
    control.push(c.point(10, 20));
    if ((c.code as number) === 42) weights.push(c.take(42));
  }
  const fit: Vec2[] = [];
  const nFit = c.take(97);
  for (let i = 0; i < nFit && c.code === 11; i++) fit.push(c.point(11, 21));
  const start = c.code === 12 ? c.point(12, 22) : undefined;
  const end = c.code === 13 ? c.point(13, 23) : undefined;
  let pts: Vec2[] = [];
  const nurbs = { degree, knots, control, weights: rational && weights.length === control.length ? weights : [] };
  if (control.length >= 2 && !validateNurbs(nurbs)) pts = flattenNurbs(nurbs, tol);
  else if (fit.length >= 2) {
    const interp = interpolateFitPoints(fit, start, end);
    pts = interp ? flattenNurbs(interp, tol) : fit;
  } else pts = control;
  const segs: Segment[] = [];
  for (let i = 1; i < pts.length; i++) segs.push({ kind: 'line', a: pts[i - 1], b: pts[i] });
  return segs;
}

export function convertHatch(ctx: Ctx, e: EntityRef, frame: Frame): void {
  resetCommon();
  const t = ctx.doc.tags;
  // Common properties and the elevation come before the boundary data (code 91).
  let k = e.start + 1;
  let elevation = 0;
  let sawPoint = false;
  for (; k < e.end && t.codes[k] !== 91; k++) {
    const code = t.codes[k];
    if (code === 30 && !sawPoint) {
      elevation = num(t, k);
      sawPoint = true;
    } else readCommon(ctx, code, k);
  }
  // Extrusion may follow the boundaries in some writers: scan the rest for common codes too.
  for (let j = k; j < e.end; j++) {
    const code = t.codes[j];
    if (code === 210 || code === 220 || code === 230 || code === 8 || code === 62 || code === 420) readCommon(ctx, code, j);
  }
  const m = ctx.matrix(common, frame, elevation);
  const tol = ctx.localTol(m);
  const c = new Cursor(ctx, k, e.end);
  const nPaths = c.take(91);
  for (let p = 0; p < nPaths && c.k < e.end; p++) {
    if (!c.seek(92)) break;
    const type = c.take(92);
    let segs: Segment[] = [];
    if (type & 2) {
      const hasBulge = c.take(72) !== 0;
      c.take(73);
      const n = c.take(93);
      const xs: number[] = [];
      const ys: number[] = [];
      const bulges: number[] = [];
      for (let i = 0; i < n && c.code === 10; i++) {
        xs.push(c.take(10));
        ys.push(c.take(20));
        bulges.push(hasBulge ? c.take(42) : 0);
      }
      segs = polylineSegments(xs, ys, bulges, true);
    } else {
      const nEdges = c.take(93);
      for (let i = 0; i < nEdges && c.code === 72; i++) {
        const edgeType = c.take(72);
        if (edgeType === 1) {
          const a = c.point(10, 20);
          const b = c.point(11, 21);
          segs.push({ kind: 'line', a, b });
        } else if (edgeType === 2) segs.push(arcEdge(c));
        else if (edgeType === 3) segs.push(...ellipseEdge(c, tol));
        else if (edgeType === 4) segs.push(...splineEdge(c, tol));
        else break;
      }
    }
    if (segs.length) ctx.emit(segs, true, 'HATCH', common, frame, m, true);
  }
}
