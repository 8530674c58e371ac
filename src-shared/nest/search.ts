// The nester's entry point: prepare the job, build a quick first layout (largest parts first, first orientation),
// then a greedy one trying every allowed orientation, then improve the better one by simulated annealing over the
// placement order and the orientation of each part (strip mode: against a shrinking strip length) until the time
// budget, the evaluation budget or a stop request ends the search. Only the tail of
// the order after the first changed position is re-placed (the prefix layout is reused), and a candidate is
// abandoned as soon as its partial material cost exceeds what the annealing would still accept.
//
// Same seed + same evaluation count → same result. With only a time budget the number of evaluations depends on
// the machine, so set `maxEvaluations` where a run must be reproducible.
import type { NestJob, NestProgress, NestResult } from './types';
import { prepare, type Prepared } from './prepare';
import { NfpCache } from './nfp-cache';
import { Packer, type Genome, type Layout, type PlacementWeights } from './pack';
import { buildResult } from './result';
import { mulberry32, randInt, type Rng } from './prng';

export interface NestHooks {
  now?: () => number;
  /** Called on every improvement (`improved`) and at least every `progressEveryMs` (default 500) while searching. */
  onProgress?: (progress: NestProgress, best: () => NestResult, improved: boolean) => void;
  progressEveryMs?: number;
  /** Polled between evaluations; true ends the search and returns the best layout so far. */
  shouldStop?: () => boolean;
  /** Which starting order and placement rule to use (parallel workers start from different ones). */
  start?: number;
}

export const DEFAULT_SECONDS = 10;
/**
 * The first complete layout may take up to this long even with a smaller budget (a 1 s budget on a slow machine
 * should still place the parts); past it the parts not yet placed are reported as cut off by the time budget.
 */
const FIRST_LAYOUT_GRACE_MS = 10_000;
/**
 * Accepted worsening at the start, relative to the cost, falling linearly to 0. Low: a 60 s run on a shared 2-core
 * machine gets only a few thousand evaluations, and at fixed evaluation counts 0.005 beat 0.03 on shapes0, blaz1
 * and dagli (0.1 was worse still).
 */
const START_TEMPERATURE = 0.005;
const INITIAL_SHRINK = 0.02;
const MIN_SHRINK = 0.002;
/**
 * Evaluations without a shorter complete strip before the shrink step is halved. 200 rather than 400: the search
 * gets to the fine steps sooner (shapes0, 60 s, load 2.1–2.7: 62.0, 62.0, 63.0 where 400 ended at 64.0 twice).
 */
const STAGNATION = 200;

export function nest(job: NestJob, hooks: NestHooks = {}): NestResult {
  const now = hooks.now ?? Date.now;
  const t0 = now();
  const seed = (job.seed ?? 1) >>> 0;
  const rng = mulberry32(seed);
  const prep = prepare(job);
  const packer = new Packer(prep, new NfpCache(prep), placementOf(hooks.start ?? 0));
  const budgetMs = (job.seconds ?? DEFAULT_SECONDS) * 1000;
  const deadline = t0 + budgetMs;
  const maxEvals = job.maxEvaluations ?? Infinity;

  // A quick first layout in each part's first orientation (few NFPs to compute), then the greedy one that tries
  // every orientation; the search starts from the better of the two.
  const order = startOrder(prep, hooks.start ?? 0);
  const quick: Genome = { order, orient: prep.instances.map((i) => prep.variantsOf[i.part][0]) };
  const firstDeadline = t0 + Math.max(budgetMs, FIRST_LAYOUT_GRACE_MS);
  let cur = { g: quick, layout: packer.decode(quick, { deadline: firstDeadline, completeOnDeadline: true, now })! };
  let best = cur;
  let evaluations = 1;
  const result = () => buildResult(prep, best.layout, { evaluations, seconds: (now() - t0) / 1000, seed });
  let lastReport = now();
  const report = (improved: boolean) => {
    lastReport = now();
    hooks.onProgress?.(progressOf(prep, best.layout, evaluations, (lastReport - t0) / 1000), result, improved);
  };
  report(true);
  if (cur.layout.cutOff.length === 0 && prep.variants.length > prep.parts.length) {
    const greedy: Genome = { order, orient: prep.instances.map(() => -1) };
    const layout = packer.decode(greedy, { deadline, now });
    evaluations++;
    if (layout) {
      fixOrientations(greedy, layout);
      if (layout.cost < cur.layout.cost) {
        best = cur = { g: greedy, layout };
        report(true);
      }
    }
  }

  const searchable = cur.layout.cutOff.length === 0 && prep.instances.length > 1;
  // Strip mode shrinks the strip (as sparrow does): cut it to (1 − shrink) × the best length and search for an
  // order that fits everything into it; the annealing then minimises the area left out, a graded objective,
  // instead of wandering on the plateaus of the length. Success → shrink again; stagnation → smaller steps.
  let shrink = INITIAL_SHRINK;
  let lengthLimit: number | undefined;
  let sinceSuccess = 0;
  const retarget = () => {
    lengthLimit = best.layout.lengths[0] * (1 - shrink);
    const again = packer.decode(cur.g, { lengthLimit, deadline, now });
    evaluations++;
    if (again) cur = { g: cur.g, layout: again };
    sinceSuccess = 0;
  };
  if (prep.strip && searchable) retarget();
  while (searchable && evaluations < maxEvals && now() < deadline && !hooks.shouldStop?.()) {
    const fraction = Number.isFinite(maxEvals) ? evaluations / maxEvals : (now() - t0) / budgetMs;
    const temperature = START_TEMPERATURE * Math.max(0, 1 - fraction);
    const cand = mutate(cur.g, prep, rng);
    const limit = cur.layout.cost * (1 + temperature * -Math.log(1 - rng()));
    const layout = packer.decode(cand.g, { reuse: { layout: cur.layout, from: cand.from }, costLimit: limit, deadline, now, lengthLimit });
    evaluations++;
    sinceSuccess++;
    if (layout) {
      cur = { g: cand.g, layout };
      const complete = layout.noRoom.length === 0 && layout.cutOff.length === 0;
      if ((complete || !prep.strip) && layout.cost < best.layout.cost - 1e-12) {
        best = cur;
        report(true);
        if (prep.strip) retarget();
        continue;
      }
    }
    if (prep.strip && sinceSuccess > STAGNATION) {
      shrink = Math.max(MIN_SHRINK, shrink / 2);
      retarget();
    }
    if (now() - lastReport >= (hooks.progressEveryMs ?? 500)) report(false);
  }
  return result();
}

