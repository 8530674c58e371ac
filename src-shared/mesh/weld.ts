// Cleans a triangle soup before analysis: welds vertices closer than 1 µm within one scene part, drops degenerate triangles, drops the
// reversed copy of a face (SketchUp 8 writes every face twice, front and back, as separate triangles on the same
// vertices) and exact duplicates, then splits the rest into connected solids (triangles sharing a welded vertex).
import { groupRows } from './int-key-groups';
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
  const p = soup.positions;
  const count = soup.materials.length;
  const out: WeldedMesh = { vertices: [], triangles: [], source: [], backFacesDropped: 0, duplicatesDropped: 0, degenerateDropped: 0 };
  // Triangles with a non-finite coordinate are dropped before welding.
  const finite: number[] = [];
  for (let t = 0; t < count; t++) {
    let ok = true;
    for (let k = 0; k < 9 && ok; k++) ok = Number.isFinite(p[9 * t + k]);
    if (ok) finite.push(t);
    else out.degenerateDropped++;
  }
  const corners = finite.length * 3;
  const part = new Float64Array(corners), qx = new Float64Array(corners), qy = new Float64Array(corners), qz = new Float64Array(corners);
  finite.forEach((t, i) => {
    for (let k = 0; k < 3; k++) {
      const o = 9 * t + 3 * k;
      part[3 * i + k] = soup.parts[t] ?? 0;
      qx[3 * i + k] = Math.round(p[o] / WELD_MM);
      qy[3 * i + k] = Math.round(p[o + 1] / WELD_MM);
      qz[3 * i + k] = Math.round(p[o + 2] / WELD_MM);
    }
  });
  const ids = groupRows([part, qx, qy, qz], corners);
  const nVertices = ids.reduce((m, v) => Math.max(m, v), -1) + 1;
  out.vertices = new Array<number>(3 * nVertices);
  for (let c = 0; c < corners; c++) {
    const t = finite[Math.floor(c / 3)];
    const o = 9 * t + 3 * (c % 3);
    out.vertices[3 * ids[c]] = p[o];
    out.vertices[3 * ids[c] + 1] = p[o + 1];
    out.vertices[3 * ids[c] + 2] = p[o + 2];
  }
  // Candidate triangles (non-degenerate), keyed by their sorted vertex ids to find copies.
  const cand: { t: number; a: number; b: number; c: number }[] = [];
  finite.forEach((t, i) => {
    const a = ids[3 * i], b = ids[3 * i + 1], c = ids[3 * i + 2];
    const o = 9 * t;
    const ux = p[o + 3] - p[o], uy = p[o + 4] - p[o + 1], uz = p[o + 5] - p[o + 2];
    const vx = p[o + 6] - p[o], vy = p[o + 7] - p[o + 1], vz = p[o + 8] - p[o + 2];
    const area2 = Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
    if (a === b || b === c || a === c || area2 < 1e-9) out.degenerateDropped++;
    else cand.push({ t, a, b, c });
  });
  const lo = cand.map((x) => Math.min(x.a, x.b, x.c));
  const hi = cand.map((x) => Math.max(x.a, x.b, x.c));
  const mid = cand.map((x, i) => x.a + x.b + x.c - lo[i] - hi[i]);
  const same = groupRows([lo, mid, hi], cand.length);
  // The first triangle of each vertex set is kept; a later one with the opposite winding is a back face.
  const firstForward = new Map<number, boolean>();
  cand.forEach((x, i) => {
    // Rotate so the smallest id leads; the order of the other two then tells the winding.
    const tri = x.a === lo[i] ? [x.a, x.b, x.c] : x.b === lo[i] ? [x.b, x.c, x.a] : [x.c, x.a, x.b];
    const forward = tri[1] < tri[2];
    const prev = firstForward.get(same[i]);
    if (prev !== undefined) {
      if (prev === forward) out.duplicatesDropped++;
      else out.backFacesDropped++;
      return;
    }
    firstForward.set(same[i], forward);
    out.triangles.push(x.a, x.b, x.c);
    out.source.push(x.t);
  });
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
