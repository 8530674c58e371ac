// No-fit polygons are the expensive part of nesting and depend only on the two shapes (part outline × orientation,
// up to translation), so they are computed once per ordered pair of shapes and kept for the whole job; copies of a
// part drawn at different places share them. Obstacle NFPs (used regions of a sheet) are cached per (sheet,
// variant).
import { boxOfPaths, noFitPolygon, translate, type IntBox, type Paths64 } from './int-geometry';
import { convexPieces } from './convex';
import type { Prepared } from './prepare';

export interface CachedNfp {
  paths: Paths64;
  box: IntBox;
  /** Add to every point of `paths` (pair NFPs are stored for the normalised shapes). */
  dx: number;
  dy: number;
}

export class NfpCache {
  private readonly pairs = new Map<string, CachedNfp>();
  private readonly obstacles = new Map<number, CachedNfp | null>();
  private readonly pieces = new Map<string, Paths64>();
  computed = 0;

  constructor(private readonly prep: Prepared) {}

  /** NFP of `moving` around `fixed`, both at their reference origins. */
  get(fixed: number, moving: number): CachedNfp {
    const a = this.prep.variants[fixed];
    const b = this.prep.variants[moving];
    const key = `${a.shape},${b.shape}`;
    let hit = this.pairs.get(key);
    if (!hit) {
      const paths = noFitPolygon(this.piecesOf(`n${a.shape}`, translate(a.region, -a.shift.x, -a.shift.y)), this.piecesOf(`n${b.shape}`, translate(b.region, -b.shift.x, -b.shift.y)));
      hit = { paths, box: boxOfPaths(paths), dx: 0, dy: 0 };
      this.pairs.set(key, hit);
      this.computed++;
    }
    return { ...hit, dx: a.shift.x - b.shift.x, dy: a.shift.y - b.shift.y };
  }

  /** NFP of `moving` around the used regions of a sheet slot, or null when the slot has none. */
  obstacle(slot: number, moving: number): CachedNfp | null {
    const s = this.prep.slots[slot];
    if (s.obstacles.length === 0) return null;
    const key = slot * this.prep.variants.length + moving;
    let hit = this.obstacles.get(key);
    if (hit === undefined) {
      const paths = noFitPolygon(this.piecesOf(`s${slot}`, s.obstacles), this.piecesOf(`v${moving}`, this.prep.variants[moving].region));
      hit = { paths, box: boxOfPaths(paths), dx: 0, dy: 0 };
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
