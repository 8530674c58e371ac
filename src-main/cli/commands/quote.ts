// `acrylichub quote FILE --material ID [--thickness MM] [--qty N] [--machine ID] [--pdf OUT.pdf] --json`: imports a
// design file and prices it offline (planner machine time, material use, complexity, DFM, pricing rules). With
// --pdf the quote is saved (in --data, or an in-memory store) under its number and written as a PDF document.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { quoteSaveSchema } from '../../../src-shared/contract/channels/quote';
import { ContractError, formatZodError } from '../../../src-shared/contract/define';
import type { QuoteComputation } from '../../../src-shared/estimate/quote-engine';
import { formatMoney, type Lang } from '../../../src-shared/pricing/format';
import { ImportError, importFile } from '../../import/import-file';
import { openCliStore } from '../../quote/cli-store';
import { renderQuotePdf } from '../../quote/pdf';
import { buildQuoteDocument } from '../../quote/quote-document';
import type { ImportedDesign } from '../../quote/quote-service';
import { fail, numberOption, printJson } from '../output';
import { requireFile } from './estimate';

interface QuoteOpts {
  material: string;
  thickness?: string;
  qty: string;
  machine?: string;
  pdf?: string;
  lang: string;
  currency: string;
  customer: string;
  company: string;
  flamePolish?: boolean;
  edgePolish?: boolean;
  bends?: string;
  rush?: boolean;
  data?: string;
  json?: boolean;
}

/** The JSON the command prints: the issue's shape first, then the details a script may want. */
export function quoteJson(q: QuoteComputation, extra: Record<string, unknown> = {}) {
  return {
    parts: q.parts,
    cutLengthMm: q.cutLengthMm,
    pierces: q.pierces,
    engraveAreaMm2: q.engraveAreaMm2,
    travelMm: q.travelMm,
    machineTimeS: q.machineTimeS,
    materialAreaMm2: q.materialAreaMm2,
    sheets: q.sheets,
    complexity: { score: q.complexity.score, difficulty: q.complexity.difficulty, factors: q.complexity.factors },
    price: {
      lines: q.price.lines.map((l) => ({ code: l.code, label: l.label, amount: l.amount, formula: l.formula })),
      subtotal: q.price.subtotal,
      tax: q.price.tax,
      total: q.price.total,
      currency: q.price.currency,
      unitPrice: q.price.unitPrice,
    },
    warnings: q.warnings,
    manualReview: q.manualReview,
    material: q.material,
    machine: q.machine,
    quantity: q.quantity,
    time: q.time,
    ...extra,
  };
}

const WORDS = {
  en: { quote: 'Quote', parts: 'parts', cut: 'cut', pierces: 'pierces', time: 'machine time', naive: 'length÷feed would say', overhead: 'overhead', sheets: 'sheets', complexity: 'complexity', review: 'MANUAL REVIEW needed before confirming this quote.' },
  id: { quote: 'Penawaran', parts: 'part', cut: 'potong', pierces: 'titik tembak', time: 'waktu mesin', naive: 'panjang÷kecepatan memperkirakan', overhead: 'persiapan', sheets: 'lembar', complexity: 'kompleksitas', review: 'PERLU TINJAUAN MANUAL sebelum penawaran ini dikonfirmasi.' },
};

function printText(q: QuoteComputation, lang: Lang, number?: string): void {
  const w = WORDS[lang];
  const money = (v: number) => formatMoney(v, q.price.currency, lang);
  const out: string[] = [];
  if (number) out.push(`${w.quote} ${number}`);
  out.push(`${q.material.name} · ${q.machine.name} · qty ${q.quantity}`);
  out.push(`${w.parts} ${q.parts}, ${w.cut} ${(q.cutLengthMm / 1000).toFixed(2)} m, ${w.pierces} ${q.pierces}, ${w.time} ${(q.machineTimeS / 60).toFixed(1)} min (${w.naive} ${(q.time.naivePerCopyS * q.quantity / 60).toFixed(1)} min + ${w.overhead})`);
  out.push(`${w.sheets} ${q.sheets} × ${q.materialUse.sheet.widthMm}×${q.materialUse.sheet.heightMm}, ${w.complexity} ${q.complexity.score}/100 ${q.complexity.difficultyLabel}`);
  for (const l of q.price.lines) out.push(`  ${l.label.padEnd(32)} ${money(l.amount).padStart(18)}   ${l.formula}`);
  out.push(`  ${'Subtotal'.padEnd(32)} ${money(q.price.subtotal).padStart(18)}`);
  out.push(`  ${`${q.price.taxLabel} ${q.price.taxRatePct} %`.padEnd(32)} ${money(q.price.tax).padStart(18)}`);
  out.push(`  ${'Total'.padEnd(32)} ${money(q.price.total).padStart(18)}`);
  for (const f of q.warnings) out.push(`${f.severity}: ${f.code} ${f.message}`);
  if (q.manualReview) out.push(w.review);
  process.stdout.write(`${out.join('\n')}\n`);
}

