import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from './hlc';
import { mutationArgSchemas } from './mutations';
import { parseMutation } from './validate';

const NOW = Date.UTC(2026, 10, 25, 12);
const envelope = (type: string, args: unknown) => ({ mutationId: 1, idempotencyKey: 'key-00000001', type, args, clientTime: '' });

describe('parseMutation', () => {
  it('accepts and refuses quote and customer upserts exactly like the full schema, with the same values (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('  Sign  ', '', 'abc', 'IDR', 'not-an-email', 'a@b.co'), fc.integer({ min: -5, max: 200_000 }),
      fc.double({ noNaN: true, min: -1, max: 200 }), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
    const key = fc.constantFrom('title', 'quantity', 'notes', 'totalIdr', 'status', 'deleted', 'name', 'email', 'currency', 'thicknessMm', 'bogus');
    const args = fc.record({
      id: fc.constantFrom('0190d6e4-0000-7000-8000-0000000000aa', 'nope'),
      hlc: fc.constantFrom(encodeHlc({ wall: NOW, counter: 1, node: 'dev' }), 'bad'),
      fields: fc.dictionary(key, value, { maxKeys: 4 }),
      extra: fc.option(fc.constant(1), { nil: undefined }),
    }, { requiredKeys: ['id', 'hlc', 'fields'] });
    fc.assert(fc.property(fc.constantFrom('quote.upsert' as const, 'customer.upsert' as const), args, (type, a) => {
      const full = mutationArgSchemas[type].safeParse(a);
      const got = parseMutation(envelope(type, a), NOW);
      expect(got.ok).toBe(full.success);
      if (got.ok && full.success) expect(got.args).toEqual(full.data);
    }), { numRuns: 2000 });
  });

  it('words the error of a refused upsert by field', () => {
    const r = parseMutation(envelope('quote.upsert', { id: '0190d6e4-0000-7000-8000-0000000000aa', hlc: encodeHlc({ wall: NOW, counter: 1, node: 'dev' }), fields: { quantity: 0 } }), NOW);
    expect(r).toMatchObject({ ok: false, reason: { code: 'bad_input', message: { en: expect.stringMatching(/fields\.quantity/) } } });
  });
});
