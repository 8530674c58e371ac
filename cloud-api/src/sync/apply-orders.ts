// Server-authoritative order mutations from the offline queue. order.create inserts a draft into the cloud's own
// orders tables (totals computed here, never trusted from the device; the order number is the server's);
// order.transition runs the shared state machine with the caller's permissions and the order's facts, exactly
// like the order routes. Payment states never arrive here (the mutation schema refuses them). The orders
// trigger stamps the organisation's sync version, so the result reaches every desktop's next pull.
import { randomBytes } from 'node:crypto';
import { checkTransition } from '../../../src-shared/orders/state-machine';
import { computeOrderTotals, PPN_RATE_BP } from '../../../src-shared/orders/totals';
import type { MutationArgs } from '../../../src-shared/sync/mutations';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/db';
import { orderFacts, type OrderRow } from '../orders/order-view';
import type { Principal } from '../rbac/principal';
import { rejected } from './rejection';

const newOrderNumber = () => `AH-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;

export async function createOrder(q: Queryable, p: Principal, a: MutationArgs<'order.create'>, requestId: string): Promise<void> {
  const [clash] = await q.query<{ org_id: string }>('SELECT org_id FROM orders WHERE id = $1', [a.id]);
  if (clash) {
    if (clash.org_id !== p.orgId) throw rejected('not_found', `order ${a.id} not found in your organisation`, `pesanan ${a.id} tidak ditemukan di organisasi Anda`);
    throw rejected('conflict', `order ${a.id} already exists`, `pesanan ${a.id} sudah ada`);
  }
  const totals = computeOrderTotals(a.lines, PPN_RATE_BP);
  await q.query(
    `INSERT INTO orders (id, org_id, number, state, customer, shipping_address, due_at, subtotal_idr, tax_idr, total_idr, tax_rate_bp,
       created_by, sync_refs)
     VALUES ($1,$2,$3,'draft',$4::jsonb,$5::jsonb,$6,$7,$8,$9,$10,$11,$12::jsonb)`,
    [a.id, p.orgId, newOrderNumber(), JSON.stringify(a.customer), a.shippingAddress ? JSON.stringify(a.shippingAddress) : null, a.dueAt,
      totals.subtotalIdr, totals.taxIdr, totals.totalIdr, totals.taxRateBp, p.userId, JSON.stringify({ customerId: a.customerId, quoteId: a.quoteId })],
  );
  await q.query(
    `INSERT INTO order_lines (order_id, org_id, position, description, quantity, unit_price_idr, line_total_idr)
     SELECT $1, $2, pos, d, qty, price, total FROM unnest($3::int[], $4::text[], $5::int[], $6::bigint[], $7::bigint[]) AS u(pos, d, qty, price, total)`,
    [a.id, p.orgId, a.lines.map((_, i) => i + 1), a.lines.map((l) => l.description), a.lines.map((l) => l.quantity),
      a.lines.map((l) => l.unitPriceIdr), totals.lineTotalsIdr],
  );
  await q.query("INSERT INTO order_events (order_id, org_id, kind, to_state, actor_id, note) VALUES ($1,$2,'created','draft',$3,'synced from desktop')", [a.id, p.orgId, p.userId]);
  await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'order.created', targetType: 'order', targetId: a.id, after: { totalIdr: totals.totalIdr, lines: a.lines.length, via: 'sync' }, requestId });
}

export async function transitionOrder(q: Queryable, p: Principal, a: MutationArgs<'order.transition'>, requestId: string): Promise<void> {
  const [o] = await q.query<OrderRow>('SELECT * FROM orders WHERE id = $1 AND org_id = $2 FOR UPDATE', [a.orderId, p.orgId]);
  if (!o) throw rejected('not_found', `order ${a.orderId} not found in your organisation`, `pesanan ${a.orderId} tidak ditemukan di organisasi Anda`);
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM order_lines WHERE order_id = $1', [o.id]);
  const check = checkTransition(o.state, a.to, p.permissions, orderFacts(o, Number(n)));
  if (!check.ok) throw rejected(check.code === 'forbidden' ? 'forbidden' : 'invalid_transition', check.message.en, check.message.id);
  if (check.transition.permission === 'manufacturing.track' && p.role === 'manufacturer' && o.manufacturer_id !== p.userId) {
    throw rejected('forbidden', 'only the assigned manufacturer can update production', 'hanya produsen yang ditugaskan yang dapat memperbarui produksi');
  }
  await q.query('UPDATE orders SET state = $2, version = version + 1, updated_at = now() WHERE id = $1', [o.id, a.to]);
  await q.query("INSERT INTO order_events (order_id, org_id, kind, from_state, to_state, actor_id, note) VALUES ($1,$2,'transition',$3,$4,$5,$6)",
    [o.id, p.orgId, o.state, a.to, p.userId, a.note ?? null]);
  await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'order.state_changed', targetType: 'order', targetId: o.id, before: { state: o.state }, after: { state: a.to, via: 'sync' }, requestId });
}
