// Groups the triangles of one solid by plane and merges each group into polygons with holes, in a 2D basis of
// that plane. The plane key is the normal with a canonical sign (largest component positive) and the offset, so
// the two faces of a panel share one basis and their outlines can be compared directly. Merging uses Clipper2's
// union (clipper2-ts, a faithful TS port; clipper2-js gives wrong results) with non-zero filling, every triangle
// turned counter-clockwise first so reversed triangles cannot cancel out.
import { Clipper, ClipType, FillRule, PolyTreeD, type PathsD, type PolyPathD } from 'clipper2-ts';
import { ringArea } from '../geometry/polygon';
import type { PolygonWithHoles, Ring, Vec2 } from '../geometry/types';
import { groupRows } from './int-key-groups';
import { cross, dot, normalize } from './mat4';
import type { Vec3 } from './types';
import type { WeldedMesh } from './weld';

/** Decimal places Clipper keeps (0.1 µm). */
const PRECISION = 4;

export interface PlanarFace {
  /** Canonical unit normal and offset: points p of the plane have dot(normal, p) = offset. */
  normal: Vec3;
  offset: number;
  normalKey: string;
  triangles: number[];
  area: number;
  /** Plane basis: u × v = normal. */
  u: Vec3;
  v: Vec3;
}

function canonical(n: Vec3): Vec3 {
  const ax = Math.abs(n.x), ay = Math.abs(n.y), az = Math.abs(n.z);
  const lead = ax >= ay && ax >= az ? n.x : ay >= az ? n.y : n.z;
  return lead < 0 ? { x: -n.x, y: -n.y, z: -n.z } : n;
}

/** A right-handed basis (u, v) of the plane with this normal, chosen only from the normal. */
export function planeBasis(n: Vec3): { u: Vec3; v: Vec3 } {
  const ax = Math.abs(n.x), ay = Math.abs(n.y), az = Math.abs(n.z);
  const helper = az <= ax && az <= ay ? { x: 0, y: 0, z: 1 } : ay <= ax ? { x: 0, y: 1, z: 0 } : { x: 1, y: 0, z: 0 };
  // For a horizontal plane (normal ±Z) this gives u = +X, v = +Y.
  const u = az >= ax && az >= ay ? { x: 1, y: 0, z: 0 } : normalize(cross(helper, n));
  return { u, v: cross(n, u) };
}

export const vertexOf = (mesh: WeldedMesh, i: number): Vec3 => ({ x: mesh.vertices[3 * i], y: mesh.vertices[3 * i + 1], z: mesh.vertices[3 * i + 2] });

/** Planar faces of one solid (triangle indices into mesh.triangles / 3). */
export function planarFaces(mesh: WeldedMesh, solid: number[]): PlanarFace[] {
  const n = solid.length;
  const normals: Vec3[] = [];
  const offsets: number[] = [];
  const areas: number[] = [];
  const keys = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  solid.forEach((t, i) => {
    const a = vertexOf(mesh, mesh.triangles[3 * t]);
    const b = vertexOf(mesh, mesh.triangles[3 * t + 1]);
    const c = vertexOf(mesh, mesh.triangles[3 * t + 2]);
    const raw = cross({ x: b.x - a.x, y: b.y - a.y, z: b.z - a.z }, { x: c.x - a.x, y: c.y - a.y, z: c.z - a.z });
    areas.push(Math.hypot(raw.x, raw.y, raw.z) / 2);
    const nv = canonical(normalize(raw));
    normals.push(nv);
    offsets.push((dot(nv, a) + dot(nv, b) + dot(nv, c)) / 3);
    // Plane key: normal to 1e-4, offset to 0.01 mm.
    keys[0][i] = Math.round(nv.x * 1e4);
    keys[1][i] = Math.round(nv.y * 1e4);
    keys[2][i] = Math.round(nv.z * 1e4);
    keys[3][i] = Math.round(offsets[i] * 100);
  });
  const ids = groupRows(keys, n);
  const faces: PlanarFace[] = [];
  solid.forEach((t, i) => {
    let f = faces[ids[i]];
    if (!f) {
      const { u, v } = planeBasis(normals[i]);
      f = faces[ids[i]] = { normal: normals[i], offset: offsets[i], normalKey: `${keys[0][i]},${keys[1][i]},${keys[2][i]}`, triangles: [], area: 0, u, v };
    }
    f.triangles.push(t);
    f.area += areas[i];
  });
  return faces;
}

