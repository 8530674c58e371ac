// A uniform hash grid of points for "which points lie within r of here" queries (contour chaining). Cells are r
// wide, so a query looks at the 3×3 cells around the point. Allocation-free per point: coordinates live in typed
// arrays and each cell is a linked list threaded through an Int32Array (the Map holds only the list heads, small
// integers). Keys are mixed from the cell indices; collisions only add candidates, filtered by real distance.
export class PointGrid {
  private readonly heads = new Map<number, number>();
  private xs: Float64Array;
  private ys: Float64Array;
  private next: Int32Array;
  private count = 0;

  constructor(private readonly cell: number, capacity = 1024) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** A small-integer hash of the cell (V8 keeps it unboxed); collisions only add candidates. */
  private key(ix: number, iy: number): number {
    return (Math.imul(ix | 0, 73_856_093) ^ Math.imul(iy | 0, 19_349_663)) & 0x3fffffff;
  }

  private grow(): void {
    const n = this.xs.length * 2;
    const xs = new Float64Array(n);
    xs.set(this.xs);
    this.xs = xs;
    const ys = new Float64Array(n);
    ys.set(this.ys);
    this.ys = ys;
    const next = new Int32Array(n);
    next.set(this.next);
    this.next = next;
  }

  /** Adds a point and returns its id (0, 1, 2, ... in insertion order). */
  add(x: number, y: number): number {
    if (this.count === this.xs.length) this.grow();
    const id = this.count++;
    this.xs[id] = x;
    this.ys[id] = y;
    const k = this.key(Math.floor(x / this.cell), Math.floor(y / this.cell));
    const head = this.heads.get(k);
    this.next[id] = head === undefined ? -1 : head;
    this.heads.set(k, id);
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
    const r2 = r * r;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        let id = this.heads.get(this.key(ix + dx, iy + dy));
        while (id !== undefined && id >= 0) {
          const ddx = this.xs[id] - x;
          const ddy = this.ys[id] - y;
          if (ddx * ddx + ddy * ddy <= r2) out.push(id);
          id = this.next[id];
        }
      }
    }
    return out;
  }
}