/**
 * Even starts (and single-threaded runs) place at the lowest x + 0.25·y; odd ones bottom-first: the lowest y (then
 * x) in the leftmost window with room. Bottom-first fills the strip's length limit row by row: worse first layouts
 * (the strip is not yet limited), but shapes0 reached 63.0–63.5 with it at 15000 evaluations where bottom-left
 * stayed at 64.0.
 */
function placementOf(start: number): PlacementWeights {
  return start % 2 === 0 ? { x: 1, y: 0.25 } : { x: 0.001, y: 1 };
}

/** Largest area first (start 0), longest side first (1), tallest first (2); ties by part then copy. */
function startOrder(prep: Prepared, start: number): number[] {
  const key = (i: number): number => {
    const inst = prep.instances[i];
    const v = prep.variants[prep.variantsOf[inst.part][0]];
    const w = v.body.maxX - v.body.minX;
    const h = v.body.maxY - v.body.minY;
    return start % 3 === 0 ? inst.area : start % 3 === 1 ? Math.max(w, h) : h;
  };
  return prep.instances.map((_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
}

/** After a greedy decode, pin each placed instance to the orientation the greedy chose. */
function fixOrientations(g: Genome, layout: Layout): void {
  for (const it of layout.items) if (it) g.orient[it.inst] = it.variant;
}

/** One or two random moves: swap, move (near or far), or re-orient an instance; `from` = first changed position. */
function mutate(g: Genome, prep: Prepared, rng: Rng): { g: Genome; from: number } {
  const order = g.order.slice();
  const orient = g.orient.slice();
  const n = order.length;
  let from = n;
  const moves = rng() < 0.75 ? 1 : 2;
  for (let m = 0; m < moves; m++) {
    const r = rng();
    const i = randInt(rng, n);
    if (r < 0.3) {
      const vs = prep.variantsOf[prep.instances[order[i]].part];
      if (vs.length > 1) {
        // Another orientation than the current one (re-drawing the same one would waste an evaluation).
        const k = vs.indexOf(orient[order[i]]);
        orient[order[i]] = vs[k < 0 ? randInt(rng, vs.length) : (k + 1 + randInt(rng, vs.length - 1)) % vs.length];
        from = Math.min(from, i);
        continue;
      }
    }
    const j = partner(prep, order, i, rng);
    if (j < 0) continue;
    if (r < 0.7) {
      [order[i], order[j]] = [order[j], order[i]];
    } else {
      const [x] = order.splice(i, 1);
      order.splice(j, 0, x);
    }
    from = Math.min(from, i, j);
  }
  return { g: { order, orient }, from: Math.min(from, n) };
}

/**
 * Position to swap with or move to from i: near (within 5) or anywhere, holding a copy of a different part when
 * one is found in a few tries (exchanging two copies of the same part changes nothing); −1 when none is.
 */
function partner(prep: Prepared, order: number[], i: number, rng: Rng): number {
  const n = order.length;
  const part = prep.instances[order[i]].part;
  for (let t = 0; t < 8; t++) {
    const near = rng() < 0.5;
    let j = near ? Math.min(n - 1, Math.max(0, i + 1 + randInt(rng, 4) - (rng() < 0.5 ? 5 : 0))) : randInt(rng, n);
    if (j === i) j = (i + 1) % n;
    if (prep.instances[order[j]].part !== part) return j;
  }
  return -1;
}

function progressOf(prep: Prepared, layout: Layout, evaluations: number, seconds: number): NestProgress {
  const placed = layout.items.filter(Boolean).length;
  return {
    evaluations,
    seconds,
    bestUtilisation: placedUtilisation(prep, layout),
    ...(prep.strip ? { bestLength: layout.lengths[0] } : {}),
    placed,
    total: prep.instances.length + prep.rejected.length,
  };
}

/** Same definition as NestResult.utilisation: placed area / area of the used sheets (strip: height × length). */
function placedUtilisation(prep: Prepared, layout: Layout): number {
  let area = 0;
  let used = 0;
  const slots = new Set<number>();
  for (const it of layout.items) {
    if (!it) continue;
    area += prep.instances[it.inst].area;
    slots.add(it.slot);
  }
  for (const s of slots) used += prep.slots[s].height * (prep.strip ? layout.lengths[s] : prep.slots[s].width);
  return used > 0 ? area / used : 0;
}
