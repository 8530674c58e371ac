import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, initialHlc, receiveHlc, tickHlc } from './hlc';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 10, 25, 12);

describe('hybrid logical clock', () => {
  it('encodes to a fixed-width string whose order is clock order', () => {
    const a = encodeHlc({ wall: T0, counter: 1, node: 'a' });
    const b = encodeHlc({ wall: T0, counter: 10, node: 'a' });
    const c = encodeHlc({ wall: T0 + 1, counter: 0, node: 'a' });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
    expect(decodeHlc(b)).toEqual({ wall: T0, counter: 10, node: 'a' });
    expect(() => decodeHlc('nope')).toThrow(/not a hybrid logical clock/);
  });

  it("keeps a device's own edits in order when its wall clock jumps back a day", () => {
    let h = tickHlc(initialHlc('dev'), T0);
    const first = encodeHlc(h);
    h = tickHlc(h, T0 - DAY);
    const second = encodeHlc(h);
    expect(compareHlc(first, second)).toBe(-1);
  });

  it('moves past a remote clock a day ahead, so a later local edit wins', () => {
    const remote = tickHlc(initialHlc('fast'), T0 + DAY);
    const local = receiveHlc(tickHlc(initialHlc('slow'), T0), remote, T0);
    const edit = tickHlc(local, T0 + 5);
    expect(compareHlc(encodeHlc(remote), encodeHlc(edit))).toBe(-1);
  });

  it('is monotonic for any sequence of local and remote events (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ now: fc.integer({ min: T0 - DAY, max: T0 + DAY }), remote: fc.option(fc.integer({ min: T0 - DAY, max: T0 + DAY })) }), { maxLength: 50 }),
        (events) => {
          let h = initialHlc('n');
          let prev = encodeHlc(h);
          for (const e of events) {
            h = e.remote === null ? tickHlc(h, e.now) : receiveHlc(h, { wall: e.remote, counter: 3, node: 'r' }, e.now);
            const cur = encodeHlc(h);
            expect(compareHlc(prev, cur)).toBe(-1);
            if (e.remote !== null) expect(h.wall).toBeGreaterThanOrEqual(e.remote);
            prev = cur;
          }
        },
      ),
    );
  });
});
