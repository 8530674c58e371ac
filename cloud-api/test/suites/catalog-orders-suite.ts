// Catalog and orders, run against PGlite and PostgreSQL: keyset pagination that neither skips nor repeats,
// filters, hostile filter values, cursor tampering, order totals with PPN, the state machine through the API,
// production assignment, customer scoping, and the audit chain's tamper detection.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify';
import { bearer, login, seedOrg, seedUser, type SeededUser, type Tokens } from '../helpers';
import type { SuiteContext } from './context';

export const INJECTION_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE products; --",
  '1; SELECT pg_sleep(2)',
  '%',
  "_%' UNION SELECT * FROM users --",
  '\\',
  '$1',
  "1' AND 1=(SELECT COUNT(*) FROM pg_tables) --",
  '00000000-0000-4000-8000-000000000000\' OR 1=1 --',
  '{"$gt": ""}',
];

export function catalogOrdersSuite(ctx: SuiteContext): void {
  let org: string;
  let admin: SeededUser;
  let t: Tokens;
  const get = (url: string, tok: Tokens = t) => ctx.app.inject({ url, headers: bearer(tok) });
  const post = (url: string, payload: unknown, tok: Tokens = t) => ctx.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer(tok) });

  beforeAll(async () => {
    org = await seedOrg(ctx.db);
    admin = await seedUser(ctx.db, org, 'company_admin');
    t = await login(ctx.app, ctx.db, admin.email);
    // 57 products with repeated prices and names so the sort keys tie and the id tiebreak matters.
    const values: string[] = [];
    const params: unknown[] = [org];
    for (let i = 0; i < 57; i++) {
      const thickness = [2, 3, 5][i % 3];
      params.push(`SKU-${i}`, `Acrylic ${['clear', 'black', 'opal'][i % 3]} ${thickness}mm`, i % 5 === 0 ? 'service' : 'sheet', 10_000 * (i % 7), JSON.stringify({ thickness_mm: thickness, color: ['clear', 'black', 'opal'][i % 3] }), i % 11 !== 0);
      const b = params.length - 6;
      values.push(`($1, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb, $${b + 6}, now() - interval '1 second' * ${i % 4})`);
    }
    await ctx.db.query(`INSERT INTO products (org_id, sku, name, kind, price_idr, attributes, active, created_at) VALUES ${values.join(',')}`, params);
  });

  const walk = async (query: string, limit: number) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await get(`/api/v1/products?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const body: { items: { id: string; priceIdr: number; name: string }[]; nextCursor: string | null } = r.json();
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return seen;
  };

  describe('products', () => {
    it('pages every sort order without gaps or repeats, in a stable order', async () => {
      for (const sort of ['created_at', '-created_at', 'name', '-name', 'price', '-price']) {
        const ids = await walk(`&sort=${sort}`, 8);
        expect(ids, sort).toHaveLength(57);
        expect(new Set(ids).size, sort).toBe(57);
        expect(await walk(`&sort=${sort}`, 8), `${sort} repeatable`).toEqual(ids);
      }
      const prices = (await get('/api/v1/products?sort=-price&limit=100')).json().items.map((i: { priceIdr: number }) => i.priceIdr);
      expect(prices).toEqual([...prices].sort((a, b) => b - a));
    });

    it('filters by kind, price range, active flag, text and attributes', async () => {
      const ids = await walk('&kind=service', 5);
      expect(ids).toHaveLength(12);
      const r = (await get('/api/v1/products?minPrice=20000&maxPrice=30000&active=true&limit=100')).json().items;
      expect(r.every((p: { priceIdr: number; active: boolean }) => p.priceIdr >= 20000 && p.priceIdr <= 30000 && p.active)).toBe(true);
      const opal5 = (await get('/api/v1/products?attr=color:opal&attr=thickness_mm:5&limit=100')).json().items;
      expect(opal5.length).toBeGreaterThan(0);
      expect(opal5.every((p: { attributes: Record<string, unknown> }) => p.attributes.color === 'opal' && p.attributes.thickness_mm === 5)).toBe(true);
      expect((await get('/api/v1/products?q=BLACK&limit=100')).json().items).toHaveLength(19);
    });

    it('refuses limits above 100, forged cursors and cursors from another filter', async () => {
      expect((await get('/api/v1/products?limit=101')).statusCode).toBe(400);
      const first = (await get('/api/v1/products?limit=5&kind=sheet')).json();
      expect((await get(`/api/v1/products?limit=5&kind=service&cursor=${encodeURIComponent(first.nextCursor)}`)).statusCode).toBe(400);
      const [body, tag] = first.nextCursor.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), v: "' OR 1=1 --" })).toString('base64url');
      expect((await get(`/api/v1/products?limit=5&kind=sheet&cursor=${forged}.${tag}`)).statusCode).toBe(400);
      expect((await get('/api/v1/products?cursor=garbage')).statusCode).toBe(400);
    });

    it('treats SQL injection strings in every filter as plain values', async () => {
      const filters = ['q', 'kind', 'categoryId', 'minPrice', 'maxPrice', 'active', 'attr', 'sort', 'cursor', 'limit'];
      for (const f of filters) {
        for (const s of INJECTION_STRINGS) {
          const started = Date.now();
          const r = await get(`/api/v1/products?${f}=${encodeURIComponent(s)}`);
          expect([200, 400], `${f}=${s}: ${r.body}`).toContain(r.statusCode);
          if (r.statusCode === 200) expect(r.json().items, `${f}=${s}`).toHaveLength(0);
          expect(Date.now() - started).toBeLessThan(1500);
        }
      }
      for (const s of INJECTION_STRINGS) {
        for (const url of [`/api/v1/orders?state=${encodeURIComponent(s)}`, `/api/v1/orders?cursor=${encodeURIComponent(s)}`, `/api/v1/users?role=${encodeURIComponent(s)}`,
          `/api/v1/users?after=${encodeURIComponent(s)}`, `/api/v1/audit?action=${encodeURIComponent(s)}`, `/api/v1/audit?before=${encodeURIComponent(s)}`,
          `/api/v1/products/${encodeURIComponent(s)}`, `/api/v1/orders/${encodeURIComponent(s)}`]) {
          const r = await get(url);
          expect([200, 400, 404], `${url}: ${r.body}`).toContain(r.statusCode);
          if (r.statusCode === 200) expect(r.json().items, url).toHaveLength(0);
        }
      }
      const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM products WHERE org_id = $1', [org]);
      expect(n).toBe(57);
    });

    it('refuses mass assignment of organisation and unknown fields', async () => {
      const r = await post('/api/v1/products', { sku: 'MA-1', name: 'x', kind: 'sheet', priceIdr: 1, orgId: await seedOrg(ctx.db) });
      expect(r.statusCode).toBe(400);
      const ok = await post('/api/v1/products', { sku: 'MA-2', name: 'Mirror gold 3mm', kind: 'sheet', priceIdr: 45_000, attributes: { color: 'gold' } });
      expect(ok.statusCode, ok.body).toBe(201);
      const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/products/${ok.json().id}`, headers: bearer(t), payload: { org_id: org } });
      expect(patch.statusCode).toBe(400);
    });
  });

  describe('orders', () => {
    let manufacturer: SeededUser;
    let productIds: string[];
    beforeAll(async () => {
      manufacturer = await seedUser(ctx.db, org, 'manufacturer');
      productIds = (await get('/api/v1/products?active=true&minPrice=10000&sort=price&limit=3')).json().items.map((p: { id: string }) => p.id);
    });

    it('prices lines from the catalog and adds PPN 11 %, refusing client-set prices, totals or state', async () => {
      const bad = await post('/api/v1/orders', { customer: { name: 'Toko Maju' }, lines: [{ productId: productIds[0], quantity: 1, unitPriceIdr: 1 }] });
      expect(bad.statusCode).toBe(400);
      expect((await post('/api/v1/orders', { customer: { name: 'Toko Maju' }, state: 'paid', lines: [{ productId: productIds[0], quantity: 1 }] })).statusCode).toBe(400);
      const r = await post('/api/v1/orders', { customer: { name: 'Toko Maju' }, lines: [{ productId: productIds[0], quantity: 3 }, { productId: productIds[1], quantity: 2 }] });
      expect(r.statusCode, r.body).toBe(201);
      const o = r.json();
      const expected = o.lines[0].unitPriceIdr * 3 + o.lines[1].unitPriceIdr * 2;
      expect(o.subtotalIdr).toBe(expected);
      expect(o.taxIdr).toBe(Math.round(expected * 0.11));
      expect(o.totalIdr).toBe(expected + o.taxIdr);
      expect(o.state).toBe('draft');
      expect(o.allowedTransitions).toEqual(['confirmed', 'cancelled']);
    });

    it('walks the state machine with guards, assignment and events, refusing skipped states', async () => {
      const o = (await post('/api/v1/orders', { customer: { name: 'CV Laser' }, lines: [{ productId: productIds[2], quantity: 1 }] })).json();
      const go = (to: string, tok: Tokens = t) => post(`/api/v1/orders/${o.id}/transitions`, { to }, tok);
      expect((await go('paid')).statusCode).toBe(409);
      for (const s of ['confirmed', 'awaiting_payment', 'paid']) expect((await go(s)).statusCode).toBe(200);
      const noMfr = await go('in_production');
      expect(noMfr.statusCode).toBe(409);
      expect(noMfr.json().error.message).toContain('no manufacturer');
      const assign = await ctx.app.inject({ method: 'PUT', url: `/api/v1/orders/${o.id}/manufacturer`, headers: bearer(t), payload: { manufacturerId: manufacturer.id } });
      expect(assign.statusCode, assign.body).toBe(200);
      expect((await go('in_production')).statusCode).toBe(200);
      const mt = await login(ctx.app, ctx.db, manufacturer.email);
      expect((await go('ready', mt)).statusCode).toBe(200);
      expect((await go('shipped')).json().error.message).toContain('shipping address');
      const events = (await get(`/api/v1/orders/${o.id}/events`)).json().items;
      expect(events.map((e: { kind: string; toState: string | null }) => e.toState ?? e.kind)).toEqual(['draft', 'confirmed', 'awaiting_payment', 'paid', 'manufacturer_assigned', 'in_production', 'ready']);
      expect((await go('refunded')).statusCode).toBe(200);
      expect((await go('completed')).statusCode).toBe(409);
    });

    it('shows customers only their own orders', async () => {
      const c1 = await seedUser(ctx.db, org, 'customer');
      const c2 = await seedUser(ctx.db, org, 'customer');
      const t1 = await login(ctx.app, ctx.db, c1.email);
      const t2 = await login(ctx.app, ctx.db, c2.email);
      const mine = await post('/api/v1/orders', { lines: [{ productId: productIds[0], quantity: 1 }] }, t1);
      expect(mine.statusCode, mine.body).toBe(201);
      expect(mine.json().customerUserId).toBe(c1.id);
      expect((await post('/api/v1/orders', { customerUserId: c1.id, lines: [{ productId: productIds[0], quantity: 1 }] }, t2)).statusCode).toBe(403);
      expect((await get(`/api/v1/orders/${mine.json().id}`, t2)).statusCode).toBe(404);
      expect((await get('/api/v1/orders?limit=100', t2)).json().items).toHaveLength(0);
      expect((await get('/api/v1/orders?limit=100', t1)).json().items.map((o: { id: string }) => o.id)).toEqual([mine.json().id]);
      expect((await post(`/api/v1/orders/${mine.json().id}/transitions`, { to: 'confirmed' }, t1)).statusCode).toBe(200);
      expect((await post(`/api/v1/orders/${mine.json().id}/transitions`, { to: 'awaiting_payment' }, t1)).statusCode).toBe(403);
    });

    it('pages orders newest first', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r: { items: { id: string }[]; nextCursor: string | null } = (await get(`/api/v1/orders?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
        seen.push(...r.items.map((o: { id: string }) => o.id));
        cursor = r.nextCursor;
      } while (cursor);
      const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [org]);
      expect(seen).toHaveLength(n);
      expect(new Set(seen).size).toBe(n);
    });
  });

  describe('analytics', () => {
    it('reports revenue net of refunds, orders, active users, throughput and on-time rate, also as CSV', async () => {
      const [p] = (await get('/api/v1/products?active=true&minPrice=10000&limit=1')).json().items;
      const mfr = await seedUser(ctx.db, org, 'manufacturer');
      const o = (await post('/api/v1/orders', { customer: { name: 'KPI' }, dueAt: new Date(Date.now() + 86_400_000).toISOString(), lines: [{ productId: p.id, quantity: 4 }] })).json();
      for (const s of ['confirmed', 'awaiting_payment', 'paid']) await post(`/api/v1/orders/${o.id}/transitions`, { to: s });
      await ctx.app.inject({ method: 'PUT', url: `/api/v1/orders/${o.id}/manufacturer`, headers: bearer(t), payload: { manufacturerId: mfr.id } });
      await post(`/api/v1/orders/${o.id}/transitions`, { to: 'in_production' });
      expect((await post(`/api/v1/orders/${o.id}/transitions`, { to: 'ready' }, await login(ctx.app, ctx.db, mfr.email))).statusCode).toBe(200);

      const from = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const to = new Date(Date.now() + 86_400_000).toISOString();
      const r = await get(`/api/v1/analytics/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&bucket=day&tz=UTC`);
      expect(r.statusCode, r.body).toBe(200);
      const items: { period: string; revenueIdr: number; ordersCreated: number; activeUsers: number; produced: number; producedOnTime: number; onTimeRate: number | null }[] = r.json().items;
      expect(items.map((i) => i.period)).toContain(new Date().toISOString().slice(0, 10));
      const total = items.reduce((a, i) => ({ revenue: a.revenue + i.revenueIdr, created: a.created + i.ordersCreated, produced: a.produced + i.produced, onTime: a.onTime + i.producedOnTime }), { revenue: 0, created: 0, produced: 0, onTime: 0 });
      const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [org]);
      // The earlier order was paid and then refunded: it nets to zero.
      expect(total).toEqual({ revenue: o.totalIdr, created: n, produced: 2, onTime: 1 });
      expect(items.find((i) => i.produced > 0)!.onTimeRate).toBe(1);
      expect(Math.max(...items.map((i) => i.activeUsers))).toBeGreaterThanOrEqual(4);

      const csv = await get(`/api/v1/analytics/kpis.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&bucket=day&tz=UTC`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toBe('period,revenue_idr,orders_created,active_users,produced,produced_on_time,on_time_rate');
      expect(lines).toHaveLength(items.length + 1);
      expect(lines.slice(1).reduce((a, l) => a + Number(l.split(',')[1]), 0)).toBe(o.totalIdr);

      expect((await get(`/api/v1/analytics/kpis?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).statusCode).toBe(400);
      expect((await get(`/api/v1/analytics/kpis?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=day`)).statusCode).toBe(400);
      expect((await get(`/api/v1/analytics/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&tz=Europe/Paris`)).statusCode).toBe(400);
    });
  });

  describe('audit chain', () => {
    it('is intact after the activity above and detects edited, deleted and truncated rows', async () => {
      const ok = await verifyAuditChain(ctx.db);
      expect(ok.problems).toEqual([]);
      expect(ok.rows).toBeGreaterThan(10);
      const audit = (await get('/api/v1/audit?action=order.state_changed&limit=3')).json();
      expect(audit.items).toHaveLength(3);
      // Tamper the way an attacker with database access would: around the append-only trigger.
      await ctx.db.tx(async (q) => {
        await q.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
        await q.query("UPDATE audit_log SET after = jsonb_set(after, '{totalIdr}', '1') WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'order.state_changed')");
        await q.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
      });
      const edited = await verifyAuditChain(ctx.db);
      expect(edited.ok).toBe(false);
      expect(edited.problems.map((p) => p.problem)).toContain('hash_mismatch');
      await expect(ctx.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    });
  });
}
