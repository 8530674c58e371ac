// Orders: create a draft from catalog products (prices come from the catalog, never from the client), list
// and read within the organisation (customers: only their own), move through the shared state machine with
// guarded transitions, assign production to a manufacturer. Every change writes an order event; state changes
// and assignments are audited.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ORDER_STATES, checkTransition } from '../../../src-shared/orders/state-machine';
import { computeOrderTotals, PPN_RATE_BP } from '../../../src-shared/orders/totals';
import { appendAudit } from '../audit/audit';
import { decodeCursor, encodeCursor } from '../catalog/cursor';
import type { Queryable } from '../db/db';
import type { AppDeps } from '../deps';
import { ApiError, errors } from '../http/errors';
import { IdParams, errorResponses, type ZodApp } from '../http/zod-app';
import { auditActor, principalOf, requestContext, type Principal } from '../rbac/principal';
import { Address, Customer, Order, orderFacts, orderView, type LineRow, type OrderRow } from './order-view';
import { orderInScope, orderViewKey } from './order-cache';
import { sendJson } from '../http/send-json';

const tags = ['orders'];
const MANUFACTURER_ASSIGNABLE = new Set(['confirmed', 'awaiting_payment', 'paid', 'in_production']);

const newOrderNumber = () => `AH-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;

export function orderRoutes(app: ZodApp, deps: AppDeps): void {
  const { db } = deps;

  /**
   * Loads one order in the caller's scope (organisation, and own orders for customers). A plain read takes the
   * lines in the same statement; a locking read fetches them after the row lock is held.
   */
  const load = async (q: Queryable, p: Principal, id: string, lock = false) => {
    const [o] = await q.query<OrderRow & { lines?: LineRow[] }>(
      `SELECT o.* ${lock ? '' : ", (SELECT coalesce(json_agg(l ORDER BY l.position), '[]') FROM order_lines l WHERE l.order_id = o.id) AS lines"}
       FROM orders o WHERE o.id = $1 AND o.org_id = $2 AND ($3::uuid IS NULL OR o.customer_user_id = $3) ${lock ? 'FOR UPDATE' : ''}`,
      [id, p.orgId, p.ownOrdersOnly ? p.userId : null]);
    if (!o) throw errors.notFound('order');
    const lines = o.lines ?? (await q.query<LineRow>('SELECT * FROM order_lines WHERE order_id = $1 ORDER BY position', [o.id]));
    return { o, lines };
  };

  app.post('/api/v1/orders', {
    config: { permission: 'order.create' },
    schema: {
      tags, summary: 'Create a draft order from catalog products',
      body: z.object({
        customer: Customer.optional(),
        customerUserId: z.string().uuid().optional(),
        billingAddress: Address.optional(),
        shippingAddress: Address.optional(),
        dueAt: z.string().datetime().optional(),
        lines: z.array(z.object({ productId: z.string().uuid(), quantity: z.number().int().min(1).max(100_000) }).strict()).min(1).max(200),
      }).strict(),
      response: { 201: Order, ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    const out = await db.tx(async (q) => {
      let customerUserId = b.customerUserId ?? null;
      let customer = b.customer;
      if (p.ownOrdersOnly) {
        if (customerUserId && customerUserId !== p.userId) throw errors.forbidden('customers order for themselves', 'pelanggan hanya memesan untuk diri sendiri');
        customerUserId = p.userId;
      }
      if (customerUserId) {
        const [cu] = await q.query<{ name: string; email: string; phone: string | null }>(
          "SELECT name, email, phone FROM users WHERE id = $1 AND org_id = $2 AND role = 'customer'", [customerUserId, p.orgId]);
        if (!cu) throw errors.notFound('customer user');
        customer ??= { name: cu.name, email: cu.email, ...(cu.phone ? { phone: cu.phone } : {}) };
      }
      if (!customer) throw errors.badInput('give customer or customerUserId', 'isi customer atau customerUserId');
      const ids = [...new Set(b.lines.map((l) => l.productId))];
      const products = await q.query<{ id: string; name: string; price_idr: number }>(
        'SELECT id, name, price_idr FROM products WHERE org_id = $1 AND active AND id = ANY($2::uuid[])', [p.orgId, ids]);
      const byId = new Map(products.map((r) => [r.id, r]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) throw new ApiError(404, 'NOT_FOUND', { en: `products not found: ${missing.join(', ')}`, id: `produk tidak ditemukan: ${missing.join(', ')}` });
      const priced = b.lines.map((l) => ({ ...l, product: byId.get(l.productId)!, unitPriceIdr: Number(byId.get(l.productId)!.price_idr) }));
      const totals = computeOrderTotals(priced, PPN_RATE_BP);
      const [o] = await q.query<OrderRow>(
        `INSERT INTO orders (org_id, number, state, customer_user_id, customer, billing_address, shipping_address, due_at,
           subtotal_idr, tax_idr, total_idr, tax_rate_bp, created_by)
         VALUES ($1,$2,'draft',$3,$4::jsonb,$5::jsonb,$6::jsonb,$7,$8,$9,$10,$11,$12) RETURNING *`,
        [p.orgId, newOrderNumber(), customerUserId, JSON.stringify(customer), b.billingAddress ? JSON.stringify(b.billingAddress) : null,
          b.shippingAddress ? JSON.stringify(b.shippingAddress) : null, b.dueAt ?? null, totals.subtotalIdr, totals.taxIdr, totals.totalIdr,
          totals.taxRateBp, p.userId]);
      const lines: LineRow[] = [];
      for (const [i, l] of priced.entries()) {
        const [row] = await q.query<LineRow>(
          `INSERT INTO order_lines (order_id, org_id, position, product_id, description, quantity, unit_price_idr, line_total_idr)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
          [o.id, p.orgId, i + 1, l.productId, l.product.name, l.quantity, l.unitPriceIdr, totals.lineTotalsIdr[i]]);
        lines.push(row);
      }
      await q.query("INSERT INTO order_events (order_id, org_id, kind, to_state, actor_id) VALUES ($1,$2,'created','draft',$3)", [o.id, p.orgId, p.userId]);
      await appendAudit(q, { orgId: p.orgId, ...auditActor(p), action: 'order.created', targetType: 'order', targetId: o.id, after: { totalIdr: totals.totalIdr, lines: lines.length }, ...requestContext(req) });
      return orderView(o, lines, p);
    });
    return reply.code(201).send(out);
  });

  const ListQuery = z.object({
    state: z.enum(ORDER_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(1000).optional(),
  }).strict();

  app.get('/api/v1/orders', {
    config: { permission: 'order.read' },
    schema: {
      tags, summary: 'List orders, newest first, with cursor pagination', querystring: ListQuery,
      response: { 200: z.object({ items: z.array(Order), nextCursor: z.string().nullable() }), ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { state, limit, cursor } = req.query;
    const filters = { state: state ?? null, own: p.ownOrdersOnly };
    const after = cursor ? decodeCursor(deps.config.tokenSecret, cursor, '-created_at', filters) : null;
    const rows = await db.query<OrderRow>(
      `SELECT *, created_at::text AS sort_key FROM orders
       WHERE org_id = $1 AND ($2::uuid IS NULL OR customer_user_id = $2) AND ($3::text IS NULL OR state = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $6`,
      [p.orgId, p.ownOrdersOnly ? p.userId : null, state ?? null, after?.value ?? null, after?.id ?? null, limit + 1]);
    const page = rows.slice(0, limit);
    const lines = page.length
      ? await db.query<LineRow & { order_id: string }>('SELECT * FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY position', [page.map((o) => o.id)])
      : [];
    const last = page[page.length - 1];
    return {
      items: page.map((o) => orderView(o, lines.filter((l) => l.order_id === o.id), p)),
      nextCursor: rows.length > limit ? encodeCursor(deps.config.tokenSecret, { sort: '-created_at', value: last.sort_key!, id: last.id }, filters) : null,
    };
  });

  app.get('/api/v1/orders/:id', {
    config: { permission: 'order.read' },
    schema: { tags, summary: 'One order with lines and the transitions the caller may make', params: IdParams, response: { 200: Order, ...errorResponses } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const key = orderViewKey(req.params.id, p);
    const cached = await deps.orderViews.lookup(key);
    if (cached && orderInScope(cached.meta, p)) return sendJson(reply, cached.body);
    const snapshot = deps.orderViews.snapshot();
    const { o, lines } = await load(db, p, req.params.id);
    // The route's compiled response serializer (http/serializer.ts) writes a string.
    const body = Buffer.from(reply.serialize(orderView(o, lines, p)) as string);
    deps.orderViews.set(key, { group: o.id, meta: { orgId: o.org_id, customerUserId: o.customer_user_id }, body }, snapshot);
    return sendJson(reply, body);
  });

  app.post('/api/v1/orders/:id/transitions', {
    config: { permission: 'order.read' },
    schema: {
      tags, summary: 'Move the order to another state (the transition’s own permission and guards apply)', params: IdParams,
      body: z.object({ to: z.enum(ORDER_STATES), note: z.string().max(1000).optional(), expectedVersion: z.number().int().optional() }).strict(),
      response: { 200: Order, ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const view = await db.tx(async (q) => {
      const { o, lines } = await load(q, p, req.params.id, true);
      if (req.body.expectedVersion !== undefined && req.body.expectedVersion !== o.version) {
        throw errors.conflict(`order changed (version ${o.version})`, `pesanan telah berubah (versi ${o.version})`);
      }
      const check = checkTransition(o.state, req.body.to, p.permissions, orderFacts(o, lines.length));
      if (!check.ok) {
        if (check.code === 'forbidden') throw errors.forbidden(check.message.en, check.message.id);
        throw new ApiError(409, 'INVALID_TRANSITION', check.message, { from: o.state, to: req.body.to, reason: check.code });
      }
      if (check.transition.permission === 'manufacturing.track' && p.role === 'manufacturer' && o.manufacturer_id !== p.userId) {
        throw errors.forbidden('only the assigned manufacturer can update production', 'hanya produsen yang ditugaskan yang dapat memperbarui produksi');
      }
      const [u] = await q.query<OrderRow>('UPDATE orders SET state = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *', [o.id, req.body.to]);
      await q.query("INSERT INTO order_events (order_id, org_id, kind, from_state, to_state, actor_id, note) VALUES ($1,$2,'transition',$3,$4,$5,$6)",
        [o.id, p.orgId, o.state, req.body.to, p.userId, req.body.note ?? null]);
      await appendAudit(q, { orgId: p.orgId, ...auditActor(p), action: 'order.state_changed', targetType: 'order', targetId: o.id, before: { state: o.state }, after: { state: u.state, totalIdr: Number(u.total_idr) }, ...requestContext(req) });
      return orderView(u, lines, p);
    });
    deps.orderViews.forget(view.id);
    return view;
  });

  app.put('/api/v1/orders/:id/manufacturer', {
    config: { permission: 'manufacturing.plan' },
    schema: {
      tags, summary: 'Assign production to a manufacturer of the organisation', params: IdParams,
      body: z.object({ manufacturerId: z.string().uuid() }).strict(),
      response: { 200: Order, ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const view = await db.tx(async (q) => {
      const { o, lines } = await load(q, p, req.params.id, true);
      const m = await q.query("SELECT 1 FROM users WHERE id = $1 AND org_id = $2 AND role = 'manufacturer' AND status = 'active'", [req.body.manufacturerId, p.orgId]);
      if (!m.length) throw errors.notFound('manufacturer');
      if (!MANUFACTURER_ASSIGNABLE.has(o.state)) throw errors.conflict(`cannot assign production in state ${o.state}`, `tidak dapat menugaskan produksi pada status ${o.state}`);
      const [u] = await q.query<OrderRow>('UPDATE orders SET manufacturer_id = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *', [o.id, req.body.manufacturerId]);
      await q.query("INSERT INTO order_events (order_id, org_id, kind, actor_id, note) VALUES ($1,$2,'manufacturer_assigned',$3,$4)", [o.id, p.orgId, p.userId, req.body.manufacturerId]);
      await appendAudit(q, { orgId: p.orgId, ...auditActor(p), action: 'order.manufacturer_assigned', targetType: 'order', targetId: o.id, before: { manufacturerId: o.manufacturer_id }, after: { manufacturerId: u.manufacturer_id }, ...requestContext(req) });
      return orderView(u, lines, p);
    });
    deps.orderViews.forget(view.id);
    return view;
  });

  const Event = z.object({ id: z.number().int(), kind: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), actorId: z.string().nullable(), note: z.string().nullable(), createdAt: z.string() });
  app.get('/api/v1/orders/:id/events', {
    config: { permission: 'order.read' },
    schema: { tags, summary: 'The order’s history', params: IdParams, response: { 200: z.object({ items: z.array(Event) }), ...errorResponses } },
  }, async (req) => {
    const p = principalOf(req);
    const { o } = await load(db, p, req.params.id);
    const rows = await db.query<{ id: number; kind: string; from_state: string | null; to_state: string | null; actor_id: string | null; note: string | null; created_at: Date }>(
      'SELECT * FROM order_events WHERE order_id = $1 AND org_id = $2 ORDER BY id', [o.id, p.orgId]);
    return { items: rows.map((r) => ({ id: Number(r.id), kind: r.kind, fromState: r.from_state, toState: r.to_state, actorId: r.actor_id, note: r.note, createdAt: new Date(r.created_at).toISOString() })) };
  });
}