export function register(program: Command): void {
  program
    .command('quote')
    .description('Quote a design file offline: material, machine time (GRBL planner), complexity, price with PPN.')
    .argument('<file>', 'design file (DXF, SVG, COLLADA, OBJ, STL)')
    .requiredOption('--material <id>', 'material id (see `acrylichub materials`)')
    .option('--thickness <mm>', 'sheet thickness (default 3 mm when the material has it)')
    .option('--qty <n>', 'number of sets', '1')
    .option('--machine <id>', 'machine profile (see `acrylichub machines`; default the first)')
    .option('--pdf <out.pdf>', 'save the quote and write its PDF document here')
    .option('--lang <en|id>', 'language of labels and the PDF', 'en')
    .option('--currency <code>', 'currency to show (IDR, or one with a rate in the pricing rules)', 'IDR')
    .option('--customer <name>', 'customer name on the saved quote', '')
    .option('--company <name>', 'company name in the PDF header', 'AcrylicHub Pro')
    .option('--flame-polish', 'add flame polishing of the cut edges')
    .option('--edge-polish', 'add edge polishing (buffing)')
    .option('--bends <n>', 'bends per set')
    .option('--rush', 'rush order surcharge')
    .option('--data <dir>', 'data folder: its libraries and pricing rules, and the quote is saved there (default: seed libraries in memory)')
    .option('--json', 'print JSON: {parts, cutLengthMm, pierces, engraveAreaMm2, travelMm, machineTimeS, materialAreaMm2, sheets, complexity, price, warnings, ...}')
    .action(async (file: string, opts: QuoteOpts) => {
      requireFile(file);
      if (opts.lang !== 'en' && opts.lang !== 'id') fail(`--lang must be "en" or "id", got "${opts.lang}"`);
      const lang = opts.lang as Lang;
      const parsed = quoteSaveSchema.safeParse({
        design: { name: basename(file), paths: [], layers: [] },
        materialId: opts.material,
        thicknessMm: numberOption('thickness', opts.thickness, { min: 0.1 }),
        machineId: opts.machine,
        quantity: numberOption('qty', opts.qty, { min: 1, integer: true }),
        options: { flamePolish: opts.flamePolish ?? false, edgePolish: opts.edgePolish ?? false, bends: numberOption('bends', opts.bends, { min: 0, integer: true }) ?? 0, rush: opts.rush ?? false },
        currency: opts.currency.toUpperCase(),
        lang,
        customerName: opts.customer,
      });
      if (!parsed.success) fail(formatZodError(parsed.error));
      const request = parsed.data;
      const bytes = readFileSync(file);
      let imported: ImportedDesign;
      try {
        const r = importFile(basename(file), new Uint8Array(bytes));
        imported = {
          input: { paths: r.paths, layers: r.layers, findings: r.findings, cutGeometry: { contours: r.contours, parts: r.parts } },
          name: basename(file),
          key: createHash('sha256').update(bytes).digest('hex'),
        };
      } catch (err) {
        if (err instanceof ImportError) fail(err.message);
        throw err;
      }
      const store = openCliStore(opts.data);
      try {
        if (!opts.pdf) {
          const q = store.quotes.compute(request, imported);
          if (opts.json) printJson(quoteJson(q));
          else printText(q, lang);
          return;
        }
        const saved = store.quotes.save(request, imported);
        const { doc } = buildQuoteDocument(store.quotes, saved.id, lang, opts.company);
        writeFileSync(opts.pdf, await renderQuotePdf(doc, lang));
        if (opts.json) printJson(quoteJson(saved.result, { quoteNumber: saved.number, validUntil: saved.validUntil, pdf: opts.pdf }));
        else printText(saved.result, lang, saved.number);
      } catch (err) {
        if (err instanceof ContractError) fail(`${file}: ${err.message}`);
        throw err;
      } finally {
        store.close();
      }
    });
}
