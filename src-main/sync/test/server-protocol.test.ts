// The push/pull endpoints against a real PostgreSQL with real sign-in: ordering, duplicates, rejections that do
// not block the queue, RBAC per mutation type, organisation scope, size limits, and the version cursor.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src-shared/sync/hlc';
import { MAX_PUSH_MUTATIONS, type MutationEnvelope, type PullResponse, type PushResponse } from '../../../src-shared/sync/protocol';
import { bearer } from '../../../cloud-api/test/helpers';
import { startCloud, type CloudFixture } from './cloud-fixture';
import type { Queryable } from '../../../cloud-api/src/db/db';

let cloud: CloudFixture;
let token: string;
beforeAll(async () => {
  cloud = await startCloud();
  token = (await cloud.user('company_admin')).tokens.accessToken;
});
afterAll(() => cloud?.close());

const hlc = (node = 'dev1', wall = Date.now()) => encodeHlc({ wall, counter: 0, node });
let seq = 0;
const mut = (type: string, args: unknown, mutationId = ++seq): MutationEnvelope => ({ mutationId, idempotencyKey: randomUUID(), type, args, clientTime: new Date().toISOString() });

async function push(deviceId: string, mutations: MutationEnvelope[], t = token) {
  const r = await cloud.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: bearer(t), payload: { deviceId, mutations } });
  return { status: r.statusCode, body: r.json() as PushResponse & { error?: { code: string; message: string } } };
}
async function pull(deviceId: string, cursor = '0', after = 0, t = token) {
  const r = await cloud.app.inject({ method: 'GET', url: `/api/v1/sync/pull?deviceId=${deviceId}&cursor=${cursor}&after=${after}`, headers: bearer(t) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PullResponse;
}

describe('sync push/pull', () => {
  it('applies mutations, acknowledges duplicates and reports rejections without blocking the queue', async () => {
    const device = randomUUID();
    const quoteId = randomUUID();
    const orderId = randomUUID();
    const batch = [
      mut('quote.upsert', { id: quoteId, hlc: hlc(), fields: { title: 'Sign', quantity: 2 } }),
      mut('nope.unknown', {}),
      mut('quote.upsert', { id: quoteId, hlc: 'bad', fields: { title: 'x' } }),
      mut('order.create', { id: orderId, customer: { name: 'Budi' }, lines: [{ description: 'Acrylic 3 mm', quantity: 2, unitPriceIdr: 150_000 }] }),
      mut('order.transition', { orderId, to: 'paid' }),
      mut('order.transition', { orderId, to: 'confirmed' }),
    ];
    const r1 = await push(device, batch);
    expect(r1.status).toBe(200);
    expect(r1.body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied', 'rejected', 'applied']);
    expect(r1.body.results[1].reason?.code).toBe('unknown_type');
    expect(r1.body.results[2].reason?.code).toBe('bad_input');
    expect(r1.body.results[4].reason?.code).toBe('payment_requires_online');
    expect(r1.body.lastMutationId).toBe(batch[5].mutationId);

    const r2 = await push(device, batch.slice(3));
    expect(r2.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(r2.body.results[1].reason?.code).toBe('payment_requires_online');

    const p = await pull(device, '0', batch[0].mutationId - 1);
    expect(p.lastMutationId).toBe(batch[5].mutationId);
    expect(p.rejections.map((r) => r.reason.code)).toEqual(['unknown_type', 'bad_input', 'payment_requires_online']);
    const order = p.rows.find((r) => r.id === orderId)!;
    expect(order.doc).toMatchObject({ state: 'confirmed', subtotalIdr: 300_000, taxIdr: 33_000, totalIdr: 333_000 });
    expect(p.rows.find((r) => r.id === quoteId)!.doc).toEqual({ title: 'Sign', quantity: 2 });
    const again = await pull(device, p.cursor);
    expect(again.rows).toEqual([]);
  });

  it('refuses another organisation’s record, RBAC per type, and an oversized batch', async () => {
    const device = randomUUID();
    const quoteId = randomUUID();
    await push(device, [mut('quote.upsert', { id: quoteId, hlc: hlc(), fields: { title: 'Mine' } })]);
    const otherOrg = await import('../../../cloud-api/test/helpers').then((h) => h.seedOrg(cloud.db));
    const other = await cloud.user('company_admin', otherOrg);
    const r = await push(randomUUID(), [mut('quote.upsert', { id: quoteId, hlc: hlc('x'), fields: { title: 'Stolen' } }, 1)], other.tokens.accessToken);
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
    expect((await push(device, [mut('quote.upsert', { id: randomUUID(), hlc: hlc(), fields: { title: 'x' } }, 1)], other.tokens.accessToken)).status).toBe(403);

    const viewer = await cloud.user('viewer');
    const v = await push(randomUUID(), [mut('quote.upsert', { id: randomUUID(), hlc: hlc(), fields: { title: 'x' } }, 1)], viewer.tokens.accessToken);
    expect(v.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
    const designer = await cloud.user('designer');
    const d = await push(randomUUID(), [
      mut('design.addRevision', { designId: randomUUID(), revisionId: randomUUID(), name: 'Logo', body: { paths: [] } }, 1),
      mut('order.transition', { orderId: randomUUID(), to: 'confirmed' }, 2),
    ], designer.tokens.accessToken);
    expect(d.body.results.map((x) => x.reason?.code ?? x.status)).toEqual(['applied', 'not_found']);

    const huge = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => mut('quote.upsert', { id: randomUUID(), hlc: hlc(), fields: { title: 't' } }, i + 1));
    const h = await push(randomUUID(), huge);
    expect(h.status).toBe(413); // the device halves its batch
    expect(h.body.error?.code).toBe('TOO_LARGE');
    const customer = await cloud.user('customer');
    expect((await push(randomUUID(), [mut('quote.upsert', {}, 1)], customer.tokens.accessToken)).status).toBe(403);
  });

  it('rejects only the mutation whose value PostgreSQL refuses, and acknowledges repeated idempotency keys', async () => {
    const device = randomUUID();
    const ids: string[] = [randomUUID(), randomUUID(), randomUUID()];
    const batch = [
      mut('quote.upsert', { id: ids[0], hlc: hlc(), fields: { title: 'Before' } }),
      mut('quote.upsert', { id: ids[1], hlc: hlc(), fields: { title: 'NUL \u0000 inside' } }),
      mut('quote.upsert', { id: ids[2], hlc: hlc(), fields: { title: 'After' } }),
    ];
    const again = { ...mut('quote.upsert', { id: ids[0], hlc: hlc(), fields: { title: 'Twice' } }), idempotencyKey: batch[0].idempotencyKey };
    const r = await push(device, [...batch, again]);
    expect(r.body.results.map((x) => x.reason?.code ?? x.status)).toEqual(['applied', 'bad_input', 'applied', 'duplicate']);
    const other = await push(randomUUID(), [{ ...batch[1], mutationId: 1 }]);
    expect(other.body.results[0]).toMatchObject({ status: 'duplicate', reason: { code: 'bad_input' } });
    const p = await pull(device, '0', batch[0].mutationId - 1);
    expect(p.lastMutationId).toBe(again.mutationId);
    expect(p.rejections.map((x) => x.mutationId)).toEqual([batch[1].mutationId]);
    expect(p.rows.filter((x) => ids.includes(x.id)).map((x) => x.doc.title).sort()).toEqual(['After', 'Before']);
  });

  it('applies a pipelined batch only after the batch it names, refusing it with 409 when it overtakes that one', async () => {
    const device = randomUUID();
    const id = randomUUID();
    const first = [mut('quote.upsert', { id, hlc: hlc('p', Date.now()), fields: { title: 'One', quantity: 1 } })];
    const second = [mut('quote.upsert', { id, hlc: hlc('p', Date.now() + 1), fields: { notes: 'two' } })];
    const early = await cloud.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: bearer(token), payload: { deviceId: device, mutations: second, after: first[0].mutationId } });
    expect(early.statusCode).toBe(409);
    expect((await push(device, first)).body.lastMutationId).toBe(first[0].mutationId);
    const inOrder = await cloud.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: bearer(token), payload: { deviceId: device, mutations: second, after: first[0].mutationId } });
    expect((inOrder.json() as PushResponse).results.map((r) => r.status)).toEqual(['applied']);
    const p = await pull(device);
    expect(p.rows.find((r) => r.id === id)!.doc).toEqual({ title: 'One', quantity: 1, notes: 'two' });
  });

  it('merges a batch read before the device lock again when what it read changed before it got the lock', async () => {
    const t0 = Date.now();
    /** Pushes `upsert` as a pipelined batch while another writer, holding the device lock, runs `meanwhile`. */
    const whileLocked = async (device: string, after: number, upsert: MutationEnvelope, meanwhile: (q: Queryable) => Promise<unknown>) => {
      let pending: Promise<{ statusCode: number; json: () => unknown }> | undefined;
      await cloud.db.tx(async (q) => {
        await q.query('SELECT 1 FROM sync_devices WHERE device_id = $1 FOR UPDATE', [device]);
        await meanwhile(q);
        pending = cloud.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: bearer(token), payload: { deviceId: device, mutations: [upsert], after } });
        for (let i = 0; i < 500; i++) {
          const [w] = await cloud.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
          if (w.n > 0) return; // the batch has read and merged, and now waits for the device
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error('the batch never waited for the device lock');
      });
      const r = await pending!;
      expect(r.statusCode).toBe(200);
      expect((r.json() as PushResponse).results.map((x) => x.status)).toEqual(['applied']);
    };
    const device = randomUUID();
    const id = randomUUID();
    const first = mut('quote.upsert', { id, hlc: hlc('o', t0), fields: { title: 'One' } });
    await push(device, [first]);
    const [{ org_id: org }] = await cloud.db.query<{ org_id: string }>('SELECT org_id FROM sync_devices WHERE device_id = $1', [device]);

    // A record the batch read is changed meanwhile: the batch is merged again over the new version.
    const second = mut('quote.upsert', { id, hlc: hlc('o', t0 + 2), fields: { notes: 'two' } });
    await whileLocked(device, first.mutationId, second, (q) => q.query(
      `UPDATE sync_records SET doc = doc || '{"quantity": 5}', clocks = clocks || jsonb_build_object('quantity', $2::text), version = version + 1000
       WHERE kind = 'quote' AND id = $1`, [id, hlc('x', t0 + 1)]));
    // A record the batch found missing is created meanwhile: the batch merges into it instead of inserting it.
    const created = randomUUID();
    const third = mut('quote.upsert', { id: created, hlc: hlc('o', t0 + 2), fields: { title: 'New' } });
    await whileLocked(device, second.mutationId, third, (q) => q.query(
      `INSERT INTO sync_records (kind, id, org_id, doc, clocks, deleted, version)
       VALUES ('quote', $1, $2, '{"quantity": 7}', jsonb_build_object('quantity', $3::text), false, 999999)`, [created, org, hlc('x', t0 + 1)]));

    const rows = new Map((await pull(device)).rows.map((x) => [x.id, x.doc]));
    expect(rows.get(id)).toEqual({ title: 'One', quantity: 5, notes: 'two' });
    expect(rows.get(created)).toEqual({ quantity: 7, title: 'New' });
  });

  it('numbers the revisions of one design in order, also within one batch', async () => {
    const device = randomUUID();
    const designId = randomUUID();
    const rev = () => mut('design.addRevision', { designId, revisionId: randomUUID(), name: 'Logo', body: { paths: [] } });
    const first = rev();
    await push(device, [first]);
    const [second, third] = [rev(), rev()];
    const r = await push(device, [second, third]);
    expect(r.body.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    const p = await pull(device, '0', first.mutationId - 1);
    const revisions = p.rows.filter((x) => x.kind === 'design_revision' && x.doc.designId === designId);
    expect(revisions.map((x) => [x.id, x.doc.revision])).toEqual([first, second, third].map((m, i) => [(m.args as { revisionId: string }).revisionId, i + 1]));
  });

  it('merges quote fields last-writer-wins and keeps deletion final', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const id = randomUUID();
    const t0 = Date.now();
    await push(a, [mut('quote.upsert', { id, hlc: hlc('a', t0 + 10), fields: { title: 'A', quantity: 1 } }, 1)]);
    await push(b, [mut('quote.upsert', { id, hlc: hlc('b', t0), fields: { title: 'B', notes: 'n' } }, 1)]);
    const p = await pull(a);
    expect(p.rows.find((r) => r.id === id)!.doc).toEqual({ title: 'A', quantity: 1, notes: 'n' });
    await push(b, [mut('quote.upsert', { id, hlc: hlc('b', t0 + 20), fields: { deleted: true } }, 2)]);
    const late = await push(a, [mut('quote.upsert', { id, hlc: hlc('a', t0 + 30), fields: { title: 'again' } }, 2)]);
    expect(late.body.results[0].reason?.code).toBe('conflict');
    const p2 = await pull(a, p.cursor);
    expect(p2.tombstones.map((t) => t.id)).toContain(id);
  });

  it('applies a batch delivered twice at once exactly once, and merges two devices creating the same records at once', async () => {
    const device = randomUUID();
    const ids = Array.from({ length: 50 }, () => randomUUID());
    const t0 = Date.now();
    const batch = ids.map((id, i) => mut('quote.upsert', { id, hlc: hlc('c', t0), fields: { title: `Q${i}` } }));
    const [r1, r2] = await Promise.all([push(device, batch), push(device, batch)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect([r1, r2].map((r) => r.body.results.every((x) => x.status === 'applied')).sort()).toEqual([false, true]);
    expect([r1, r2].flatMap((r) => r.body.results.map((x) => x.status)).filter((s) => s === 'duplicate')).toHaveLength(ids.length);

    const fresh = Array.from({ length: 50 }, () => randomUUID());
    const [a, b] = [randomUUID(), randomUUID()];
    const [ra, rb] = await Promise.all([
      push(a, fresh.map((id, i) => mut('quote.upsert', { id, hlc: hlc('a', t0), fields: { title: `A${i}` } }, i + 1))),
      push(b, fresh.map((id) => mut('quote.upsert', { id, hlc: hlc('b', t0), fields: { notes: 'from b' } }, 1 + fresh.indexOf(id)))),
    ]);
    expect([ra, rb].flatMap((r) => r.body.results.map((x) => x.status)).every((s) => s === 'applied')).toBe(true);
    const rows = new Map((await pull(a)).rows.map((r) => [r.id, r.doc]));
    expect(fresh.map((id) => rows.get(id))).toEqual(fresh.map((_, i) => ({ title: `A${i}`, notes: 'from b' })));
  });
  it('takes a record the device says it made for new, and merges it anyway when the hint is wrong', async () => {
    const device = randomUUID();
    const [made, existing] = [randomUUID(), randomUUID()];
    expect((await push(device, [mut('quote.upsert', { id: existing, hlc: hlc('d1', 1000), fields: { title: 'Old', quantity: 1 } })])).status).toBe(200);
    const hinted = (m: MutationEnvelope): MutationEnvelope => ({ ...m, creates: true });
    const r = await push(device, [
      hinted(mut('quote.upsert', { id: made, hlc: hlc('d1', 2000), fields: { title: 'New' } })),
      mut('quote.upsert', { id: made, hlc: hlc('d1', 3000), fields: { quantity: 4 } }),
      // Wrong: this record exists. The insert fails and the batch is applied again, reading every record.
      hinted(mut('quote.upsert', { id: existing, hlc: hlc('d1', 4000), fields: { title: 'Renamed' } })),
    ]);
    expect(r.body.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    const rows = new Map((await pull(device)).rows.map((x) => [x.id, x.doc]));
    expect(rows.get(made)).toEqual({ title: 'New', quantity: 4 });
    expect(rows.get(existing)).toEqual({ title: 'Renamed', quantity: 1 });
  });
});
