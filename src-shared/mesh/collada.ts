// COLLADA 1.4 (.dae) reader for what SketchUp and other modellers export: walks the visual scene from <scene>,
// multiplying node transforms (<matrix>, <translate>, <rotate>, <scale>) down nested <node>s and <instance_node>
// references (component definitions in <library_nodes>), and emits every <instance_geometry>'s <triangles>,
// <polylist> and <polygons> as triangles in millimetres with Z up. Cycles (a node instancing itself), runaway depth
// and bad indices become findings, never a hang or a crash. Analysis into panels is mesh-analysis.ts's job.
import type { Finding, UnitsInfo } from '../geometry/types';
import { child, childrenNamed, localName, parseXml, walk, type XmlNode } from '../svg/xml-tree';
import { fromRowMajor, identity, multiply, rotation, scaling, transformPoint, translation } from './mat4';
import { analyseMesh } from './mesh-analysis';
import type { Mat4, MeshImportOptions, MeshImportResult, TriangleSoup } from './types';
import { colladaUnits, overrideUnits } from './units';

const MAX_DEPTH = 64;
const MAX_TRIANGLES = 5_000_000;

interface GeometryMesh {
  /** Local positions, 3 per vertex. */
  positions: number[];
  /** Vertex indices, 3 per triangle, with the material symbol of each triangle. */
  indices: number[];
  symbols: string[];
}

