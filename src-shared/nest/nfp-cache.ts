// No-fit polygons are the expensive part of nesting and depend only on the two variants (part × orientation), so
// they are computed once per ordered pair and kept for the whole job. Obstacle NFPs (used regions of a sheet)
// are cached per (sheet, variant).
import { boxOfPaths, noFitPolygon, type IntBox, type Paths64 } from './int-geometry';
import { convexPieces } from './convex';
import type { Prepared } from './prepare';

export interface CachedNfp {
  paths: Paths64;
  box: IntBox;
}

export class NfpCache {
  private readonly pairs = new Map<number, CachedNfp>();
  private readonly obstacles = new Map<number, CachedNfp | null>();
  private readonly pieces = new Map<string, Paths64>();
  computed = 0;

  constructor(private readonly prep: Prepared) {}

  /** NFP of `moving` around `fixed`, both at their reference origins. */
  get(fixed: number, moving: number): CachedNfp {
    const key = fixed * this.prep.variants.length + moving;
    let hit = this.pairs.get(key);
    if (!hit) {
      const paths = noFitPolygon(this.piecesOf(`v${fixed}`, this.prep.variants[fixed].region), this.piecesOf(`v${moving}`, this.prep.variants[moving].region));
      hit = { paths, box: boxOfPaths(paths) };
      this.pairs.set(key, hit);
      this.computed++;
    }
    return hit;
  }

  /** NFP of `moving` around the used regions of a sheet slot, or null when the slot has none. */
  obstacle(slot: number, moving: number): CachedNfp | null {
    const s = this.prep.slots[slot];
    if (s.obstacles.length === 0) return null;
    const key = slot * this.prep.variants.length + moving;
    let hit = this.obstacles.get(key);
    if (hit === undefined) {
      const paths = noFitPolygon(this.piecesOf(`s${slot}`, s.obstacles), this.piecesOf(`v${moving}`, this.prep.variants[moving].region));
      hit = { paths, box: boxOfPaths(paths) };
      this.obstacles.set(key, hit);
    }
    return hit;
  }

  private piecesOf(key: string, region: Paths64): Paths64 {
    let p = this.pieces.get(key);
    if (!p) this.pieces.set(key, (p = convexPieces(region)));
    return p;
  }
}
