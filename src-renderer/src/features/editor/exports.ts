// Exports of the open design: DXF (closed polylines with bulges, one layer per operation, mm), SVG (mm, arcs
// kept) and PNG (the SVG rendered at 10 px/mm, capped at 4000 px). Saved through the native dialog in the desktop
// app, downloaded in browser mode.
import { exportDxf } from '../../../../src-shared/dxf-export/export-dxf';
import { designToSvg } from '../../../../src-shared/editor/svg-export';
import { pathsBBox, type EditorDoc } from '../../../../src-shared/editor/document';
import { downloadBytes } from '../../util/download';

export type ExportFormat = 'dxf' | 'svg' | 'png';

function visible(doc: EditorDoc) {
  const ops = new Map(doc.layers.map((l) => [l.name, l]));
  const paths = doc.paths.filter((p) => ops.get(p.layer)?.visible !== false && ops.get(p.layer)?.operation !== 'ignore');
  return { paths, operationOf: (p: (typeof paths)[number]) => ops.get(p.layer)?.operation ?? 'cut' };
}

async function svgToPng(svg: string): Promise<Uint8Array> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The drawing could not be rendered'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The PNG could not be encoded');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportDesign(doc: EditorDoc, name: string, format: ExportFormat): Promise<void> {
  const { paths, operationOf } = visible(doc);
  const base = (name.trim() || 'design').replace(/[\\/:*?"<>|]+/g, '_');
  if (format === 'dxf') return downloadBytes(`${base}.dxf`, exportDxf(paths, { operationOf }), 'application/dxf');
  if (format === 'svg') return downloadBytes(`${base}.svg`, designToSvg(paths, doc.layers), 'image/svg+xml');
  const box = pathsBBox(paths);
  const widthPx = Math.min(4000, Math.max(200, Math.round((box.maxX - box.minX) * 10) || 200));
  downloadBytes(`${base}.png`, await svgToPng(designToSvg(paths, doc.layers, { widthPx })), 'image/png');
}