const numbers = (text: string): number[] => (text.trim() ? text.trim().split(/\s+/).map(Number) : []);
const ref = (url: string | undefined) => (url ?? '').replace(/^#/, '');

class ColladaReader {
  readonly findings: Finding[] = [];
  readonly soup: TriangleSoup = { positions: [], materials: [], objects: [], parts: [] };
  instances = 0;
  /** Node visits so far: the geometry directly in one node visit is one scene part. */
  private parts = 0;
  private readonly byId = new Map<string, XmlNode>();
  private readonly meshes = new Map<string, GeometryMesh | null>();

  constructor(private readonly root: XmlNode) {
    for (const n of walk(root)) if (n.attrs.id) this.byId.set(n.attrs.id, n);
  }

  lookup(id: string): XmlNode | undefined {
    return this.byId.get(id);
  }

  private warn(code: string, message: string, handle?: string) {
    if (this.findings.filter((f) => f.code === code).length >= 20) return;
    this.findings.push({ code, severity: 'warning', message, ...(handle ? { handle } : {}) });
  }

  private materialName(id: string): string {
    const m = this.byId.get(id);
    return m?.attrs.name ?? (id || 'default');
  }

  /** Triangles of a <geometry>, parsed once and reused for every instance. */
  private mesh(id: string): GeometryMesh | null {
    if (this.meshes.has(id)) return this.meshes.get(id)!;
    const geom = this.byId.get(id);
    const mesh = geom ? child(geom, 'mesh') : undefined;
    const result = mesh ? this.readMesh(mesh, id) : null;
    if (!mesh) this.warn('COLLADA_GEOMETRY_MISSING', `Geometry #${id} is missing or is not a <mesh>; skipped / Geometri #${id} tidak ada atau bukan <mesh>; dilewati`, id);
    this.meshes.set(id, result);
    return result;
  }

  private readSourcePositions(sourceId: string): number[] | null {
    const source = this.byId.get(sourceId);
    if (!source) return null;
    if (localName(source.name) === 'vertices') {
      const pos = childrenNamed(source, 'input').find((i) => i.attrs.semantic === 'POSITION');
      return pos ? this.readSourcePositions(ref(pos.attrs.source)) : null;
    }
    const arr = child(source, 'float_array');
    if (!arr) return null;
    const values = numbers(arr.text);
    const accessor = child(child(source, 'technique_common') ?? source, 'accessor');
    const stride = Number(accessor?.attrs.stride ?? 3) || 3;
    if (stride === 3) return values;
    const out: number[] = [];
    for (let i = 0; i + 2 < values.length; i += stride) out.push(values[i], values[i + 1], values[i + 2]);
    return out;
  }

  private readMesh(mesh: XmlNode, geomId: string): GeometryMesh {
    const out: GeometryMesh = { positions: [], indices: [], symbols: [] };
    const vertexSources = new Map<string, number[]>();
    for (const prim of mesh.children) {
      const kind = localName(prim.name);
      if (kind !== 'triangles' && kind !== 'polylist' && kind !== 'polygons') continue;
      const inputs = childrenNamed(prim, 'input');
      const vInput = inputs.find((i) => i.attrs.semantic === 'VERTEX');
      if (!vInput) continue;
      const stride = Math.max(...inputs.map((i) => Number(i.attrs.offset ?? 0))) + 1;
      const vOffset = Number(vInput.attrs.offset ?? 0);
      const srcId = ref(vInput.attrs.source);
      let positions = vertexSources.get(srcId);
      if (!positions) {
        positions = this.readSourcePositions(srcId) ?? [];
        vertexSources.set(srcId, positions);
      }
      const base = out.positions.length / 3;
      const vertexCount = positions.length / 3;
      for (const v of positions) out.positions.push(v);
      const symbol = prim.attrs.material ?? '';
      const emit = (corners: number[]) => {
        // Fan triangulation: SketchUp and most exporters write convex polygons here.
        for (let k = 1; k + 1 < corners.length; k++) {
          const tri = [corners[0], corners[k], corners[k + 1]];
          if (tri.some((i) => !Number.isInteger(i) || i < 0 || i >= vertexCount)) {
            this.warn('COLLADA_BAD_INDEX', `Geometry #${geomId}: a ${kind} index is outside its ${vertexCount} vertices; triangle skipped / Geometri #${geomId}: indeks di luar ${vertexCount} verteks; segitiga dilewati`, geomId);
            continue;
          }
          out.indices.push(base + tri[0], base + tri[1], base + tri[2]);
          out.symbols.push(symbol);
        }
      };
      const corner = (p: number[], k: number) => p[k * stride + vOffset];
      if (kind === 'triangles') {
        const p = numbers(child(prim, 'p')?.text ?? '');
        for (let t = 0; (t + 1) * 3 * stride <= p.length; t++) emit([corner(p, 3 * t), corner(p, 3 * t + 1), corner(p, 3 * t + 2)]);
      } else if (kind === 'polylist') {
        const counts = numbers(child(prim, 'vcount')?.text ?? '');
        const p = numbers(child(prim, 'p')?.text ?? '');
        let at = 0;
        for (const n of counts) {
          emit(Array.from({ length: n }, (_, k) => corner(p, at + k)));
          at += n;
        }
      } else {
        for (const pEl of childrenNamed(prim, 'p')) {
          const p = numbers(pEl.text);
          emit(Array.from({ length: Math.floor(p.length / stride) }, (_, k) => corner(p, k)));
        }
        if (childrenNamed(prim, 'ph').length) this.warn('COLLADA_POLYGON_HOLES', `Geometry #${geomId}: <ph> polygons with holes are read without their holes / poligon <ph> dibaca tanpa lubangnya`, geomId);
      }
    }
    return out;
  }

  /** Local transform of a node: its transform elements in document order. */
  private nodeTransform(node: XmlNode): Mat4 {
    let m = identity();
    for (const c of node.children) {
      const v = numbers(c.text);
      switch (localName(c.name)) {
        case 'matrix':
          if (v.length === 16 && v.every(Number.isFinite)) m = multiply(m, fromRowMajor(v));
          else this.warn('COLLADA_BAD_MATRIX', `Node ${node.attrs.id ?? node.attrs.name ?? ''}: <matrix> needs 16 numbers; ignored / <matrix> perlu 16 angka; diabaikan`);
          break;
        case 'translate':
          if (v.length === 3) m = multiply(m, translation(v[0], v[1], v[2]));
          break;
        case 'scale':
          if (v.length === 3) m = multiply(m, scaling(v[0], v[1], v[2]));
          break;
        case 'rotate':
          if (v.length === 4) m = multiply(m, rotation({ x: v[0], y: v[1], z: v[2] }, v[3]));
          break;
        case 'lookat':
        case 'skew':
          this.warn('COLLADA_TRANSFORM_IGNORED', `Node ${node.attrs.id ?? node.attrs.name ?? ''}: <${localName(c.name)}> is not supported and was ignored / transformasi <${localName(c.name)}> tidak didukung, diabaikan`);
          break;
      }
    }
    return m;
  }

  private emitGeometry(inst: XmlNode, m: Mat4, objectName: string, part: number) {
    const id = ref(inst.attrs.url);
    const mesh = this.mesh(id);
    if (!mesh) return;
    this.instances++;
    const bindings = new Map<string, string>();
    for (const im of walk(inst)) {
      if (localName(im.name) === 'instance_material') bindings.set(im.attrs.symbol ?? '', this.materialName(ref(im.attrs.target)));
    }
    const world: number[] = [];
    for (let i = 0; i < mesh.positions.length; i += 3) {
      const p = transformPoint(m, mesh.positions[i], mesh.positions[i + 1], mesh.positions[i + 2]);
      world.push(p.x, p.y, p.z);
    }
    const { positions, materials, objects, parts } = this.soup;
    for (let t = 0; t < mesh.symbols.length; t++) {
      if (materials.length >= MAX_TRIANGLES) {
        this.warn('MESH_TOO_LARGE', `More than ${MAX_TRIANGLES} triangles; the rest is skipped / Lebih dari ${MAX_TRIANGLES} segitiga; sisanya dilewati`);
        return;
      }
      for (let k = 0; k < 3; k++) {
        const v = mesh.indices[3 * t + k] * 3;
        positions.push(world[v], world[v + 1], world[v + 2]);
      }
      materials.push(bindings.get(mesh.symbols[t]) ?? (mesh.symbols[t] || 'default'));
      objects.push(objectName);
      parts.push(part);
    }
  }

  /** Depth-first walk of the scene with an explicit stack; `chain` holds the ids of the node instances above. */
  traverse(scene: XmlNode, rootMatrix: Mat4) {
    const stack: { node: XmlNode; m: Mat4; chain: string[]; name: string }[] = [];
    for (let i = scene.children.length - 1; i >= 0; i--) stack.push({ node: scene.children[i], m: rootMatrix, chain: [], name: 'model' });
    while (stack.length) {
      const { node, m, chain, name } = stack.pop()!;
      if (localName(node.name) !== 'node') continue;
      if (chain.length > MAX_DEPTH) {
        this.warn('COLLADA_TOO_DEEP', `Scene nesting deeper than ${MAX_DEPTH} levels; the deeper part is skipped / Susunan adegan lebih dari ${MAX_DEPTH} tingkat; bagian terdalam dilewati`);
        continue;
      }
      const nm = multiply(m, this.nodeTransform(node));
      const here = node.attrs.name ?? node.attrs.id ?? name;
      const part = ++this.parts;
      const pending: { node: XmlNode; m: Mat4; chain: string[]; name: string }[] = [];
      for (const c of node.children) {
        const kind = localName(c.name);
        if (kind === 'instance_geometry') this.emitGeometry(c, nm, here, part);
        else if (kind === 'instance_controller') {
          this.warn('COLLADA_CONTROLLER_IGNORED', `Node ${here}: animated/skinned geometry (<instance_controller>) is not read / geometri beranimasi tidak dibaca`);
        }
        else if (kind === 'node') pending.push({ node: c, m: nm, chain: [...chain, c.attrs.id ?? ''], name: here });
        else if (kind === 'instance_node') {
          const id = ref(c.attrs.url);
          const target = this.byId.get(id);
          if (!target || localName(target.name) !== 'node') {
            this.warn('COLLADA_NODE_MISSING', `instance_node refers to #${id}, which is not a node; skipped / instance_node menunjuk #${id} yang bukan node; dilewati`, id);
          } else if (chain.includes(id)) {
            this.warn('COLLADA_CYCLE', `Node #${id} contains itself; the repeated instance is skipped / Node #${id} memuat dirinya sendiri; dilewati`, id);
          } else {
            pending.push({ node: target, m: nm, chain: [...chain, id], name: target.attrs.name ?? here });
          }
        }
      }
      for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
    }
  }
}

function upAxisMatrix(up: string | undefined): Mat4 {
  if (up === 'Y_UP') return rotation({ x: 1, y: 0, z: 0 }, 90);
  if (up === 'X_UP') return rotation({ x: 0, y: 1, z: 0 }, -90);
  return identity();
}

/** Triangles of a COLLADA document in millimetres (Z up), with its units and any findings. */
export function readCollada(xmlText: string, opts: MeshImportOptions = {}): { soup: TriangleSoup; units: UnitsInfo; findings: Finding[]; instances: number } {
  const root = parseXml(xmlText, 'COLLADA file');
  if (localName(root.name) !== 'COLLADA') {
    throw new Error(`Not a COLLADA document: the root element is <${root.name}>, expected <COLLADA> / Bukan dokumen COLLADA: elemen akar <${root.name}>`);
  }
  const reader = new ColladaReader(root);
  const asset = child(root, 'asset');
  const meter = asset ? Number(child(asset, 'unit')?.attrs.meter) : undefined;
  const units = opts.unit ? overrideUnits(opts.unit) : colladaUnits(Number.isFinite(meter) ? meter : undefined, reader.findings);
  const up = asset ? child(asset, 'up_axis')?.text.trim() : undefined;
  const sceneRef = ref(child(child(root, 'scene') ?? root, 'instance_visual_scene')?.attrs.url);
  const scenes = child(root, 'library_visual_scenes');
  const scene = (sceneRef && reader.lookup(sceneRef)) || (scenes && child(scenes, 'visual_scene'));
  if (!scene) throw new Error('The COLLADA file has no visual scene to read / Berkas COLLADA tidak memiliki visual scene');
  const s = units.scaleToMm;
  reader.traverse(scene, multiply(scaling(s, s, s), upAxisMatrix(up)));
  return { soup: reader.soup, units, findings: reader.findings, instances: reader.instances };
}

/** SketchUp (or any) COLLADA export → flat panels, their laid-out outlines, findings and statistics. */
export function importCollada(xmlText: string, opts: MeshImportOptions = {}): MeshImportResult {
  const { soup, units, findings, instances } = readCollada(xmlText, opts);
  const result = analyseMesh(soup, opts);
  return { ...result, findings: [...findings, ...result.findings], units, meshStats: { ...result.meshStats, instances } };
}
