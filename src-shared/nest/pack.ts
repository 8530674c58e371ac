// Decodes a genome (placement order + orientation per instance) into a layout: each part goes, in order, to the
// first sheet where it fits, at the bottom-left-most point of its feasible region = inner-fit rectangle minus the
// union of the no-fit polygons of everything already on that sheet (clipper2-ts difference, candidate points =
// vertices of the region, lowest x then lowest y, or lowest x + w·y; or "bottom-first": lowest y in the leftmost
// window with room). Parts are packed towards x = 0, so the unused material is a clean strip on the right of the
// last sheet.
//
// The feasible region is searched in vertical windows from left to right and only NFPs touching the window are
// clipped, so a placement costs about the same on an empty sheet and on a sheet with thousands of parts; a window
// found full for a variant stays full (parts are only added), so the scan resumes after it.
import { Clipper, FillRule, boxesOverlap, rectPath, type IntBox, type Paths64 } from './int-geometry';
import { innerFit, type Prepared } from './prepare';
import type { NfpCache } from './nfp-cache';

export interface Genome {
  /** Instance indices (into Prepared.instances) in placement order. */
  order: number[];
  /** Variant id per instance, or -1 to try every allowed orientation and keep the best. */
  orient: number[];
}

export interface PlacedItem {
  inst: number;
  variant: number;
  slot: number;
  /** Reference position in integer units. */
  x: number;
  y: number;
}

export interface Layout {
  /** Per order position: where that instance went, or null when it did not fit / was not reached. */
  items: (PlacedItem | null)[];
  /** Instances that fit nowhere ('no-room') and those the time budget cut off ('time-budget'). */
  noRoom: number[];
  cutOff: number[];
  /** Material consumed / part area (≈ 1 / utilisation); unplaced parts are charged 3× their area. */
  cost: number;
  /** Used length of each slot (input units, from x = 0 to the rightmost part edge). */
  lengths: number[];
  evaluated: number;
}

export interface DecodeOptions {
  /** Reuse the first `from` items of this layout (its genome shares that prefix). */
  reuse?: { layout: Layout; from: number };
  /** Give up (return null) as soon as the partial cost exceeds this. */
  costLimit?: number;
  /** Epoch ms; past it the search decode returns null, the first decode reports the rest as cut off. */
  deadline?: number;
  completeOnDeadline?: boolean;
  /** Strip mode: the strip is cut to this length (input units); parts that no longer fit are 'no-room'. */
  lengthLimit?: number;
  now: () => number;
}

interface SlotState {
  items: PlacedItem[];
  length: number;
  scan: Map<number, number>;
}

const UNPLACED_WEIGHT = 3;

/**
 * Placement rule: the feasible vertex of the leftmost window with room minimising weights.x · x + weights.y · y wins
 * (ties: lower y). { x: 1, y: 0 } is classic bottom-left. Neither rule wins on every instance, so parallel workers
 * use different ones.
 */
export interface PlacementWeights {
  x: number;
  y: number;
}

const BOTTOM_LEFT: PlacementWeights = { x: 1, y: 0 };

export class Packer {
  constructor(
    readonly prep: Prepared,
    readonly cache: NfpCache,
    readonly weights: PlacementWeights = BOTTOM_LEFT,
  ) {}

  decode(g: Genome, opts: DecodeOptions): Layout | null {
    const { prep } = this;
    const states = new Map<number, SlotState>();
    const items: (PlacedItem | null)[] = new Array(g.order.length).fill(null);
    const noRoom: number[] = [];
    const cutOff: number[] = [];
    let start = 0;
    if (opts.reuse) {
      start = opts.reuse.from;
      for (let k = 0; k < start; k++) {
        const it = opts.reuse.layout.items[k];
        items[k] = it;
        if (it) this.addToState(states, it);
        else noRoom.push(g.order[k]);
      }
    }
    let evaluated = 0;
    for (let k = start; k < g.order.length; k++) {
      if (opts.deadline !== undefined && opts.now() > opts.deadline) {
        if (!opts.completeOnDeadline) return null;
        for (let r = k; r < g.order.length; r++) cutOff.push(g.order[r]);
        break;
      }
      const inst = g.order[k];
      const it = this.placeInstance(states, inst, g.orient[inst], opts.lengthLimit);
      evaluated++;
      items[k] = it;
      if (it) this.addToState(states, it);
      else noRoom.push(inst);
      if (opts.costLimit !== undefined && this.cost(states, noRoom, cutOff) > opts.costLimit) return null;
    }
    return { items, noRoom, cutOff, cost: this.cost(states, noRoom, cutOff), lengths: this.lengths(states), evaluated };
  }

