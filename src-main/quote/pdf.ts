// The quote document (A4 PDF, pdfkit) in English or Indonesian: company header, quote number and dates,
// customer, a vector thumbnail of the parts (outlines drawn as PDF paths, holes cut out by the even-odd rule),
// the job summary, every price line with its formula, totals with PPN, and the manual-review notice. Text is
// set in the bundled Liberation Sans so "×", "²", "≥" and Indonesian text print on every machine.
import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { allParts, type PartGeom } from '../../src-shared/geometry/contours';
import { flattenSegments } from '../../src-shared/geometry/segments';
import type { BBox, Segment } from '../../src-shared/geometry/types';
import type { QuoteComputation } from '../../src-shared/estimate/quote-engine';
import { taxCaption } from '../../src-shared/pricing/compute';
import { formatFigure, formatMoney, formatNumber, type Lang } from '../../src-shared/pricing/format';
import { defaultResourcesDir } from './seeds';

export interface QuoteDocument {
  number: string;
  createdAt: string;
  validUntil: string;
  customerName: string;
  designName: string;
  companyName: string;
  result: QuoteComputation;
  /** Parts of the design (top level, islands inside) for the thumbnail. */
  parts: PartGeom[];
  /** Score (vector engrave) lines, drawn thin. */
  scoreLines: Segment[][];
}

const TEXT: Record<string, Record<Lang, string>> = {
  title: { en: 'QUOTATION', id: 'PENAWARAN HARGA' },
  number: { en: 'Quote no.', id: 'No. penawaran' },
  date: { en: 'Date', id: 'Tanggal' },
  valid: { en: 'Valid until', id: 'Berlaku sampai' },
  customer: { en: 'Customer', id: 'Pelanggan' },
  design: { en: 'Design', id: 'Desain' },
  material: { en: 'Material', id: 'Bahan' },
  quantity: { en: 'Quantity (sets)', id: 'Jumlah (set)' },
  parts: { en: 'Parts per set', id: 'Part per set' },
  cut: { en: 'Cut length per set', id: 'Panjang potong per set' },
  pierces: { en: 'pierces', id: 'titik tembak' },
  time: { en: 'Machine time (order)', id: 'Waktu mesin (pesanan)' },
  sheets: { en: 'Sheets', id: 'Lembar' },
  complexity: { en: 'Complexity', id: 'Kompleksitas' },
  description: { en: 'Description', id: 'Uraian' },
  amount: { en: 'Amount', id: 'Jumlah' },
  subtotal: { en: 'Subtotal', id: 'Subtotal' },
  total: { en: 'Total', id: 'Total' },
  unit: { en: 'Price per set', id: 'Harga per set' },
  review: { en: 'Manual review needed before this quote is confirmed:', id: 'Perlu ditinjau manual sebelum penawaran ini dikonfirmasi:' },
  footer: {
    en: 'Prices include the listed tax. Machine time is estimated with the GRBL motion planner of the selected machine.',
    id: 'Harga sudah termasuk pajak yang tercantum. Waktu mesin diperkirakan dengan perencana gerak GRBL dari mesin terpilih.',
  },
};

const MONTHS: Record<Lang, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
};

