// Convergence property test (fast-check): three devices with clocks skewed by -1 day, 0 and +1 day make random
// offline edits to quotes, customers and orders while the network loses requests and replies, duplicates and
// delays (reorders) pushes, and the cloud API restarts. After healing and syncing, every device and the server
// hold the same data; every order created is on the server exactly once (or its rejection is reported); every
// mutation the server rejected is reported on the device that made it; quote fields equal the last-writer-wins
// fold of every edit by hybrid logical clock.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mergeLww, stamp, emptyRecord, type LwwRecord } from '../../../src-shared/sync/lww';
import type { MutationArgs } from '../../../src-shared/sync/mutations';
import { seedOrg } from '../../../cloud-api/test/helpers';
import { startCloud, type CloudFixture } from './cloud-fixture';
import { makeDevice, NO_FAULTS, syncOnce, type Device } from './device-fixture';

const DAY = 24 * 3600 * 1000;
let cloud: CloudFixture;
beforeAll(async () => {
  cloud = await startCloud({ listen: true });
});
afterAll(() => cloud?.close());


type Op =
  | { kind: 'quote'; device: number; quote: number; fields: { title?: string; quantity?: number; notes?: string } }
  | { kind: 'customer'; device: number; customer: number; name: string }
  | { kind: 'order'; device: number; qty: number }
  | { kind: 'transition'; device: number; order: number; to: 'confirmed' | 'cancelled' | 'shipped' | 'draft' }
  | { kind: 'sync'; device: number }
  | { kind: 'stale'; device: number }
  | { kind: 'restart' };

const device = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('quote' as const), device, quote: fc.integer({ min: 0, max: 3 }), fields: fc.record({ title: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0), quantity: fc.integer({ min: 1, max: 50 }), notes: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }).filter((f) => Object.keys(f).length > 0) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('customer' as const), device, customer: fc.integer({ min: 0, max: 2 }), name: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('order' as const), device, qty: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transition' as const), device, order: fc.nat(20), to: fc.constantFrom('confirmed' as const, 'cancelled' as const, 'shipped' as const, 'draft' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale' as const), device }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const rows = <T>(d: Device, sql: string) => d.db.prepare(sql).all() as T[];

