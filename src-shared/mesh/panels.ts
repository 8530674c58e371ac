// Flat-panel detection on one solid, and grouping of identical panels. A solid is a panel when it is a right
// prism: two parallel planar faces with the same outline (their symmetric difference under 0.5 % of the area) at a
// distance = thickness, and every other face perpendicular to them (the edges). Among several such directions (a
// cube) the one with the largest face wins, then the thinner. A solid lying in a single plane is a flat drawing and
// passes through with no thickness. The outline is expressed in the panel's own frame: longest outer edge along
// +X, bounding box from (0, 0), so congruent panels get equal outlines and can be counted as instances.
import type { PolygonWithHoles, Ring, Vec2 } from '../geometry/types';
import { add, dot, fromBasis, multiply, scale } from './mat4';
import { faceOutline, orient, planarFaces, polygonArea, vertexOf, xorArea, type PlanarFace } from './planar-faces';
import type { Mat4, Panel } from './types';
import type { WeldedMesh } from './weld';

export interface PanelInstance {
  outline: PolygonWithHoles;
  thicknessMm: number | null;
  /** Panel frame → model millimetres. */
  frame: Mat4;
  width: number;
  height: number;
  area: number;
}

export type SolidVerdict = { kind: 'panels'; panels: PanelInstance[]; faces: number } | { kind: 'other'; faces: number; reason: string };

const SAME_OUTLINE = 0.005;
const PERPENDICULAR = 1e-3;

function longestEdgeDirection(r: Ring): Vec2 {
  let best = { x: 1, y: 0 };
  let bestLen = -1;
  r.forEach((p, i) => {
    const q = r[(i + 1) % r.length];
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    if (len > bestLen + 1e-9) {
      bestLen = len;
      best = { x: (q.x - p.x) / len, y: (q.y - p.y) / len };
    }
  });
  return best;
}

