// Which design files may be uploaded, recognised by their first bytes (never by the name alone): DXF (ASCII or
// binary), SVG, PDF (also Adobe Illustrator .ai, which is PDF-based), PNG and JPEG. The extension must agree with
// the content.

export interface FileType {
  mediaType: string;
  extensions: readonly string[];
}

const TYPES = {
  dxf: { mediaType: 'image/vnd.dxf', extensions: ['.dxf'] },
  svg: { mediaType: 'image/svg+xml', extensions: ['.svg'] },
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf', '.ai'] },
  png: { mediaType: 'image/png', extensions: ['.png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
} as const satisfies Record<string, FileType>;

/** Bytes needed to recognise a type. */
export const SNIFF_BYTES = 1024;

export function sniffFileType(head: Buffer): FileType | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return TYPES.png;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return TYPES.jpeg;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return TYPES.pdf;
  if (head.subarray(0, 18).toString('latin1') === 'AutoCAD Binary DXF') return TYPES.dxf;
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*(999\s*\r?\n[^\n]*\r?\n\s*)?0\s*\r?\n\s*SECTION\s*\r?\n/.test(text)) return TYPES.dxf;
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return TYPES.svg;
  return null;
}

export function extensionMatches(type: FileType, name: string): boolean {
  const lower = name.toLowerCase();
  return type.extensions.some((e) => lower.endsWith(e));
}
