// A uniform hash grid of points for "which points lie within r of here" queries (contour chaining). A query looks
// at the cells the square of side 2r around the point touches: with cells 2r wide (what contour chaining uses),
// 2×2 cells instead of 3×3. Allocation-free per point: coordinates live in typed arrays, cells hash into a
// power-of-two table of list heads (an Int32Array, at least twice as many slots as points) and each slot is a
// linked list threaded through another Int32Array. Cells sharing a slot only add candidates, filtered by real
// distance.
export class PointGrid {
  private heads: Int32Array;
  private mask: number;
  private xs: Float64Array;
  private ys: Float64Array;
  private next: Int32Array;
  private count = 0;

  constructor(private readonly cell: number, capacity = 1024) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
    this.heads = new Int32Array(0);
    this.mask = 0;
    this.rehash(capacity);
  }

  /** The table slot of a cell. */
  private slot(ix: number, iy: number): number {
    return (Math.imul(ix | 0, 73_856_093) ^ Math.imul(iy | 0, 19_349_663)) & this.mask;
  }

  /** A table for `capacity` points, every point already added threaded in again. */
  private rehash(capacity: number): void {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) this.link(id);
  }

  private link(id: number): void {
    const s = this.slot(Math.floor(this.xs[id] / this.cell), Math.floor(this.ys[id] / this.cell));
    this.next[id] = this.heads[s];
    this.heads[s] = id;
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
    this.rehash(n);
  }

  /** Adds a point and returns its id (0, 1, 2, ... in insertion order). */
  add(x: number, y: number): number {
    if (this.count === this.xs.length) this.grow();
    const id = this.count++;
    this.xs[id] = x;
    this.ys[id] = y;
    this.link(id);
    return id;
  }

  x(id: number): number {
    return this.xs[id];
  }

  y(id: number): number {
    return this.ys[id];
  }

  /** Writes the ids of every point within r of (x, y), each once, in no set order, to out[0..n) and returns n.
   * `out` is never shortened: emptying an array (length = 0) drops its storage, so every query would allocate. */
  within(x: number, y: number, r: number, out: number[]): number {
    let n = 0;
    const ix0 = Math.floor((x - r) / this.cell);
    const ix1 = Math.floor((x + r) / this.cell);
    const iy0 = Math.floor((y - r) / this.cell);
    const iy1 = Math.floor((y + r) / this.cell);
    const r2 = r * r;
    const small = (ix1 - ix0 + 1) * (iy1 - iy0 + 1) <= 4;
    let s0 = -1; // slots walked so far (at most 2×2 cells when r ≤ cell / 2)
    let s1 = -1;
    let s2 = -1;
    for (let ix = ix0; ix <= ix1; ix++) {
      for (let iy = iy0; iy <= iy1; iy++) {
        const s = this.slot(ix, iy);
        if (small) {
          if (s === s0 || s === s1 || s === s2) continue; // two cells in one slot: walk it once
          s2 = s1;
          s1 = s0;
          s0 = s;
        }
        for (let id = this.heads[s]; id >= 0; id = this.next[id]) {
          const ddx = this.xs[id] - x;
          const ddy = this.ys[id] - y;
          if (ddx * ddx + ddy * ddy <= r2) out[n++] = id;
        }
      }
    }
    if (!small && n > 1) {
      // Larger queries may meet a slot twice: keep each id once.
      const found = out.slice(0, n).sort((a, b) => a - b);
      n = 0;
      for (let i = 0; i < found.length; i++) if (i === 0 || found[i] !== found[i - 1]) out[n++] = found[i];
    }
    return n;
  }
}