/** Re-expresses a face polygon (plane basis u, v at offset `low`) in its own panel frame. */
function toPanelFrame(poly: PolygonWithHoles, face: PlanarFace, low: number, thickness: number | null): PanelInstance {
  const e = longestEdgeDirection(poly.outer);
  const local = (p: Vec2): Vec2 => ({ x: p.x * e.x + p.y * e.y, y: -p.x * e.y + p.y * e.x });
  const rings = [poly.outer, ...poly.holes].map((r) => r.map(local));
  const all = rings.flat();
  const minX = Math.min(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  // Rounded to 1 nm: Clipper already works at 0.1 µm, and congruent panels then print identical outlines.
  const round = (v: number) => Math.round(v * 1e6) / 1e6 + 0;
  const shift = (r: Ring) => r.map((p) => ({ x: round(p.x - minX), y: round(p.y - minY) }));
  const outline = orient({ outer: shift(rings[0]), holes: rings.slice(1).map(shift) });
  const { u, v, normal: n } = face;
  const xAxis = add(scale(u, e.x), scale(v, e.y));
  const yAxis = add(scale(u, -e.y), scale(v, e.x));
  const origin = add(add(scale(u, minX * e.x - minY * e.y), scale(v, minX * e.y + minY * e.x)), scale(n, low));
  const pts = outline.outer;
  return {
    outline,
    thicknessMm: thickness,
    frame: fromBasis(xAxis, yAxis, n, origin),
    width: Math.max(...pts.map((p) => p.x)),
    height: Math.max(...pts.map((p) => p.y)),
    area: polygonArea(outline),
  };
}

/** Decides whether one connected solid is a flat panel (or a flat drawing) and gives its outline and frame. */
export function classifySolid(mesh: WeldedMesh, solid: number[]): SolidVerdict {
  const faces = planarFaces(mesh, solid);
  if (faces.length === 1) {
    const face = faces[0];
    return { kind: 'panels', faces: 1, panels: faceOutline(mesh, face).map((p) => toPanelFrame(p, face, face.offset, null)) };
  }
  const byNormal = new Map<string, PlanarFace[]>();
  for (const f of faces) byNormal.set(f.normalKey, [...(byNormal.get(f.normalKey) ?? []), f]);
  const vertexIds = new Set(solid.flatMap((t) => [mesh.triangles[3 * t], mesh.triangles[3 * t + 1], mesh.triangles[3 * t + 2]]));
  let best: { face: PlanarFace; poly: PolygonWithHoles; low: number; thickness: number; area: number } | undefined;
  let reason = 'no two parallel faces with the same outline';
  for (const pair of byNormal.values()) {
    if (pair.length !== 2) continue;
    const n = pair[0].normal;
    if (!faces.every((f) => pair.includes(f) || Math.abs(dot(f.normal, n)) < PERPENDICULAR)) {
      reason = 'faces that are neither parallel nor perpendicular to the largest pair';
      continue;
    }
    const low = Math.min(pair[0].offset, pair[1].offset);
    const high = Math.max(pair[0].offset, pair[1].offset);
    const thickness = high - low;
    const outside = [...vertexIds].some((i) => { const d = dot(vertexOf(mesh, i), n); return d < low - 0.01 || d > high + 0.01; });
    if (outside || thickness <= 0) continue;
    const a = faceOutline(mesh, pair[0]);
    const b = faceOutline(mesh, pair[1]);
    if (a.length !== 1 || b.length !== 1) {
      reason = 'a face made of several separate pieces';
      continue;
    }
    const area = polygonArea(a[0]);
    if (xorArea(a, b) > SAME_OUTLINE * area + 0.01) {
      reason = 'the two largest parallel faces have different outlines';
      continue;
    }
    const better = !best || area > best.area * (1 + 1e-3) || (area > best.area * (1 - 1e-3) && thickness < best.thickness);
    if (better) best = { face: pair[0].offset === low ? pair[0] : pair[1], poly: a[0], low, thickness, area };
  }
  if (!best) return { kind: 'other', faces: faces.length, reason };
  return { kind: 'panels', faces: faces.length, panels: [toPanelFrame(best.poly, best.face, best.low, best.thickness)] };
}

/** 3D maps from a representative's panel frame to a congruent instance's frame (z flipped with a 2D mirror). */
function candidateMaps(w: number, h: number, t: number): { map: (p: Vec2) => Vec2; m: Mat4 }[] {
  return [
    { map: (p) => p, m: fromBasis({ x: 1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 }, { x: 0, y: 0, z: 1 }, { x: 0, y: 0, z: 0 }) },
    { map: (p) => ({ x: w - p.x, y: h - p.y }), m: fromBasis({ x: -1, y: 0, z: 0 }, { x: 0, y: -1, z: 0 }, { x: 0, y: 0, z: 1 }, { x: w, y: h, z: 0 }) },
    { map: (p) => ({ x: w - p.x, y: p.y }), m: fromBasis({ x: -1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 }, { x: 0, y: 0, z: -1 }, { x: w, y: 0, z: t }) },
    { map: (p) => ({ x: p.x, y: h - p.y }), m: fromBasis({ x: 1, y: 0, z: 0 }, { x: 0, y: -1, z: 0 }, { x: 0, y: 0, z: -1 }, { x: 0, y: h, z: t }) },
  ];
}

const MATCH_MM = 0.05;

function verticesMatch(a: Ring, b: Ring): boolean {
  if (a.length !== b.length) return false;
  if (a.length > 2000) return true; // signature already matched; exhaustive matching would be quadratic
  return a.every((p) => b.some((q) => Math.abs(p.x - q.x) <= MATCH_MM && Math.abs(p.y - q.y) <= MATCH_MM));
}

export interface SolidPanel extends PanelInstance {
  name: string;
  material: string;
}

/** Groups congruent panels of the same material and thickness into one Panel with a placement per instance. */
export function groupPanels(instances: SolidPanel[]): Panel[] {
  const groups: { panel: Panel; rep: SolidPanel; sig: string }[] = [];
  for (const inst of instances) {
    const t = inst.thicknessMm;
    const sig = `${inst.material}|${t === null ? 'flat' : t.toFixed(2)}|${inst.width.toFixed(1)}|${inst.height.toFixed(1)}|${inst.outline.holes.length}`;
    let placed = false;
    for (const g of groups) {
      if (g.sig !== sig) continue;
      const rep = g.rep;
      const instRing = [...inst.outline.outer, ...inst.outline.holes.flat()];
      for (const c of candidateMaps(rep.width, rep.height, t ?? 0)) {
        const mapped = [...rep.outline.outer, ...rep.outline.holes.flat()].map(c.map);
        if (verticesMatch(mapped, instRing)) {
          g.panel.placements.push(multiply(inst.frame, c.m));
          g.panel.count++;
          placed = true;
          break;
        }
      }
      if (placed) break;
    }
    if (!placed) {
      const panel: Panel = {
        id: `panel-${groups.length + 1}`,
        name: inst.name,
        material: inst.material,
        outline: inst.outline,
        thicknessMm: t,
        areaMm2: inst.area,
        count: 1,
        placements: [inst.frame],
      };
      groups.push({ panel, rep: inst, sig });
    }
  }
  return groups.map((g) => g.panel);
}
