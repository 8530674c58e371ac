// Cleans a triangle soup before analysis: welds vertices closer than 1 µm within one scene part, drops degenerate triangles, drops the
// reversed copy of a face (SketchUp 8 writes every face twice, front and back, as separate triangles on the same
// vertices) and exact duplicates, then splits the rest into connected solids (triangles sharing a welded vertex).
import type { TriangleSoup } from './types';

const WELD_MM = 0.001;

export interface WeldedMesh {
  /** Welded vertex positions, 3 numbers each (millimetres). */
  vertices: number[];
  /** Kept triangles as vertex indices, 3 each. */
  triangles: number[];
  /** Index into the soup's materials/objects for each kept triangle. */
  source: number[];
  backFacesDropped: number;
  duplicatesDropped: number;
  degenerateDropped: number;
}

export function weld(soup: TriangleSoup): WeldedMesh {
  const ids = new Map<string, number>();
  const vertices: number[] = [];
  const vertexId = (part: number, x: number, y: number, z: number): number => {
    const key = `${part}|${Math.round(x / WELD_MM)},${Math.round(y / WELD_MM)},${Math.round(z / WELD_MM)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = vertices.length / 3;
      ids.set(key, id);
      vertices.push(x, y, z);
    }
    return id;
  };
  const out: WeldedMesh = { vertices, triangles: [], source: [], backFacesDropped: 0, duplicatesDropped: 0, degenerateDropped: 0 };
  const seen = new Map<string, boolean>();
  const p = soup.positions;
  for (let t = 0; t < soup.materials.length; t++) {
    const o = t * 9;
    if (!p.slice(o, o + 9).every(Number.isFinite)) {
      out.degenerateDropped++;
      continue;
    }
    const part = soup.parts[t] ?? 0;
    const a = vertexId(part, p[o], p[o + 1], p[o + 2]);
    const b = vertexId(part, p[o + 3], p[o + 4], p[o + 5]);
    const c = vertexId(part, p[o + 6], p[o + 7], p[o + 8]);
    const ux = p[o + 3] - p[o], uy = p[o + 4] - p[o + 1], uz = p[o + 5] - p[o + 2];
    const vx = p[o + 6] - p[o], vy = p[o + 7] - p[o + 1], vz = p[o + 8] - p[o + 2];
    const area2 = Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
    if (a === b || b === c || a === c || area2 < 1e-9) {
      out.degenerateDropped++;
      continue;
    }
    // Rotate so the smallest index leads; the order of the other two then tells the winding.
    const tri = a < b && a < c ? [a, b, c] : b < c ? [b, c, a] : [c, a, b];
    const key = `${tri[0]},${Math.min(tri[1], tri[2])},${Math.max(tri[1], tri[2])}`;
    const forward = tri[1] < tri[2];
    const prev = seen.get(key);
    if (prev !== undefined) {
      if (prev === forward) out.duplicatesDropped++;
      else out.backFacesDropped++;
      continue;
    }
    seen.set(key, forward);
    out.triangles.push(a, b, c);
    out.source.push(t);
  }
  return out;
}

/** Groups of triangle indices (into mesh.triangles / 3) that share vertices, in order of first triangle. */
export function connectedSolids(mesh: WeldedMesh): number[][] {
  const parent = Array.from({ length: mesh.vertices.length / 3 }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const t = mesh.triangles;
  for (let i = 0; i < t.length; i += 3) {
    const r = find(t[i]);
    parent[find(t[i + 1])] = r;
    parent[find(t[i + 2])] = find(r);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < t.length / 3; i++) {
    const r = find(t[3 * i]);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  return [...groups.values()];
}
