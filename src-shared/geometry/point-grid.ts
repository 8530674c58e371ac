// A uniform hash grid of points for "which endpoints lie within tol of here" queries (contour chaining,
// duplicate detection). Cells are tol wide, so a query looks at the 3×3 cells around the point. Keys are
// numbers mixed from the cell indices; collisions only add candidates, which callers filter by real distance.
export class PointGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  constructor(private readonly cell: number) {}

  /** A small-integer hash of the cell (fast Map keys); collisions only add candidates. */
  private key(ix: number, iy: number): number {
    return (Math.imul(ix | 0, 73_856_093) ^ Math.imul(iy | 0, 19_349_663)) & 0x3fffffff; // stays a V8 small integer
  }

  /** Adds a point and returns its id (0, 1, 2, ... in insertion order). */
  add(x: number, y: number): number {
    const id = this.xs.length;
    this.xs.push(x);
    this.ys.push(y);
    const k = this.key(Math.floor(x / this.cell), Math.floor(y / this.cell));
    const list = this.cells.get(k);
    if (list) list.push(id);
    else this.cells.set(k, [id]);
    return id;
  }

  x(id: number): number {
    return this.xs[id];
  }

  y(id: number): number {
    return this.ys[id];
  }

  /** Fills `out` (cleared first) with the ids of every point within r (r ≤ cell size) of (x, y). */
  within(x: number, y: number, r: number, out: number[]): number[] {
    out.length = 0;
    const ix = Math.floor(x / this.cell);
    const iy = Math.floor(y / this.cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = this.cells.get(this.key(ix + dx, iy + dy));
        if (!list) continue;
        const r2 = r * r;
        for (const id of list) {
          const dx = this.xs[id] - x;
          const dy = this.ys[id] - y;
          if (dx * dx + dy * dy <= r2) out.push(id);
        }
      }
    }
    return out;
  }
}
