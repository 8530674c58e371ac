// Which of two nesting results is better, the way a shop judges it: fewer parts left unplaced, then fewer sheets
// opened, then less material consumed (strip: shorter length; sheets: larger offcut left on the last sheet).
// Parallel workers' results are merged with it.
import type { NestResult } from './types';

export function isBetter(a: NestResult, b: NestResult | null): boolean {
  if (!b) return true;
  if (a.unplaced.length !== b.unplaced.length) return a.unplaced.length < b.unplaced.length;
  if (a.strip && b.strip) return a.strip.length < b.strip.length;
  if (a.sheets.length !== b.sheets.length) return a.sheets.length < b.sheets.length;
  return (a.offcut?.area ?? 0) > (b.offcut?.area ?? 0);
}
