// Wavefront OBJ reader (SketchUp Pro, Blender, Fusion export it): v and f records (v, v/vt, v//vn, v/vt/vn,
// negative = relative indices), polygons fan-triangulated, `o`/`g` start a new scene part, `usemtl` names the
// material. OBJ has no units: millimetres unless the caller says otherwise. Other records are ignored.
import type { Finding } from '../geometry/types';
import { analyseMesh } from './mesh-analysis';
import type { MeshImportOptions, MeshImportResult, TriangleSoup } from './types';
import { assumedMillimetres, overrideUnits } from './units';

export function importObj(text: string, opts: MeshImportOptions = {}): MeshImportResult {
  const findings: Finding[] = [];
  const units = opts.unit ? overrideUnits(opts.unit) : assumedMillimetres('OBJ', findings);
  const s = units.scaleToMm;
  const verts: number[] = [];
  const soup: TriangleSoup = { positions: [], materials: [], objects: [], parts: [] };
  let material = 'default';
  let object = 'model';
  let part = 0;
  let bad = 0;
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, n) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [tag, ...rest] = line.split(/\s+/);
    if (tag === 'v') {
      const [x, y, z] = rest.slice(0, 3).map(Number);
      if (![x, y, z].every(Number.isFinite)) {
        throw new Error(`OBJ line ${n + 1}: a vertex needs three numbers, got "${line.slice(0, 60)}" / OBJ baris ${n + 1}: verteks perlu tiga angka`);
      }
      verts.push(x * s, y * s, z * s);
    } else if (tag === 'o' || tag === 'g') {
      object = rest.join(' ') || object;
      part++;
    } else if (tag === 'usemtl') {
      material = rest.join(' ') || 'default';
    } else if (tag === 'f') {
      const count = verts.length / 3;
      const idx = rest.map((r) => {
        const i = parseInt(r.split('/')[0], 10);
        return i < 0 ? count + i : i - 1;
      });
      if (idx.length < 3 || idx.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) {
        if (++bad <= 20) findings.push({ code: 'OBJ_BAD_FACE', severity: 'warning', message: `OBJ line ${n + 1}: face refers to a missing vertex; skipped / OBJ baris ${n + 1}: bidang menunjuk verteks yang tidak ada; dilewati` });
        return;
      }
      for (let k = 1; k + 1 < idx.length; k++) {
        for (const i of [idx[0], idx[k], idx[k + 1]]) soup.positions.push(verts[3 * i], verts[3 * i + 1], verts[3 * i + 2]);
        soup.materials.push(material);
        soup.objects.push(object);
        soup.parts.push(part);
      }
    }
  });
  const result = analyseMesh(soup, opts);
  return { ...result, findings: [...findings, ...result.findings], units };
}
