// Which importer a file needs, decided by its content (extensions lie: .DXF from Gerber, .dae renamed .xml, STL
// without "solid"). Only the first few KB are looked at.
export type FileFormat = 'dxf' | 'dxf-binary' | 'svg' | 'collada' | 'obj' | 'stl' | 'skp' | 'dwg' | 'unknown';

function head(bytes: Uint8Array, n = 4096): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(n, bytes.length)));
}

export function detectFormat(bytes: Uint8Array, name = ''): FileFormat {
  const text = head(bytes);
  if (text.startsWith('AutoCAD Binary DXF')) return 'dxf-binary';
  if (/^AC10\d\d/.test(text)) return 'dwg';
  // SketchUp: UTF-16 "SketchUp Model" after a 3-byte marker.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0xff && text.replace(/\0/g, '').includes('SketchUp Model')) return 'skp';
  const trimmed = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    if (/<COLLADA[\s>]/i.test(text)) return 'collada';
    if (/<svg[\s>]/i.test(text)) return 'svg';
  }
  // ASCII DXF: a group code line (0 or 999 comment) then SECTION or an entity name.
  if (/^\s*(0|999)\s*\r?\n/.test(trimmed)) return 'dxf';
  // Binary STL: 80-byte header, triangle count, 50 bytes per triangle.
  if (bytes.length >= 84) {
    const count = new DataView(bytes.buffer, bytes.byteOffset + 80, 4).getUint32(0, true);
    if (84 + count * 50 === bytes.length) return 'stl';
  }
  if (/^solid\b/.test(trimmed) && /facet\s+normal/.test(text)) return 'stl';
  if (/^(v|vn|vt|f|o|g|mtllib|usemtl)\s/m.test(text) && /^v\s+-?[\d.]/m.test(text)) return 'obj';
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'dxf' && /^\s*\d+\s*\r?\n/.test(trimmed)) return 'dxf';
  return 'unknown';
}
