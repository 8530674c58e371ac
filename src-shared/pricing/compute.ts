// Applies the pricing rules to what a quote needs priced: material, machine time, setup, start-up, finishing,
// quantity discount, rush surcharge, minimum order and PPN. Every line keeps a label and the formula that made
// it, so the customer and the shop can check the arithmetic. Pure and deterministic: all amounts are whole
// rupiah, each line rounded once (half up) to the rules' unit; tax is exact integer arithmetic on the subtotal.
import { formatFigure, formatMoney, formatNumber, roundTo, type Lang } from './format';
import type { PricingRules, QuoteOptions } from './rules';

export interface PriceInput {
  quantity: number;
  /** Distinct parts in the design (each needs its own setup). */
  uniqueParts: number;
  material: {
    name: string;
    sheetLabel: string;
    sheetPriceIdr: number;
    sheetAreaMm2: number;
    /** Area of the parts' bounding boxes plus spacing, one copy of the design. */
    usedAreaMm2PerCopy: number;
    /** Net area of the parts (outer minus holes), one copy. */
    netAreaMm2PerCopy: number;
    /** Whole sheets the nest of the whole order uses, when a nest was run. */
    nestedSheets?: number;
  };
  machine: {
    name: string;
    hourlyRateIdr: number;
    /** Machine time for one copy of the design. */
    timePerCopyS: number;
    /** Once per job: loading, focusing, framing, unloading. */
    jobOverheadS: number;
  };
  /** Length of cut edges of one copy (what polishing treats), mm. */
  edgeLengthMmPerCopy: number;
  options: QuoteOptions;
  /** Currency to show besides IDR (default IDR). */
  currency?: string;
  lang?: Lang;
}

export type PriceLineCode =
  | 'material' | 'machine' | 'setup' | 'startup' | 'flame-polish' | 'edge-polish' | 'bending' | 'engraving'
  | 'quantity-discount' | 'rush' | 'minimum-order';

export interface PriceLine {
  code: PriceLineCode;
  label: string;
  /** How the amount was computed, with the figures used. */
  formula: string;
  amountIdr: number;
  /** In the quote's currency. */
  amount: number;
}

export interface PriceBreakdown {
  currency: string;
  /** IDR per unit of `currency` (1 for IDR). */
  rate: number;
  quantity: number;
  lines: PriceLine[];
  subtotalIdr: number;
  taxIdr: number;
  totalIdr: number;
  subtotal: number;
  tax: number;
  total: number;
  /** Total ÷ quantity, in the quote's currency. */
  unitPrice: number;
  taxLabel: string;
  taxRatePct: number;
  /** The quantity break applied, if any. */
  discountPct: number;
}

export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}

const LABELS: Record<PriceLineCode, Record<Lang, string>> = {
  material: { en: 'Material', id: 'Bahan' },
  machine: { en: 'Laser machine time', id: 'Waktu mesin laser' },
  setup: { en: 'Setup per unique part', id: 'Persiapan per jenis part' },
  startup: { en: 'Material start-up', id: 'Persiapan bahan' },
  'flame-polish': { en: 'Flame polish of edges', id: 'Poles api tepi' },
  'edge-polish': { en: 'Edge polish (buffing)', id: 'Poles tepi (buffing)' },
  bending: { en: 'Bending', id: 'Tekuk' },
  engraving: { en: 'Engraving service', id: 'Jasa grafir' },
  'quantity-discount': { en: 'Quantity discount', id: 'Diskon jumlah' },
  rush: { en: 'Rush surcharge', id: 'Biaya kilat' },
  'minimum-order': { en: 'Minimum order top-up', id: 'Penyesuaian pesanan minimum' },
};

/** Words inside formulas. */
const WORDS: Record<'waste' | 'overhead' | 'nested' | 'material' | 'discountBase' | 'qty', Record<Lang, string>> = {
  waste: { en: 'waste', id: 'sisa' },
  overhead: { en: 'overhead', id: 'persiapan mesin' },
  nested: { en: 'nested', id: 'hasil nesting' },
  material: { en: 'material', id: 'bahan' },
  discountBase: { en: 'material + machine + finishing', id: 'bahan + mesin + finishing' },
  qty: { en: 'qty', id: 'jumlah' },
};

