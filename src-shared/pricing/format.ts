// Number and money text for price formulas and quote documents, in English (1,234.5) or Indonesian (1.234,5).
// Hand-written rather than Intl.NumberFormat so the same input gives byte-identical text on every platform and
// ICU build (quotes are stored and compared).

export type Lang = 'en' | 'id';

/** Rounds half away from zero to `decimals` places (no binary-fraction surprises at .5 for 0–4 decimals). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(value) * f;
  const r = Math.floor(scaled + 0.5 + 1e-9) / f;
  return value < 0 ? -r : r;
}

/** `1234567.891` → en `1,234,567.89`, id `1.234.567,89` (trailing zeros of the decimals are kept). */
export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  const rounded = roundTo(value, decimals);
  const [int, frac] = Math.abs(rounded).toFixed(decimals).split('.');
  const group = lang === 'id' ? '.' : ',';
  const point = lang === 'id' ? ',' : '.';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? point + frac : ''}`;
}

/** Short figure for formulas: up to `maxDecimals`, trailing zeros dropped (`1.15`, `0.5`, `12`). */
export function formatFigure(value: number, lang: Lang, maxDecimals = 2): string {
  const text = formatNumber(value, lang, maxDecimals);
  if (maxDecimals === 0) return text;
  const point = lang === 'id' ? ',' : '.';
  return text.includes(point) ? text.replace(/0+$/, '').replace(new RegExp(`\\${point}$`), '') : text;
}

/** Money in a currency: IDR as `Rp 1.234.567` (whole rupiah), others with 2 decimals and their code. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  if (currency === 'IDR') return `Rp ${formatNumber(amount, lang, 0)}`;
  return `${currency} ${formatNumber(amount, lang, 2)}`;
}