it('three skewed devices with a faulty network and server restarts converge (property)', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 45 }), fc.integer({ min: 1, max: 2 ** 30 }), async (ops, seed) => {
      run++;
      let s = seed;
      const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const quoteIds = Array.from({ length: 4 }, () => randomUUID());
      const customerIds = Array.from({ length: 3 }, () => randomUUID());
      const skews = [-DAY, 0, DAY];
      // Each run is a new organisation with three signed-in staff users on three new devices.
      const org = await seedOrg(cloud.db);
      const devices: Device[] = [];
      for (const [i, role] of (['company_admin', 'company_admin', 'designer'] as const).entries()) {
        const u = await cloud.user(role, org);
        devices.push(await makeDevice(`d${i}r${run}`, cloud.url, u.tokens.refreshToken, { skewMs: skews[i], random }));
      }
      for (const d of devices) d.transport.faults = { lostBefore: 0.15, lostAfter: 0.15, duplicate: 0.15, delay: 0.15 };
      const edits: MutationArgs<'quote.upsert'>[] = [];
      const orderIds: string[] = [];

      for (const op of ops) {
        if (op.kind === 'restart') {
          await cloud.restart();
          continue;
        }
        const d = devices[op.device];
        if (op.kind === 'quote') {
          d.store.upsertQuote(quoteIds[op.quote], op.fields);
          const last = d.store.outbox.pending(1_000_000).filter((m) => m.type === 'quote.upsert').pop()!;
          edits.push(last.args as MutationArgs<'quote.upsert'>);
        } else if (op.kind === 'customer') d.store.upsertCustomer(customerIds[op.customer], { name: op.name });
        else if (op.kind === 'order') {
          orderIds.push(d.store.createOrder({ customer: { name: `C${op.qty}` }, lines: [{ description: 'Acrylic 3 mm', quantity: op.qty, unitPriceIdr: 125_000 }], customerId: null, quoteId: null, shippingAddress: null, dueAt: null }));
        } else if (op.kind === 'transition') {
          if (orderIds.length) d.store.transitionOrder({ orderId: orderIds[op.order % orderIds.length], to: op.to });
        } else if (op.kind === 'sync') await syncOnce(d);
        else await d.transport.replayStale();
      }

      // Heal: no more faults, stale packets delivered, everyone syncs until quiet.
      for (const d of devices) {
        while (d.transport.stale.length) await d.transport.replayStale();
        d.transport.faults = NO_FAULTS;
      }
      for (let round = 0; round < 2; round++) for (const d of devices) expect(await syncOnce(d)).toBe(true);

      const serverQuotes = await cloud.db.query<{ id: string; doc: Record<string, unknown> }>("SELECT id, doc FROM sync_records WHERE org_id = $1 AND kind = 'quote' ORDER BY id", [org]);
      const serverOrders = await cloud.db.query<{ id: string; state: string; total_idr: number }>('SELECT id, state, total_idr FROM orders WHERE org_id = $1 ORDER BY id', [org]);
      const serverCustomers = await cloud.db.query<{ id: string; doc: { name: string } }>("SELECT id, doc FROM sync_records WHERE org_id = $1 AND kind = 'customer' ORDER BY id", [org]);

      // Quotes: the LWW fold of every edit, on the server and on every device.
      const expected = new Map<string, LwwRecord>();
      for (const e of edits) expected.set(e.id, mergeLww(expected.get(e.id) ?? emptyRecord(), stamp(e.fields, e.hlc)).record);
      expect(serverQuotes.map((q) => [q.id, q.doc])).toEqual([...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, r]) => [id, r.fields]));

      for (const d of devices) {
        expect(d.store.outbox.count()).toBe(0);
        const quotes = rows<{ quote_id: string; fields: string }>(d, 'SELECT quote_id, fields FROM quote_replicas ORDER BY quote_id');
        expect(quotes.map((q) => [q.quote_id, JSON.parse(q.fields)])).toEqual(serverQuotes.map((q) => [q.id, q.doc]));
        const orders = rows<{ id: string; state: string; pending_state: string | null; total_idr: number; synced: number }>(d, 'SELECT id, state, pending_state, total_idr, synced FROM orders ORDER BY id');
        expect(orders.map((o) => ({ id: o.id, state: o.state, total_idr: o.total_idr }))).toEqual(serverOrders.map((o) => ({ id: o.id, state: o.state, total_idr: Number(o.total_idr) })));
        expect(orders.every((o) => o.synced === 1 && o.pending_state === null)).toBe(true);
        const customers = rows<{ id: string; name: string }>(d, 'SELECT id, name FROM customers ORDER BY id');
        expect(customers).toEqual(serverCustomers.map((c) => ({ id: c.id, name: c.doc.name })));

        // Every rejection the server recorded for this device is reported on it.
        const deviceId = d.store.state.deviceId();
        const rejected = await cloud.db.query<{ mutation_id: number }>("SELECT mutation_id FROM sync_mutations WHERE device_id = $1 AND status = 'rejected' ORDER BY mutation_id", [deviceId]);
        expect(d.store.rejections(true).map((r) => r.mutation_id).sort((a, b) => a - b)).toEqual(rejected.map((r) => Number(r.mutation_id)));
      }
      // No order lost: every created order is on the server (none is rejected here: all devices may create).
      expect(serverOrders.map((o) => o.id).sort()).toEqual([...orderIds].sort());
      for (const d of devices) d.db.close();
    }),
    { numRuns: 6, interruptAfterTimeLimit: 60_000, endOnFailure: true },
  );
});
