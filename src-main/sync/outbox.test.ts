import { afterEach, describe, expect, it } from 'vitest';
import { pushRequestSchema, type MutationEnvelope } from '../../src-shared/sync/protocol';
import { openDatabase, type Db } from '../store/database';
import { pushBody } from './cloud-client';
import { Outbox } from './outbox';

const dbs: Db[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

function outbox(): Outbox {
  const db = openDatabase(':memory:');
  dbs.push(db);
  return new Outbox(db, () => new Date('2026-11-26T04:00:00.000Z'));
}

describe('outbox batches as JSON text', () => {
  it('holds exactly the envelopes of pending(), with their first and last ids', () => {
    const o = outbox();
    const id = '0190d6e4-0000-7000-8000-000000000001';
    const argsList = [
      { id, hlc: '0001234567890:00000:dev', fields: { title: 'Papan nama “Toko Ñ” 🙂', quantity: 3, totalIdr: 1e12, notes: 'line\nbreak "quoted" \\ back' } },
      { id, hlc: '0001234567891:00000:dev', fields: { lines: [{ description: 'Akrilik 3 mm', quantity: 2, unitPriceIdr: 150_000 }], customerId: null, manualReview: false } },
      { designId: id, revisionId: id, name: 'Sign', body: { paths: [[0, 0.5, -1e-7]], units: 'mm', nested: { deep: [true, null] } } },
    ];
    for (const [i, args] of argsList.entries()) o.add(i === 2 ? 'design.addRevision' : 'quote.upsert', args, i === 2 ? 'design_revision' : 'quote', id, i === 0);
    const batch = o.pendingBatch(10)!;
    const byId = (ms: MutationEnvelope[]) => [...ms].sort((x, y) => x.mutationId - y.mutationId);
    expect(byId(JSON.parse(batch.mutations))).toEqual(o.pending(10));
    expect(o.pending(10).map((m) => m.creates)).toEqual([true, undefined, undefined]);
    expect(batch).toMatchObject({ count: 3, first: 1, last: 3 });
    expect(o.pendingBatch(1, 1)).toMatchObject({ count: 1, first: 2, last: 2 });
    expect(o.pendingBatch(10, 3)).toBeNull();
    // The request body a push sends is a valid push request.
    const req = pushRequestSchema.parse(JSON.parse(pushBody({ ...batch, deviceId: id, after: 0 })));
    expect({ ...req, mutations: byId(req.mutations) }).toMatchObject({ deviceId: id, after: 0, mutations: o.pending(10) });
  });
});
