// One pull: inside a REPEATABLE READ snapshot, the records and orders of the organisation whose version is above
// the cursor (merged in version order, `limit` at most), tombstones of deleted records, the device's
// last_mutation_id and the rejections above `after`. Reading everything in one snapshot keeps the reply
// consistent: the rows already contain the effect of every mutation up to lastMutationId.
import type { Db, Queryable } from '../db/db';
import { errors } from '../http/errors';
import type { Principal } from '../rbac/principal';
import type { PullQuery, PullResponse, PulledRow, RejectionReason, Tombstone } from '../../../src-shared/sync/protocol';
import type { LineRow, OrderRow } from '../orders/order-view';

type Item = { version: number; row?: PulledRow; tombstone?: Tombstone };

export async function pull(db: Db, p: Principal, query: PullQuery): Promise<PullResponse> {
  return db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [device] = await q.query<{ org_id: string; last_mutation_id: number }>('SELECT org_id, last_mutation_id FROM sync_devices WHERE device_id = $1', [query.deviceId]);
    if (device && device.org_id !== p.orgId) throw errors.forbidden('this device is registered to another organisation', 'perangkat ini terdaftar di organisasi lain');
    const lastMutationId = device ? Number(device.last_mutation_id) : 0;
    const cursor = Number(query.cursor);
    const items = [...(await records(q, p.orgId, cursor, query.limit)), ...(await orders(q, p.orgId, cursor, query.limit))].sort((a, b) => a.version - b.version);
    const page = items.slice(0, query.limit);
    const hasMore = items.length > query.limit;
    const rejections = await q.query<{ mutation_id: number; type: string; reason: RejectionReason }>(
      `SELECT mutation_id, type, reason FROM sync_mutations WHERE device_id = $1 AND status = 'rejected' AND mutation_id > $2 AND mutation_id <= $3
       ORDER BY mutation_id`, [query.deviceId, query.after, lastMutationId]);
    const top = page.length ? page[page.length - 1].version : cursor;
    return {
      rows: page.flatMap((i) => (i.row ? [i.row] : [])),
      tombstones: page.flatMap((i) => (i.tombstone ? [i.tombstone] : [])),
      lastMutationId,
      rejections: rejections.map((r) => ({ mutationId: Number(r.mutation_id), type: r.type, reason: r.reason })),
      cursor: String(hasMore ? top : Math.max(top, await orgVersion(q, p.orgId, cursor))),
      hasMore,
    };
  });
}

/** With nothing left to read, the cursor jumps to the organisation's current version (committed in this snapshot). */
async function orgVersion(q: Queryable, orgId: string, floor: number): Promise<number> {
  const [v] = await q.query<{ version: number }>('SELECT version FROM sync_versions WHERE org_id = $1', [orgId]);
  return Math.max(floor, v ? Number(v.version) : 0);
}

async function records(q: Queryable, orgId: string, cursor: number, limit: number): Promise<Item[]> {
  const rows = await q.query<{ kind: PulledRow['kind']; id: string; doc: Record<string, unknown>; clocks: Record<string, string>; deleted: boolean; version: number }>(
    'SELECT kind, id, doc, clocks, deleted, version FROM sync_records WHERE org_id = $1 AND version > $2 ORDER BY version LIMIT $3', [orgId, cursor, limit + 1]);
  return rows.map((r) => {
    const version = Number(r.version);
    if (r.deleted) return { version, tombstone: { kind: r.kind, id: r.id, version } };
    return { version, row: { kind: r.kind, id: r.id, version, doc: r.doc, ...(r.kind === 'design_revision' ? {} : { clocks: r.clocks }) } };
  });
}

async function orders(q: Queryable, orgId: string, cursor: number, limit: number): Promise<Item[]> {
  const rows = await q.query<OrderRow & { sync_version: number; sync_refs: { customerId?: string | null; quoteId?: string | null } | null }>(
    'SELECT * FROM orders WHERE org_id = $1 AND sync_version > $2 ORDER BY sync_version LIMIT $3', [orgId, cursor, limit + 1]);
  if (!rows.length) return [];
  const ids = rows.map((o) => o.id);
  const lines = await q.query<LineRow & { order_id: string }>('SELECT * FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position', [ids]);
  const events = await q.query<{ order_id: string; kind: string; from_state: string | null; to_state: string | null; note: string | null; created_at: Date }>(
    'SELECT order_id, kind, from_state, to_state, note, created_at FROM order_events WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id', [ids]);
  return rows.map((o) => {
    const version = Number(o.sync_version);
    const doc = {
      number: o.number, state: o.state, customer: o.customer, customerId: o.sync_refs?.customerId ?? null, quoteId: o.sync_refs?.quoteId ?? null,
      shippingAddress: o.shipping_address, manufacturerId: o.manufacturer_id, dueAt: o.due_at ? new Date(o.due_at).toISOString() : null,
      subtotalIdr: Number(o.subtotal_idr), taxIdr: Number(o.tax_idr), totalIdr: Number(o.total_idr), taxRateBp: o.tax_rate_bp, version: o.version,
      lines: lines.filter((l) => l.order_id === o.id).map((l) => ({ position: l.position, description: l.description, quantity: l.quantity, unitPriceIdr: Number(l.unit_price_idr), lineTotalIdr: Number(l.line_total_idr) })),
      events: events.filter((e) => e.order_id === o.id).map((e) => ({ kind: e.kind, fromState: e.from_state, toState: e.to_state, note: e.note, at: new Date(e.created_at).toISOString() })),
      createdAt: new Date(o.created_at).toISOString(), updatedAt: new Date(o.updated_at).toISOString(),
    };
    return { version, row: { kind: 'order' as const, id: o.id, version, doc } };
  });
}
