// Keeps design analyses between quotes: a re-quote after a material, machine, quantity or option change reuses
// the contours, parts, cutting order and counts (and, through the time model's memo, planner runs with the same
// feeds). Keyed by a caller's design key (design id + revision, or a file's content hash) or, without one, by
// the identity of the paths array. Least-recently-used entries go first.
import { analyzeDesign, type DesignAnalysis, type DesignInput } from './analyze';

export class AnalysisCache {
  private readonly byKey = new Map<string, DesignAnalysis>();
  private readonly byPaths = new WeakMap<object, DesignAnalysis>();

  constructor(private readonly maxEntries = 16) {}

  /** The analysis of a design; `design` may be a loader, called only on a miss (e.g. reading it from the store). */
  get(design: DesignInput | (() => DesignInput), key?: string): DesignAnalysis {
    if (key === undefined) {
      const d = typeof design === 'function' ? design() : design;
      let a = this.byPaths.get(d.paths);
      if (!a) this.byPaths.set(d.paths, (a = analyzeDesign(d)));
      return a;
    }
    const hit = this.byKey.get(key);
    if (hit) {
      this.byKey.delete(key);
      this.byKey.set(key, hit);
      return hit;
    }
    const a = analyzeDesign(typeof design === 'function' ? design() : design);
    this.byKey.set(key, a);
    if (this.byKey.size > this.maxEntries) this.byKey.delete(this.byKey.keys().next().value as string);
    return a;
  }

  get size(): number {
    return this.byKey.size;
  }
}
