// The response caches (src/http/notified-cache.ts: product list pages, orders) with two API replicas, each with its
// own pool and LISTEN session, on one real PostgreSQL: a repeated page is served without a product query; a product
// write on replica A is seen by the very next read on replica B (over HTTP, no waiting, 50 times in a row), and so is
// a write by plain SQL (as sync or an operator would make); a cached page never answers another organisation or a
// caller without product.read. The same for orders: a state change on A shows on B's next read, and a cached order
// answers only its organisation and its own customer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../src/db/db';
import { migrate } from '../src/db/migrate';
import { openPgDb } from '../src/db/pg-db';
import type { ZodApp } from '../src/http/zod-app';
import { bearer, login, seedOrg, seedUser, startApp, type Tokens } from './helpers';
import { startTestPostgres, type TestPostgres } from './services';

interface Replica {
  db: Db;
  app: ZodApp;
  base: string;
}

const LIST = '/api/v1/products?limit=5&sort=-price';

describe('response caches across replicas on PostgreSQL', () => {
  let server: TestPostgres;
  let a: Replica;
  let b: Replica;
  let t: Tokens;
  let orgId: string;

  const replica = async (): Promise<Replica> => {
    const db = await openPgDb(server.url, 4);
    const app = await startApp(db);
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { db, app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
  };
  const list = async (r: Replica, tok: Tokens | string = t, url = LIST) => {
    const res = await fetch(`${r.base}${url}`, { headers: bearer(tok) });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return { status: res.status, body: await res.json() };
  };
  /** Starts counting `db`'s queries that match `pattern`; the returned function stops and gives the count. */
  const countQueries = (db: Db, pattern: RegExp) => {
    const spy = vi.spyOn(db, 'query');
    return () => {
      const n = spy.mock.calls.filter(([sql]) => pattern.test(sql)).length;
      spy.mockRestore();
      return n;
    };
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    const setup = await openPgDb(server.url, 1);
    await migrate(setup);
    await setup.close();
    [a, b] = [await replica(), await replica()];
    orgId = await seedOrg(a.db);
    t = await login(a.app, a.db, (await seedUser(a.db, orgId, 'company_admin')).email);
    for (let i = 0; i < 7; i++) {
      const r = await a.app.inject({ method: 'POST', url: '/api/v1/products', headers: bearer(t), payload: { sku: `P-${i}`, name: `Sheet ${i}`, kind: 'sheet', priceIdr: 1000 * (i + 1) } });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  afterAll(async () => {
    for (const r of [a, b]) {
      await r?.app.close();
      await r?.db.close();
    }
    await server?.stop();
  });

  it('serves a repeated page from memory, byte for byte', async () => {
    const first = await list(b);
    expect(first.body.items.map((p: { sku: string }) => p.sku)).toEqual(['P-6', 'P-5', 'P-4', 'P-3', 'P-2']);
    const queries = countQueries(b.db, /FROM products/);
    const again = await list(b);
    expect(queries()).toBe(0);
    expect(again).toEqual(first);
  });

  it('shows a write made on replica A on the next read on replica B, and on A itself', async () => {
    const before = await list(b);
    await list(a);
    const top = before.body.items[0];
    const patch = await fetch(`${a.base}/api/v1/products/${top.id}`, {
      method: 'PATCH', headers: { ...bearer(t), 'content-type': 'application/json' }, body: JSON.stringify({ priceIdr: 1, name: 'Sheet 6 (sale)' }),
    });
    expect(patch.status).toBe(200);
    for (const r of [b, a]) {
      const after = (await list(r)).body.items;
      expect(after.map((p: { sku: string }) => p.sku)).toEqual(['P-5', 'P-4', 'P-3', 'P-2', 'P-1']);
    }
    for (let n = 1; n <= 50; n++) { // one write and one read at a time, so a late notification would show
      const r = await fetch(`${a.base}/api/v1/products/${top.id}`, {
        method: 'PATCH', headers: { ...bearer(t), 'content-type': 'application/json' }, body: JSON.stringify({ priceIdr: 1_000_000 + n }),
      });
      expect(r.status).toBe(200);
      expect((await list(b)).body.items[0].priceIdr, `write ${n}`).toBe(1_000_000 + n);
    }
    const created = await fetch(`${a.base}/api/v1/products`, {
      method: 'POST', headers: { ...bearer(t), 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'P-NEW', name: 'New', kind: 'sheet', priceIdr: 9_000_000 }),
    });
    expect(created.status).toBe(201);
    expect((await list(b)).body.items[0].sku).toBe('P-NEW');
  });

  it('shows writes made by plain SQL, outside the API, on the next read', async () => {
    await list(a);
    await list(b);
    await a.db.query("UPDATE products SET price_idr = 50000000 WHERE org_id = $1 AND sku = 'P-0'", [orgId]);
    for (const r of [b, a]) expect((await list(r)).body.items[0].sku).toBe('P-0');
  });

  it('never answers another organisation or a caller without product.read from a cached page', async () => {
    await list(b);
    const otherOrg = await seedOrg(a.db);
    const other = await login(a.app, a.db, (await seedUser(a.db, otherOrg, 'company_admin')).email);
    expect((await list(b, other)).body).toEqual({ items: [], nextCursor: null });
    const key = await a.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(t), payload: { name: 'orders only', scopes: ['order.read'] } });
    expect(key.statusCode, key.body).toBe(201);
    const res = await fetch(`${b.base}${LIST}`, { headers: { 'x-api-key': key.json().key } });
    expect(res.status).toBe(403);
  });

  it('shows an order change made on A on the next read on B, and keeps cached orders in their scope', async () => {
    const buyer = await seedUser(a.db, orgId, 'customer');
    const otherBuyer = await seedUser(a.db, orgId, 'customer');
    const [product] = (await list(a)).body.items;
    const created = await a.app.inject({ method: 'POST', url: '/api/v1/orders', headers: bearer(t), payload: { customerUserId: buyer.id, lines: [{ productId: product.id, quantity: 2 }] } });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/orders/${created.json().id}`;
    const get = async (r: Replica, tok: Tokens) => {
      const res = await fetch(`${r.base}${url}`, { headers: bearer(tok) });
      return { status: res.status, body: await res.json() };
    };
    const asBuyer = await login(a.app, a.db, buyer.email);
    for (const r of [a, b]) {
      expect((await get(r, t)).body).toMatchObject({ state: 'draft', allowedTransitions: ['confirmed', 'cancelled'] });
      expect((await get(r, asBuyer)).body.state).toBe('draft');
    }
    const queries = countQueries(b.db, /FROM orders/);
    expect((await get(b, t)).body.state).toBe('draft');
    expect(queries()).toBe(0);

    const moved = await fetch(`${a.base}${url}/transitions`, { method: 'POST', headers: { ...bearer(t), 'content-type': 'application/json' }, body: JSON.stringify({ to: 'confirmed' }) });
    expect(moved.status).toBe(200);
    expect((await get(b, t)).body).toMatchObject({ state: 'confirmed', version: 2 });
    expect((await get(b, asBuyer)).body.state).toBe('confirmed');

    expect((await get(b, await login(a.app, a.db, otherBuyer.email))).status).toBe(404);
    const stranger = await login(a.app, a.db, (await seedUser(a.db, await seedOrg(a.db), 'company_admin')).email);
    expect((await get(b, stranger)).status).toBe(404);
  });
});
