// Turns absolute path commands in an element's user space into our Paths in millimetres: one Path per subpath,
// straight lines kept, Béziers flattened at the chord tolerance after mapping their control points (Béziers are
// affine-invariant, so the bound holds in millimetres), and elliptical arcs kept as exact ArcSegs whenever the
// element's transform maps the ellipse to a circle (equal radii under a similarity), flattened otherwise.
// Contiguous arcs of one circle are merged, so a <circle> becomes a single 2π arc.
import type { ArcSeg, Segment, Vec2 } from '../geometry/types';
import { ellipseToSegments } from '../geometry/ellipse';
import { applyToPoint, type Affine } from '../geometry/transform';
import { flattenCubic, flattenQuadratic } from './bezier';
import type { PathCommand } from './path-data';

export interface Subpath {
  segments: Segment[];
  closed: boolean;
}

const EPS = 1e-9;
const same = (p: Vec2, q: Vec2) => Math.abs(p.x - q.x) <= EPS && Math.abs(p.y - q.y) <= EPS;

/** Centre parameterisation of an SVG arc (SVG 1.1 implementation notes F.6.5), radii scaled up when too small. */
export function arcCenter(p1: Vec2, p2: Vec2, rxIn: number, ryIn: number, phiDeg: number, large: boolean, sweep: boolean) {
  const phi = (phiDeg * Math.PI) / 180;
  const cos = Math.cos(phi), sin = Math.sin(phi);
  const dx = (p1.x - p2.x) / 2, dy = (p1.y - p2.y) / 2;
  const x1 = cos * dx + sin * dy;
  const y1 = -sin * dx + cos * dy;
  let rx = rxIn, ry = ryIn;
  const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  const den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  const coef = (large !== sweep ? 1 : -1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * y1) / ry;
  const cyp = (-coef * ry * x1) / rx;
  const center = { x: cos * cxp - sin * cyp + (p1.x + p2.x) / 2, y: sin * cxp + cos * cyp + (p1.y + p2.y) / 2 };
  const ang = (ux: number, uy: number) => Math.atan2(uy, ux);
  const theta1 = ang((x1 - cxp) / rx, (y1 - cyp) / ry);
  let dTheta = ang((-x1 - cxp) / rx, (-y1 - cyp) / ry) - theta1;
  if (sweep && dTheta < 0) dTheta += 2 * Math.PI;
  if (!sweep && dTheta > 0) dTheta -= 2 * Math.PI;
  return { center, rx, ry, phi, theta1, dTheta };
}

export class PathBuilder {
  readonly subpaths: Subpath[] = [];
  private segments: Segment[] = [];
  private start: Vec2 = { x: 0, y: 0 };
  private pen: Vec2 = { x: 0, y: 0 };

  constructor(
    private readonly m: Affine,
    private readonly tol: number,
  ) {}

  private mm(p: Vec2): Vec2 {
    return applyToPoint(this.m, p);
  }

  private line(a: Vec2, b: Vec2) {
    if (!same(a, b)) this.segments.push({ kind: 'line', a, b });
  }

  private polyline(from: Vec2, pts: Vec2[]) {
    let a = from;
    for (const p of pts) {
      this.line(a, p);
      a = p;
    }
  }

  private finish(closed: boolean) {
    if (this.segments.length) this.subpaths.push({ segments: this.segments, closed });
    this.segments = [];
  }

  /** Arc of the ellipse centre + R(phi)·(rx cos t, ry sin t), t from theta1 by dTheta (user space), in mm. */
  private ellipseArc(center: Vec2, rx: number, ry: number, phi: number, theta1: number, dTheta: number) {
    const m = this.m;
    // The images of the ellipse's semi-axes: columns of M·R(phi)·diag(rx, ry). A circle stays an exact arc.
    const cos = Math.cos(phi), sin = Math.sin(phi);
    const major = { x: (m.a * cos + m.c * sin) * rx, y: (m.b * cos + m.d * sin) * rx };
    const minor = { x: (-m.a * sin + m.c * cos) * ry, y: (-m.b * sin + m.d * cos) * ry };
    for (const s of ellipseToSegments({ center: this.mm(center), major, minor, start: theta1, sweep: dTheta }, this.tol)) {
      if (s.kind === 'arc') this.arc(s);
      else this.line(s.a, s.b);
    }
  }

  /** Appends an arc, merging it into the previous one when it continues the same circle. */
  private arc(s: ArcSeg) {
    const prev = this.segments[this.segments.length - 1];
    if (
      prev?.kind === 'arc' && same(prev.center, s.center) && Math.abs(prev.radius - s.radius) <= EPS * Math.max(1, s.radius) &&
      Math.sign(prev.sweep) === Math.sign(s.sweep) && Math.abs(prev.sweep + s.sweep) <= 2 * Math.PI + 1e-9
    ) {
      const endPrev = prev.startAngle + prev.sweep;
      const gap = Math.atan2(Math.sin(s.startAngle - endPrev), Math.cos(s.startAngle - endPrev));
      if (Math.abs(gap) <= 1e-9) {
        this.segments[this.segments.length - 1] = { ...prev, sweep: prev.sweep + s.sweep };
        return;
      }
    }
    this.segments.push(s);
  }

  run(commands: PathCommand[]) {
    for (const k of commands) {
      switch (k.c) {
        case 'M':
          this.finish(false);
          this.start = this.pen = { x: k.x, y: k.y };
          break;
        case 'L':
          this.line(this.mm(this.pen), this.mm(k));
          this.pen = { x: k.x, y: k.y };
          break;
        case 'C': {
          const a = this.mm(this.pen);
          this.polyline(a, flattenCubic(a, this.mm({ x: k.x1, y: k.y1 }), this.mm({ x: k.x2, y: k.y2 }), this.mm(k), this.tol));
          this.pen = { x: k.x, y: k.y };
          break;
        }
        case 'Q': {
          const a = this.mm(this.pen);
          this.polyline(a, flattenQuadratic(a, this.mm({ x: k.x1, y: k.y1 }), this.mm(k), this.tol));
          this.pen = { x: k.x, y: k.y };
          break;
        }
        case 'A': {
          const to = { x: k.x, y: k.y };
          if (same(this.pen, to)) break;
          if (k.rx <= EPS || k.ry <= EPS) {
            this.line(this.mm(this.pen), this.mm(to));
          } else {
            const e = arcCenter(this.pen, to, k.rx, k.ry, k.rotation, k.large, k.sweep);
            this.ellipseArc(e.center, e.rx, e.ry, e.phi, e.theta1, e.dTheta);
          }
          this.pen = to;
          break;
        }
        case 'Z':
          this.line(this.mm(this.pen), this.mm(this.start));
          this.finish(true);
          this.pen = this.start;
          break;
      }
    }
    this.finish(false);
    return this.subpaths;
  }
}