/** Half-up rounding to `unit` rupiah (symmetric for discounts). */
function roundIdr(value: number, unit: number): number {
  const r = Math.floor(Math.abs(value) / unit + 0.5 + 1e-9) * unit;
  return value < 0 ? -r : r === 0 ? 0 : r;
}

function checkInput(input: PriceInput): void {
  const { quantity, uniqueParts, material: m, machine } = input;
  if (!Number.isInteger(quantity) || quantity < 1) throw new PricingError(`quantity must be a whole number ≥ 1, got ${quantity}`);
  if (!Number.isInteger(uniqueParts) || uniqueParts < 0) throw new PricingError(`unique parts must be a whole number ≥ 0, got ${uniqueParts}`);
  const nonNeg: [string, number][] = [
    ['sheet price', m.sheetPriceIdr], ['used area', m.usedAreaMm2PerCopy], ['net area', m.netAreaMm2PerCopy],
    ['hourly rate', machine.hourlyRateIdr], ['machine time', machine.timePerCopyS], ['job overhead', machine.jobOverheadS],
    ['edge length', input.edgeLengthMmPerCopy],
  ];
  for (const [name, v] of nonNeg) if (!(Number.isFinite(v) && v >= 0)) throw new PricingError(`${name} must be a number ≥ 0, got ${v}`);
  if (!(m.sheetAreaMm2 > 0)) throw new PricingError(`sheet area must be > 0, got ${m.sheetAreaMm2}`);
  if (m.nestedSheets !== undefined && !(Number.isInteger(m.nestedSheets) && m.nestedSheets >= 0)) {
    throw new PricingError(`nested sheets must be a whole number ≥ 0, got ${m.nestedSheets}`);
  }
}