  private addToState(states: Map<number, SlotState>, it: PlacedItem): void {
    let s = states.get(it.slot);
    if (!s) {
      s = { items: [], length: 0, scan: new Map() };
      states.set(it.slot, s);
    }
    s.items.push(it);
    s.length = Math.max(s.length, it.x / this.prep.scale + this.prep.variants[it.variant].body.maxX);
  }

  private placeInstance(states: Map<number, SlotState>, inst: number, orient: number, lengthLimit?: number): PlacedItem | null {
    const { prep } = this;
    const candidates = orient >= 0 ? [orient] : prep.variantsOf[prep.instances[inst].part];
    for (const slot of prep.slots) {
      let state = states.get(slot.index);
      if (!state) {
        state = { items: [], length: 0, scan: new Map() };
        states.set(slot.index, state);
      }
      let best: PlacedItem | null = null;
      let bestKey = [Infinity, Infinity];
      for (const vid of candidates) {
        const pos = this.findPosition(state, slot.index, vid, lengthLimit);
        if (!pos) continue;
        const v = prep.variants[vid];
        const key = [pos.x / prep.scale + v.body.maxX, pos.y / prep.scale + v.body.maxY];
        if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
          bestKey = key;
          best = { inst, variant: vid, slot: slot.index, x: pos.x, y: pos.y };
        }
      }
      if (best) return best;
    }
    return null;
  }

  /** Lowest-x (then lowest-y) feasible reference point of variant `vid` on a slot, or null when it is full. */
  private findPosition(state: SlotState, slotIndex: number, vid: number, lengthLimit?: number): { x: number; y: number } | null {
    const { prep, cache } = this;
    const v = prep.variants[vid];
    const slot = prep.slots[slotIndex];
    const ifp = innerFit(v, slot, prep.scale, lengthLimit);
    if (!ifp) return null;
    const width = Math.max(3 * (v.box.maxX - v.box.minX), Math.round((slot.height * prep.scale) / 2), 1);
    const obstacle = cache.obstacle(slotIndex, vid);
    for (let x0 = state.scan.get(vid) ?? ifp.minX; x0 <= ifp.maxX; x0 += width) {
      const win: IntBox = { minX: x0, maxX: Math.min(x0 + width, ifp.maxX), minY: ifp.minY, maxY: ifp.maxY };
      const clips: Paths64 = [];
      if (obstacle && boxesOverlap(obstacle.box, win)) clips.push(...obstacle.paths);
      for (const it of state.items) {
        // The NFP's box is known without computing it: fixed box minus moving box.
        const a = prep.variants[it.variant].box;
        const nfpBox = { minX: a.minX - v.box.maxX, minY: a.minY - v.box.maxY, maxX: a.maxX - v.box.minX, maxY: a.maxY - v.box.minY };
        if (!boxesOverlap(nfpBox, win, it.x, it.y)) continue;
        const nfp = cache.get(it.variant, vid);
        const ox = it.x + nfp.dx;
        const oy = it.y + nfp.dy;
        if (!boxesOverlap(nfp.box, win, ox, oy)) continue;
        for (const path of nfp.paths) clips.push(path.map((p) => ({ x: p.x + ox, y: p.y + oy })));
      }
      if (clips.length === 0) return { x: win.minX, y: win.minY };
      const pos = lowestVertex(Clipper.difference([rectPath(win)], clips, FillRule.NonZero), this.weights);
      if (pos) return pos;
      state.scan.set(vid, x0 + width);
    }
    return null;
  }

  private cost(states: Map<number, SlotState>, noRoom: number[], cutOff: number[]): number {
    const { prep } = this;
    let used = 0;
    let last = -1;
    for (const [i, s] of states) if (s.items.length && i > last) last = i;
    for (const [i, s] of states) {
      if (!s.items.length) continue;
      const slot = prep.slots[i];
      used += i === last ? slot.height * s.length : slot.width * slot.height;
    }
    let missing = 0;
    for (const inst of noRoom) missing += prep.instances[inst].area;
    for (const inst of cutOff) missing += prep.instances[inst].area;
    return (used + UNPLACED_WEIGHT * missing) / Math.max(prep.totalArea, 1e-300);
  }

  private lengths(states: Map<number, SlotState>): number[] {
    const out = new Array<number>(this.prep.slots.length).fill(0);
    for (const [i, s] of states) out[i] = s.length;
    return out;
  }
}

function lowestVertex(region: Paths64, weights: PlacementWeights): { x: number; y: number } | null {
  let best: { x: number; y: number } | null = null;
  let bestKey = Infinity;
  for (const path of region) {
    for (const p of path) {
      const key = weights.x * p.x + weights.y * p.y;
      if (!best || key < bestKey || (key === bestKey && p.y < best.y)) {
        best = p;
        bestKey = key;
      }
    }
  }
  return best ? { x: best.x, y: best.y } : null;
}
