// Which machine operation each path gets: its layer's operation, fills (HATCH, text fill) engrave, hidden
// layers and `ignore` layers are left out. Paths on a layer the design does not list are cut (the import puts
// every layer it reads in `layers`, so this only happens for hand-made designs).
import type { LayerInfo, Operation, Path } from '../geometry/types';

export interface PathsByOperation {
  cut: Path[];
  score: Path[];
  /** Closed outlines and fills whose inside is raster-engraved. */
  engraveFill: Path[];
  /** Open paths on an engrave layer: traced as vector engraving (like score). */
  engraveLine: Path[];
  ignored: number;
}

export function operationOf(path: Path, layers: ReadonlyMap<string, LayerInfo>): Operation {
  const layer = layers.get(path.layer);
  if (layer && (!layer.visible || layer.operation === 'ignore')) return 'ignore';
  if (path.fill) return 'engrave';
  return layer?.operation ?? 'cut';
}

export function splitByOperation(paths: readonly Path[], layers: readonly LayerInfo[]): PathsByOperation {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const out: PathsByOperation = { cut: [], score: [], engraveFill: [], engraveLine: [], ignored: 0 };
  for (const p of paths) {
    if (p.segments.length === 0) continue;
    const op = operationOf(p, byName);
    if (op === 'cut') out.cut.push(p);
    else if (op === 'score') out.score.push(p);
    else if (op === 'engrave') (p.closed || p.fill ? out.engraveFill : out.engraveLine).push(p);
    else out.ignored++;
  }
  return out;
}
