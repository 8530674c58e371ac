// Order totals in Indonesian rupiah. IDR is priced in whole rupiah, so every amount is an integer; PPN (VAT) is
// 11 % of the subtotal (expressed in basis points so other rates stay exact), rounded half up once per order.

export const PPN_RATE_BP = 1100;

export interface PricedLine {
  quantity: number;
  unitPriceIdr: number;
}

export interface OrderTotals {
  lineTotalsIdr: number[];
  subtotalIdr: number;
  taxIdr: number;
  totalIdr: number;
  taxRateBp: number;
}

export function computeOrderTotals(lines: readonly PricedLine[], taxRateBp = PPN_RATE_BP): OrderTotals {
  const lineTotalsIdr = lines.map((l) => {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new RangeError(`quantity must be a positive integer, got ${l.quantity}`);
    if (!Number.isInteger(l.unitPriceIdr) || l.unitPriceIdr < 0) throw new RangeError(`unit price must be whole rupiah ≥ 0, got ${l.unitPriceIdr}`);
    return l.quantity * l.unitPriceIdr;
  });
  const subtotalIdr = lineTotalsIdr.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(subtotalIdr * taxRateBp)) throw new RangeError('order total is too large');
  const taxIdr = Math.floor((subtotalIdr * taxRateBp + 5000) / 10000);
  return { lineTotalsIdr, subtotalIdr, taxIdr, totalIdr: subtotalIdr + taxIdr, taxRateBp };
}