function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[lang][m - 1]} ${y}`;
}

function formatDuration(s: number, lang: Lang): string {
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return h > 0 ? `${h} ${lang === 'id' ? 'jam' : 'h'} ${m} ${lang === 'id' ? 'mnt' : 'min'}` : `${formatFigure(s / 60, lang, 1)} ${lang === 'id' ? 'mnt' : 'min'}`;
}

/** Draws the parts into the box (x, y, w, h in points, y down), keeping proportions, holes left empty. */
function drawThumbnail(doc: PDFKit.PDFDocument, parts: PartGeom[], score: Segment[][], box: { x: number; y: number; w: number; h: number }): void {
  const flat = allParts(parts);
  const b: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const p of flat) {
    b.minX = Math.min(b.minX, p.outer.bbox.minX);
    b.minY = Math.min(b.minY, p.outer.bbox.minY);
    b.maxX = Math.max(b.maxX, p.outer.bbox.maxX);
    b.maxY = Math.max(b.maxY, p.outer.bbox.maxY);
  }
  doc.save().lineWidth(0.5).strokeColor('#cccccc').rect(box.x, box.y, box.w, box.h).stroke().restore();
  if (!(b.maxX > b.minX) || !(b.maxY > b.minY)) return;
  const scale = Math.min((box.w - 12) / (b.maxX - b.minX), (box.h - 12) / (b.maxY - b.minY));
  const ox = box.x + (box.w - (b.maxX - b.minX) * scale) / 2;
  const oy = box.y + (box.h + (b.maxY - b.minY) * scale) / 2;
  // A quarter point of chord error is invisible; very large designs get coarser curves to keep the file small.
  const segments = flat.reduce((n, p) => n + p.outer.segments.length + p.holes.reduce((k, h) => k + h.segments.length, 0), 0);
  const tol = (0.25 / scale) * Math.max(1, segments / 20_000);
  const trace = (segs: readonly Segment[], close: boolean) => {
    const pts = flattenSegments(segs, tol);
    pts.forEach((p, i) => {
      const x = ox + (p.x - b.minX) * scale;
      const y = oy - (p.y - b.minY) * scale;
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    if (close) doc.closePath();
  };
  doc.save().lineWidth(0.4).lineJoin('round');
  for (const p of flat) {
    trace(p.outer.segments, true);
    for (const h of p.holes) trace(h.segments, true);
    doc.fillAndStroke('#dde8f0', '#1f3b57', 'even-odd');
  }
  doc.lineWidth(0.3).strokeColor('#2a7ab8');
  for (const s of score) {
    trace(s, false);
    doc.stroke();
  }
  doc.restore();
}

/** Renders the document; resolves with the PDF bytes. */
export function renderQuotePdf(q: QuoteDocument, lang: Lang, resourcesDir = defaultResourcesDir()): Promise<Buffer> {
  const t = (k: string) => TEXT[k][lang];
  const r = q.result;
  const money = (v: number) => formatMoney(v, r.price.currency, lang);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `${t('title')} ${q.number}`, Author: q.companyName, Creator: 'AcrylicHub Pro', CreationDate: new Date(q.createdAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', join(resourcesDir, 'fonts', 'LiberationSans-Regular.ttf'));
  doc.registerFont('bold', join(resourcesDir, 'fonts', 'LiberationSans-Bold.ttf'));
  const left = 40;
  const right = doc.page.width - 40;
  const width = right - left;

  // Header.
  doc.font('bold').fontSize(18).fillColor('#1f3b57').text(q.companyName, left, 40, { width: width / 2 });
  doc.font('bold').fontSize(16).fillColor('#000000').text(t('title'), left + width / 2, 40, { width: width / 2, align: 'right' });
  const meta: [string, string][] = [
    [t('number'), q.number],
    [t('date'), formatDate(q.createdAt, lang)],
    [t('valid'), formatDate(q.validUntil, lang)],
    [t('customer'), q.customerName || '—'],
    [t('design'), q.designName],
  ];
  let y = 80;
  doc.fontSize(9);
  for (const [k, v] of meta) {
    doc.font('body').fillColor('#555555').text(k, left, y, { width: 90 });
    doc.font('bold').fillColor('#000000').text(v, left + 90, y, { width: 200 });
    y += 14;
  }

  // Thumbnail on the right, summary below the meta block.
  drawThumbnail(doc, q.parts, q.scoreLines, { x: left + width / 2 + 10, y: 70, w: width / 2 - 10, h: 150 });
  const summary: [string, string][] = [
    [t('material'), `${r.material.name} (${r.materialUse.sheet.widthMm}×${r.materialUse.sheet.heightMm} mm)`],
    [t('quantity'), formatNumber(r.quantity, lang)],
    [t('parts'), formatNumber(r.parts, lang)],
    [t('cut'), `${formatFigure(r.cutLengthMm / 1000, lang, 2)} m · ${formatNumber(r.pierces, lang)} ${t('pierces')}`],
    [t('time'), formatDuration(r.machineTimeS, lang)],
    [t('sheets'), `${formatNumber(r.sheets, lang)} (${r.materialUse.mode === 'nested' ? 'nest' : 'bbox'})`],
    [t('complexity'), `${r.complexity.score}/100 · ${r.complexity.difficultyLabel}`],
  ];
  y += 8;
  for (const [k, v] of summary) {
    doc.font('body').fillColor('#555555').text(k, left, y, { width: 120 });
    doc.font('body').fillColor('#000000').text(v, left + 120, y, { width: width / 2 - 130 });
    y += Math.max(14, doc.heightOfString(v, { width: width / 2 - 130 }) + 3);
  }

  // Price lines.
  y = Math.max(y, 230) + 12;
  doc.rect(left, y, width, 18).fill('#1f3b57');
  doc.font('bold').fontSize(9).fillColor('#ffffff').text(t('description'), left + 6, y + 5, { width: width - 140 });
  doc.text(`${t('amount')} (${r.price.currency})`, right - 130, y + 5, { width: 124, align: 'right' });
  y += 24;
  for (const l of r.price.lines) {
    if (y > doc.page.height - 160) {
      doc.addPage();
      y = 40;
    }
    doc.font('bold').fontSize(9).fillColor('#000000').text(l.label, left + 6, y, { width: width - 140 });
    doc.font('body').text(money(l.amount), right - 130, y, { width: 124, align: 'right' });
    y += 12;
    doc.font('body').fontSize(7.5).fillColor('#666666');
    const h = doc.heightOfString(l.formula, { width: width - 150 });
    doc.text(l.formula, left + 6, y, { width: width - 150 });
    y += h + 6;
  }
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor('#999999').stroke();
  y += 6;
  const totals: [string, string, boolean][] = [
    [t('subtotal'), money(r.price.subtotal), false],
    [taxCaption(r.price, lang), money(r.price.tax), false],
    [t('total'), money(r.price.total), true],
    [t('unit'), money(r.price.unitPrice), false],
  ];
  for (const [k, v, strong] of totals) {
    doc.font(strong ? 'bold' : 'body').fontSize(strong ? 11 : 9).fillColor('#000000');
    doc.text(k, right - 300, y, { width: 160, align: 'right' });
    doc.text(v, right - 130, y, { width: 124, align: 'right' });
    y += strong ? 16 : 13;
  }

  if (r.manualReview) {
    y += 10;
    doc.font('bold').fontSize(9).fillColor('#b00020').text(t('review'), left, y, { width });
    doc.font('body').fontSize(8);
    for (const reason of r.reviewReasons.slice(0, 10)) doc.text(`• ${reason}`, { width });
  }

  doc.font('body').fontSize(7).fillColor('#777777').text(t('footer'), left, doc.page.height - 60, { width, align: 'center' });
  doc.end();
  return done;
}
