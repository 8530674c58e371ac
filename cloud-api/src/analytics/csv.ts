// RFC 4180 CSV for the analytics export, written by hand because it is a few lines: quote fields holding a comma,
// quote or line break, double inner quotes, CRLF line ends, and neutralise spreadsheet formulas (a leading
// = + - @ gets a quote prefix) so an exported cell can never execute in Excel or Sheets.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
