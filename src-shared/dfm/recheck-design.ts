// After an edit, the import's manufacturability findings describe a drawing that no longer exists. This reruns
// the geometric checks on the edited paths (the cut layers, selected as the import selects them) and keeps the
// findings only the original file can tell (units, DXF structure, text that could not be converted).
import { buildContours } from '../geometry/contours';
import type { Finding, LayerInfo, Path } from '../geometry/types';
import { checkDesign } from './check-design';

/** Codes produced from the geometry (buildContours and checkDesign); every other code comes from the file. */
export const GEOMETRY_CODES: ReadonlySet<string> = new Set([
  'CONTOUR_CLOSED_WITH_GAP', 'OPEN_CONTOUR', 'ZERO_LENGTH', 'DUPLICATE_SEGMENT', 'SELF_INTERSECTION', 'FEATURE_TOO_NARROW',
  'HOLE_SMALLER_THAN_THICKNESS', 'PART_LARGER_THAN_SHEET', 'FAR_FROM_ORIGIN', 'CHECK_SKIPPED',
]);

/** Stock acrylic sheet when no sheet list is given (1220 × 2440 mm). */
export const DEFAULT_CHECK_SHEETS = [{ w: 1220, h: 2440 }];

export interface RecheckOptions {
  kerfMm?: number;
  thicknessMm?: number;
  sheets?: { w: number; h: number }[];
}

/** The paths the import would cut: no fills, on a visible cut layer or on a layer the file never declared. */
export function importCutPaths(paths: readonly Path[], layers: readonly LayerInfo[]): Path[] {
  const cut = new Set(layers.filter((l) => l.operation === 'cut' && l.visible).map((l) => l.name));
  const declared = new Set(layers.map((l) => l.name));
  return paths.filter((p) => !p.fill && (cut.has(p.layer) || !declared.has(p.layer)));
}

/** Findings of an edited design: the file's own findings from `previous`, and fresh geometric ones. */
export function recheckDesign(paths: readonly Path[], layers: readonly LayerInfo[], previous: readonly Finding[], opts: RecheckOptions = {}): Finding[] {
  const cutPaths = importCutPaths(paths, layers);
  const { contours, parts, findings } = buildContours(cutPaths);
  const fresh = checkDesign(contours, parts, { kerfMm: opts.kerfMm, thicknessMm: opts.thicknessMm, sheets: opts.sheets ?? DEFAULT_CHECK_SHEETS, paths: cutPaths });
  return [...previous.filter((f) => !GEOMETRY_CODES.has(f.code)), ...findings, ...fresh];
}
