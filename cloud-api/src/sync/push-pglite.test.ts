// The sync endpoints on the embedded database (PGlite, what `npm run cloud` uses without DATABASE_URL): a push
// queues several statements on its one connection at once, and a batch of upserts is read and merged before the
// device lock; here a mixed batch applies, a replay is acknowledged as duplicates, a pipelined batch merges into
// records the batch before it created, and a pull returns everything.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import type { Db } from '../db/db';
import type { ZodApp } from '../http/zod-app';
import { bearer, login, seedOrg, seedUser, startApp } from '../../test/helpers';
import { encodeHlc } from '../../../src-shared/sync/hlc';
import type { MutationEnvelope, PullResponse, PushResponse } from '../../../src-shared/sync/protocol';

let db: Db;
let app: ZodApp;
let token: string;
beforeAll(async () => {
  db = await openPgliteDb('memory://');
  await migrate(db);
  app = await startApp(db);
  token = (await login(app, db, (await seedUser(db, await seedOrg(db), 'company_admin')).email)).accessToken;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

let seq = 0;
const mut = (type: string, args: unknown): MutationEnvelope => ({ mutationId: ++seq, idempotencyKey: randomUUID(), type, args, clientTime: new Date().toISOString() });
const hlc = (wall: number) => encodeHlc({ wall, counter: 0, node: 'pglite-dev' });
/** Pushes like the desktop: a pipelined batch refused with 409 (it overtook the one it names) goes again. */
const push = async (deviceId: string, mutations: MutationEnvelope[], after?: number): Promise<string[]> => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: bearer(token), payload: { deviceId, mutations, ...(after === undefined ? {} : { after }) } });
  if (r.statusCode === 409 && after !== undefined) return push(deviceId, mutations, after);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as PushResponse).results.map((x) => x.reason?.code ?? x.status);
};

describe('sync on PGlite', () => {
  it('applies, acknowledges replays, merges pipelined batches and pulls', async () => {
    const device = randomUUID();
    const t0 = Date.now();
    const [quote, customer, order, design] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const first = [
      mut('customer.upsert', { id: customer, hlc: hlc(t0), fields: { name: 'Sari' } }),
      mut('quote.upsert', { id: quote, hlc: hlc(t0), fields: { title: 'Sign', quantity: 2 } }),
      mut('order.create', { id: order, customer: { name: 'Sari' }, lines: [{ description: 'Acrylic 3 mm', quantity: 2, unitPriceIdr: 150_000 }] }),
      mut('design.addRevision', { designId: design, revisionId: randomUUID(), name: 'Logo', body: { paths: [] } }),
      mut('quote.upsert', { id: randomUUID(), hlc: hlc(t0), fields: { title: '' } }),
    ];
    expect(await push(device, first)).toEqual(['applied', 'applied', 'applied', 'applied', 'bad_input']);
    expect(await push(device, first)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'bad_input']);
    // Two batches sent at once, the second after the first: both merge into the same quote.
    const a = [mut('quote.upsert', { id: quote, hlc: hlc(t0 + 1), fields: { notes: 'polished' } })];
    const b = [mut('quote.upsert', { id: quote, hlc: hlc(t0 + 2), fields: { quantity: 3 } }), mut('customer.upsert', { id: customer, hlc: hlc(t0 + 2), fields: { phone: '+6281234567890' } })];
    expect(await Promise.all([push(device, a), push(device, b, a[0].mutationId)])).toEqual([['applied'], ['applied', 'applied']]);
    const r = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?deviceId=${device}&cursor=0&after=0`, headers: bearer(token) });
    const pulled = r.json() as PullResponse;
    const docs = new Map(pulled.rows.map((x) => [x.id, x.doc]));
    expect(docs.get(quote)).toEqual({ title: 'Sign', quantity: 3, notes: 'polished' });
    expect(docs.get(customer)).toEqual({ name: 'Sari', phone: '+6281234567890' });
    expect(docs.has(order)).toBe(true);
    expect(pulled.lastMutationId).toBe(b[1].mutationId);
    expect(pulled.rejections.map((x) => x.mutationId)).toEqual([first[4].mutationId]);
  });
});
