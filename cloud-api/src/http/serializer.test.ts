import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerCompiler } from './serializer';

const compile = (schema: unknown) => fastSerializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (d: unknown) => string;

describe('zod → fast-json-stringify serializer', () => {
  it('writes declared properties only, with nulls, records, unions and unknowns intact', () => {
    const s = compile(z.object({
      id: z.string(), n: z.number().int().nullable(), attrs: z.record(z.union([z.string(), z.number(), z.boolean()])),
      list: z.array(z.object({ a: z.string() })), any: z.unknown(), lit: z.literal(true),
    }));
    const out = JSON.parse(s({ id: 'x', n: null, attrs: { c: 'clear', t: 3, ok: false }, list: [{ a: 'y', secret: 1 }], any: { deep: [1] }, lit: true, password_hash: 'leak' }));
    expect(out).toEqual({ id: 'x', n: null, attrs: { c: 'clear', t: 3, ok: false }, list: [{ a: 'y' }], any: { deep: [1] }, lit: true });
  });
});
