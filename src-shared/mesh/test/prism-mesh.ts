// Test helper: triangle meshes of known prisms (a rectangular panel with an optional centred square hole), in
// OBJ, ASCII/binary STL and COLLADA text, so the mesh importers can be checked against geometry whose outline,
// area and thickness are known exactly.
import type { Mat4, Vec3 } from '../types';
import { transformPoint } from '../mat4';

export interface Prism {
  /** Triangles, each three points; outward winding (counter-clockwise seen from outside). */
  triangles: Vec3[][];
}

/** A w × h × t box at the origin, with a centred square hole of side `hole` (0 = none). */
export function panelPrism(w: number, h: number, t: number, hole = 0): Prism {
  const tris: Vec3[][] = [];
  const quad = (a: Vec3, b: Vec3, c: Vec3, d: Vec3) => tris.push([a, b, c], [a, c, d]);
  const at = (x: number, y: number, z: number): Vec3 => ({ x, y, z });
  const outer = [at(0, 0, 0), at(w, 0, 0), at(w, h, 0), at(0, h, 0)].map((p) => ({ x: p.x, y: p.y }));
  const hx0 = (w - hole) / 2, hy0 = (h - hole) / 2;
  const inner = [{ x: hx0, y: hy0 }, { x: hx0 + hole, y: hy0 }, { x: hx0 + hole, y: hy0 + hole }, { x: hx0, y: hy0 + hole }];
  for (let k = 0; k < 4; k++) {
    const o0 = outer[k], o1 = outer[(k + 1) % 4], i0 = inner[k], i1 = inner[(k + 1) % 4];
    // Bottom (normal −Z) and top (normal +Z) faces of the frame, as trapezoids O_k O_k+1 I_k+1 I_k.
    if (hole > 0) {
      quad(at(o0.x, o0.y, 0), at(i0.x, i0.y, 0), at(i1.x, i1.y, 0), at(o1.x, o1.y, 0));
      quad(at(o0.x, o0.y, t), at(o1.x, o1.y, t), at(i1.x, i1.y, t), at(i0.x, i0.y, t));
      quad(at(i0.x, i0.y, 0), at(i0.x, i0.y, t), at(i1.x, i1.y, t), at(i1.x, i1.y, 0));
    }
    quad(at(o0.x, o0.y, 0), at(o1.x, o1.y, 0), at(o1.x, o1.y, t), at(o0.x, o0.y, t));
  }
  if (hole === 0) {
    quad(at(0, 0, 0), at(0, h, 0), at(w, h, 0), at(w, 0, 0));
    quad(at(0, 0, t), at(w, 0, t), at(w, h, t), at(0, h, t));
  }
  return { triangles: tris };
}

export function transformed(p: Prism, m: Mat4): Prism {
  return { triangles: p.triangles.map((tri) => tri.map((v) => transformPoint(m, v.x, v.y, v.z))) };
}

/** Adds the reversed copy of every triangle, as SketchUp 8 writes back faces. */
export function withBackFaces(p: Prism): Prism {
  return { triangles: [...p.triangles, ...p.triangles.map(([a, b, c]) => [a, c, b])] };
}

export function toObj(parts: Prism[], names: string[] = []): string {
  const lines: string[] = [];
  let n = 0;
  parts.forEach((p, i) => {
    lines.push(`o ${names[i] ?? `part${i + 1}`}`, 'usemtl acrylic');
    for (const tri of p.triangles) {
      for (const v of tri) lines.push(`v ${v.x} ${v.y} ${v.z}`);
      lines.push(`f ${n + 1} ${n + 2} ${n + 3}`);
      n += 3;
    }
  });
  return lines.join('\n');
}

export function toAsciiStl(p: Prism): string {
  const body = p.triangles.map((t) => ` facet normal 0 0 0\n  outer loop\n${t.map((v) => `   vertex ${v.x} ${v.y} ${v.z}`).join('\n')}\n  endloop\n endfacet`);
  return `solid test\n${body.join('\n')}\nendsolid test\n`;
}

export function toBinaryStl(p: Prism): Uint8Array {
  const bytes = new Uint8Array(84 + 50 * p.triangles.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('solid looks like ascii but is binary'), 0);
  view.setUint32(80, p.triangles.length, true);
  p.triangles.forEach((t, i) => t.forEach((v, k) => {
    const o = 84 + 50 * i + 12 + 12 * k;
    view.setFloat32(o, v.x, true);
    view.setFloat32(o + 4, v.y, true);
    view.setFloat32(o + 8, v.z, true);
  }));
  return bytes;
}

/** COLLADA <geometry> element with the prism's triangles. */
export function colladaGeometry(id: string, p: Prism): string {
  const pos = p.triangles.flat().flatMap((v) => [v.x, v.y, v.z]);
  const idx = p.triangles.flatMap((_, i) => [3 * i, 3 * i + 1, 3 * i + 2]);
  return `<geometry id="${id}"><mesh>
  <source id="${id}-pos"><float_array id="${id}-arr" count="${pos.length}">${pos.join(' ')}</float_array>
    <technique_common><accessor source="#${id}-arr" count="${pos.length / 3}" stride="3"><param name="X" type="float"/><param name="Y" type="float"/><param name="Z" type="float"/></accessor></technique_common></source>
  <vertices id="${id}-v"><input semantic="POSITION" source="#${id}-pos"/></vertices>
  <triangles count="${p.triangles.length}" material="m1"><input semantic="VERTEX" source="#${id}-v" offset="0"/><p>${idx.join(' ')}</p></triangles>
</mesh></geometry>`;
}