/** Union of the face's triangles projected on (u, v): polygons with holes (outer counter-clockwise, holes clockwise). */
export function faceOutline(mesh: WeldedMesh, face: PlanarFace): PolygonWithHoles[] {
  const project = (p: Vec3): Vec2 => ({ x: dot(p, face.u), y: dot(p, face.v) });
  const subject: PathsD = [];
  for (const t of face.triangles) {
    const tri = [0, 1, 2].map((k) => project(vertexOf(mesh, mesh.triangles[3 * t + k])));
    subject.push(ringArea(tri) < 0 ? tri.reverse() : tri);
  }
  const tree = new PolyTreeD();
  Clipper.booleanOpDWithPolyTree(ClipType.Union, subject, null, tree, FillRule.NonZero, PRECISION);
  return polygonsOf(tree);
}

/** Clipper's tree (outer → holes → islands …) as a flat list of polygons with their holes. */
export function polygonsOf(tree: PolyPathD): PolygonWithHoles[] {
  const out: PolygonWithHoles[] = [];
  const visitOuter = (node: PolyPathD) => {
    const outer = (node.poly ?? []).map((p) => ({ x: p.x, y: p.y }));
    const holes: Ring[] = [];
    for (let i = 0; i < node.count; i++) {
      const hole = node.child(i);
      holes.push((hole.poly ?? []).map((p) => ({ x: p.x, y: p.y })));
      for (let j = 0; j < hole.count; j++) visitOuter(hole.child(j));
    }
    out.push(orient({ outer: tidy(outer), holes: holes.map(tidy) }));
  };
  for (let i = 0; i < tree.count; i++) visitOuter(tree.child(i));
  return out;
}

/** Drops collinear vertices (T-junctions between triangles). */
const tidy = (r: Ring): Ring => Clipper.trimCollinearD(r, PRECISION).map((p) => ({ x: p.x, y: p.y }));

/** The ring started at its lowest, then leftmost vertex (so equal outlines print equally). */
function startLowest(t: Ring): Ring {
  let k = 0;
  t.forEach((p, i) => { if (p.y < t[k].y - 1e-6 || (Math.abs(p.y - t[k].y) <= 1e-6 && p.x < t[k].x)) k = i; });
  return [...t.slice(k), ...t.slice(0, k)];
}

/** Outer ring counter-clockwise, holes clockwise, each starting at its lowest-leftmost vertex. */
export function orient(p: PolygonWithHoles): PolygonWithHoles {
  const ccw = (r: Ring, want: boolean) => startLowest((ringArea(r) > 0) === want ? r : [...r].reverse());
  return { outer: ccw(p.outer, true), holes: p.holes.map((h) => ccw(h, false)) };
}

/** Net area of a polygon with holes. */
export function polygonArea(p: PolygonWithHoles): number {
  return Math.abs(ringArea(p.outer)) - p.holes.reduce((s, h) => s + Math.abs(ringArea(h)), 0);
}

/** Area of the symmetric difference of two polygon sets (0 when they coincide). */
export function xorArea(a: PolygonWithHoles[], b: PolygonWithHoles[]): number {
  const paths = (ps: PolygonWithHoles[]): PathsD => ps.flatMap((p) => [p.outer, ...p.holes]);
  return Math.abs(Clipper.areaPathsD(Clipper.booleanOpD(ClipType.Xor, paths(a), paths(b), FillRule.NonZero, PRECISION)));
}
