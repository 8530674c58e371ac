// Reads of the local orders (visible rows: the server's copy with pending offline changes on top) for the UI.
import type { LocalOrder, LocalOrderDetail } from '../../src-shared/contract/channels/sync';
import type { Db } from '../store/database';

interface OrderRow {
  id: string;
  number: string | null;
  state: LocalOrder['state'];
  pending_state: LocalOrder['state'] | null;
  synced: number;
  customer: string;
  customer_id: string | null;
  quote_id: string | null;
  shipping_address: string | null;
  due_at: string | null;
  subtotal_idr: number | null;
  tax_idr: number | null;
  total_idr: number | null;
  created_at: string;
  updated_at: string;
}

const summary = (r: OrderRow): LocalOrder => ({
  id: r.id, number: r.number, state: r.state, pendingState: r.pending_state, synced: r.synced === 1, customer: JSON.parse(r.customer),
  customerId: r.customer_id, quoteId: r.quote_id, subtotalIdr: r.subtotal_idr, taxIdr: r.tax_idr, totalIdr: r.total_idr,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export function listOrders(db: Db, state: string | undefined, limit: number): LocalOrder[] {
  const rows = db
    .prepare('SELECT * FROM orders WHERE (@state IS NULL OR coalesce(pending_state, state) = @state) ORDER BY created_at DESC, id DESC LIMIT @limit')
    .all({ state: state ?? null, limit }) as OrderRow[];
  return rows.map(summary);
}

export function getOrder(db: Db, id: string): LocalOrderDetail | null {
  const r = db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
  if (!r) return null;
  const lines = db.prepare('SELECT position, description, quantity, unit_price_idr, line_total_idr FROM order_lines WHERE order_id = ? ORDER BY position').all(id) as {
    position: number; description: string; quantity: number; unit_price_idr: number; line_total_idr: number | null;
  }[];
  const events = db.prepare('SELECT kind, from_state, to_state, note, at FROM order_events WHERE order_id = ? ORDER BY seq').all(id) as {
    kind: string; from_state: string | null; to_state: string | null; note: string | null; at: string;
  }[];
  return {
    ...summary(r),
    shippingAddress: r.shipping_address ? JSON.parse(r.shipping_address) : null,
    dueAt: r.due_at,
    lines: lines.map((l) => ({ position: l.position, description: l.description, quantity: l.quantity, unitPriceIdr: l.unit_price_idr, lineTotalIdr: l.line_total_idr })),
    events: events.map((e) => ({ kind: e.kind, fromState: e.from_state, toState: e.to_state, note: e.note, at: e.at })),
  };
}
