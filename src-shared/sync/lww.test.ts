import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from './hlc';
import { emptyRecord, mergeLww, stamp, type LwwRecord } from './lww';

const clock = (wall: number, node: string) => encodeHlc({ wall, counter: 0, node });

describe('per-field last-writer-wins', () => {
  it('keeps the newer value of each field independently', () => {
    const a = stamp({ title: 'A', quantity: 1 }, clock(10, 'a'));
    const b = stamp({ title: 'B' }, clock(20, 'b'));
    const c = stamp({ quantity: 5 }, clock(5, 'c'));
    const merged = [a, b, c].reduce((acc, r) => mergeLww(acc, r).record, emptyRecord());
    expect(merged.fields).toEqual({ title: 'B', quantity: 1 });
  });

  it('reports changed fields and ignores stale writes', () => {
    const base = stamp({ title: 'A' }, clock(10, 'a'));
    expect(mergeLww(base, stamp({ title: 'old' }, clock(9, 'z'))).changed).toEqual([]);
    expect(mergeLww(base, stamp({ title: 'new' }, clock(11, 'z'))).changed).toEqual(['title']);
  });

  it('converges whatever the order and duplication of deliveries (property)', () => {
    const write = fc.record({
      wall: fc.integer({ min: 0, max: 50 }),
      node: fc.constantFrom('a', 'b', 'c'),
      fields: fc.dictionary(fc.constantFrom('title', 'quantity', 'notes'), fc.oneof(fc.string(), fc.integer()), { minKeys: 1 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(write, { selector: (w) => `${w.wall}:${w.node}`, maxLength: 20 }), fc.integer(), (writes, seed) => {
        const records: LwwRecord[] = writes.map((w) => stamp(w.fields, clock(w.wall, w.node)));
        const doubled = [...records, ...records.slice(0, Math.abs(seed) % (records.length + 1))];
        const shuffled = doubled.map((r, i) => ({ r, k: ((i + 1) * 2654435761 + seed) % 1009 })).sort((p, q) => p.k - q.k).map((e) => e.r);
        const x = records.reduce((acc, r) => mergeLww(acc, r).record, emptyRecord());
        const y = shuffled.reduce((acc, r) => mergeLww(acc, r).record, emptyRecord());
        expect(y).toEqual(x);
      }),
    );
  });
});
