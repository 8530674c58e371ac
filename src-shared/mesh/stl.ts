// STL reader, binary and ASCII. Binary is recognised by its size (84 + 50 × triangle count), not by the "solid"
// prefix, because many binary exporters start their 80-byte header with "solid" too. STL has no units and no
// objects: millimetres unless the caller says otherwise, and solids are found by connectivity.
import type { Finding } from '../geometry/types';
import { analyseMesh } from './mesh-analysis';
import type { MeshImportOptions, MeshImportResult, TriangleSoup } from './types';
import { assumedMillimetres, overrideUnits } from './units';

function readBinary(bytes: Uint8Array, soup: TriangleSoup, s: number) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(80, true);
  for (let t = 0; t < n; t++) {
    const o = 84 + 50 * t + 12;
    for (let k = 0; k < 9; k++) soup.positions.push(view.getFloat32(o + 4 * k, true) * s);
  }
  return n;
}

function readAscii(text: string, soup: TriangleSoup, s: number) {
  const re = /vertex\s+(\S+)\s+(\S+)\s+(\S+)/g;
  const values: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) values.push(Number(m[1]) * s, Number(m[2]) * s, Number(m[3]) * s);
  if (values.length % 9 !== 0) throw new Error(`ASCII STL: ${values.length / 3} vertices is not a whole number of triangles / jumlah verteks tidak membentuk segitiga utuh`);
  soup.positions.push(...values);
  return values.length / 9;
}

export function importStl(bytes: Uint8Array, opts: MeshImportOptions = {}): MeshImportResult {
  const findings: Finding[] = [];
  const units = opts.unit ? overrideUnits(opts.unit) : assumedMillimetres('STL', findings);
  const soup: TriangleSoup = { positions: [], materials: [], objects: [], parts: [] };
  const binary = bytes.byteLength >= 84 && 84 + 50 * new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true) === bytes.byteLength;
  let n: number;
  if (binary) n = readBinary(bytes, soup, units.scaleToMm);
  else {
    const text = new TextDecoder().decode(bytes);
    if (!/^\s*solid/.test(text) || !/facet/.test(text)) {
      throw new Error('Not an STL file: neither a binary STL of matching size nor ASCII "solid … facet" / Bukan berkas STL');
    }
    n = readAscii(text, soup, units.scaleToMm);
  }
  for (let t = 0; t < n; t++) {
    soup.materials.push('default');
    soup.objects.push('model');
    soup.parts.push(0);
  }
  const result = analyseMesh(soup, opts);
  return { ...result, findings: [...findings, ...result.findings], units };
}