/** Computes the priced lines and totals. Throws PricingError on impossible input (qty ≤ 0, negative figures). */
export function computePrice(input: PriceInput, rules: PricingRules): PriceBreakdown {
  checkInput(input);
  const lang: Lang = input.lang ?? 'en';
  const currency = input.currency ?? 'IDR';
  const rate = currency === 'IDR' ? 1 : rules.exchangeRates[currency];
  if (!rate) throw new PricingError(`no exchange rate for ${currency} (known: IDR, ${Object.keys(rules.exchangeRates).sort().join(', ')})`);

  const q = input.quantity;
  const n = (v: number, d = 2) => formatFigure(v, lang, d);
  const money = (v: number) => formatMoney(v, 'IDR', lang);
  const lines: PriceLine[] = [];
  const add = (code: PriceLineCode, exact: number, formula: string) => {
    const amountIdr = roundIdr(exact, rules.roundToIdr);
    lines.push({ code, label: LABELS[code][lang], formula, amountIdr, amount: 0 });
    return amountIdr;
  };
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const m = input.material;
  const cm2 = (mm2: number) => n(mm2 / 100, 1);

  // Material.
  let materialIdr: number;
  if (m.nestedSheets !== undefined) {
    materialIdr = add('material', m.nestedSheets * m.sheetPriceIdr,
      `${m.name}: ${m.nestedSheets} × ${m.sheetLabel} (${w('nested')}) × ${money(m.sheetPriceIdr)}`);
  } else if (rules.materialMode === 'sheet-share') {
    const exact = (m.usedAreaMm2PerCopy * q * rules.wasteFactor / m.sheetAreaMm2) * m.sheetPriceIdr;
    materialIdr = add('material', exact,
      `${m.name}: ${cm2(m.usedAreaMm2PerCopy)} cm² × ${q} × ${n(rules.wasteFactor)} ${w('waste')} ÷ ${cm2(m.sheetAreaMm2)} cm² (${m.sheetLabel}) × ${money(m.sheetPriceIdr)}`);
  } else {
    const exact = m.netAreaMm2PerCopy * q * rules.wasteFactor * (m.sheetPriceIdr / m.sheetAreaMm2);
    materialIdr = add('material', exact,
      `${m.name}: ${cm2(m.netAreaMm2PerCopy)} cm² × ${q} × ${n(rules.wasteFactor)} ${w('waste')} × ${money(m.sheetPriceIdr)} ÷ ${cm2(m.sheetAreaMm2)} cm²`);
  }

  // Machine time.
  const hourly = rules.machineRateIdrPerHour ?? input.machine.hourlyRateIdr;
  const seconds = input.machine.timePerCopyS * q + input.machine.jobOverheadS;
  const machineIdr = add('machine', (seconds / 3600) * hourly,
    `(${n(input.machine.timePerCopyS, 1)} s × ${q} + ${n(input.machine.jobOverheadS, 0)} s ${w('overhead')}) ÷ 3600 × ${money(hourly)}/h (${input.machine.name})`);

  add('setup', input.uniqueParts * rules.setupPerUniquePartIdr, `${input.uniqueParts} × ${money(rules.setupPerUniquePartIdr)}`);
  add('startup', rules.startupPerMaterialIdr, `1 ${w('material')} × ${money(rules.startupPerMaterialIdr)}`);

  // Finishing.
  const f = rules.finishing;
  const o = input.options;
  const edgeM = input.edgeLengthMmPerCopy / 1000;
  let finishingIdr = 0;
  if (o.flamePolish) {
    finishingIdr += add('flame-polish', edgeM * q * f.flamePolishPerMeterIdr, `${n(edgeM)} m × ${q} × ${money(f.flamePolishPerMeterIdr)}/m`);
  }
  if (o.edgePolish) {
    finishingIdr += add('edge-polish', edgeM * q * f.edgePolishPerMeterIdr, `${n(edgeM)} m × ${q} × ${money(f.edgePolishPerMeterIdr)}/m`);
  }
  if (o.bends > 0) {
    finishingIdr += add('bending', o.bends * q * f.bendingPerBendIdr, `${o.bends} × ${q} × ${money(f.bendingPerBendIdr)}`);
  }
  if (o.engravingCm2 > 0) {
    finishingIdr += add('engraving', o.engravingCm2 * q * f.engravingPerCm2Idr, `${n(o.engravingCm2, 1)} cm² × ${q} × ${money(f.engravingPerCm2Idr)}/cm²`);
  }

  // Quantity break on what scales with quantity.
  const brk = [...rules.quantityBreaks].sort((a, b) => b.minQty - a.minQty).find((b) => q >= b.minQty);
  const discountPct = brk?.discountPct ?? 0;
  if (brk && discountPct > 0) {
    const base = materialIdr + machineIdr + finishingIdr;
    add('quantity-discount', (-base * discountPct) / 100,
      `−${n(discountPct)} % × ${money(base)} (${w('discountBase')}, ${w('qty')} ≥ ${brk.minQty})`);
  }

  if (o.rush && rules.rushSurchargePct > 0) {
    const base = lines.reduce((s, l) => s + l.amountIdr, 0);
    add('rush', (base * rules.rushSurchargePct) / 100, `${n(rules.rushSurchargePct)} % × ${money(base)}`);
  }

  const beforeMinimum = lines.reduce((s, l) => s + l.amountIdr, 0);
  if (beforeMinimum < rules.minimumOrderIdr) {
    add('minimum-order', rules.minimumOrderIdr - beforeMinimum, `${money(rules.minimumOrderIdr)} − ${money(beforeMinimum)}`);
  }

  const subtotalIdr = lines.reduce((s, l) => s + l.amountIdr, 0);
  const taxBp = Math.round(rules.taxRatePct * 100);
  if (!Number.isSafeInteger(subtotalIdr * taxBp)) throw new PricingError('the total is too large to compute exactly');
  const taxIdr = roundIdr((subtotalIdr * taxBp) / 10_000, 1);
  const totalIdr = subtotalIdr + taxIdr;

  const conv = (idr: number) => (rate === 1 ? idr : roundTo(idr / rate, 2));
  for (const l of lines) l.amount = conv(l.amountIdr);
  return {
    currency,
    rate,
    quantity: q,
    lines,
    subtotalIdr,
    taxIdr,
    totalIdr,
    subtotal: conv(subtotalIdr),
    tax: conv(taxIdr),
    total: conv(totalIdr),
    unitPrice: rate === 1 ? roundTo(totalIdr / q, 0) : roundTo(totalIdr / rate / q, 2),
    taxLabel: rules.taxLabel,
    taxRatePct: rules.taxRatePct,
    discountPct,
  };
}

/** "PPN 11 %" in either language (used by documents and the UI). */
export function taxCaption(b: PriceBreakdown, lang: Lang): string {
  return `${b.taxLabel} ${formatNumber(b.taxRatePct, lang, Number.isInteger(b.taxRatePct) ? 0 : 2)} %`;
}
