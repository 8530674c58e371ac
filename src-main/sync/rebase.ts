// Recomputes the visible row of one replicated record from the server's copy plus the device's pending outbox
// mutations replayed on top, in order (Replicache's rebase). Called after every local change and for every record
// a pull touched, inside the same transaction. A record with neither a server copy nor a pending mutation (an
// order whose create was rejected) disappears from view; its mutation stays listed in sync_rejections for retry.
import { computeOrderTotals, PPN_RATE_BP } from '../../src-shared/orders/totals';
import { emptyRecord, mergeLww, stamp, type LwwRecord } from '../../src-shared/sync/lww';
import type { MutationArgs } from '../../src-shared/sync/mutations';
import type { Db } from '../store/database';
import type { Outbox, RecordKind } from './outbox';
import { addPulledRevision } from './design-history';
import { stmt } from './statements';

const json = (s: string | null | undefined) => (s ? JSON.parse(s) : null);

/** The server's copy of a record, as a pull delivers it (a tombstone has `deleted`). */
export interface ServerCopy {
  doc: Record<string, unknown>;
  clocks?: Record<string, string>;
  version: number;
  deleted?: boolean;
}

interface StoredServer {
  server_fields: string | null;
  server_clocks: string | null;
  server_version: number | null;
}

export class Rebaser {
  constructor(private readonly db: Db, private readonly outbox: Outbox, private readonly now: () => Date) {}

  /** Rebuilds the visible row; `incoming` replaces the stored server copy first. */
  rebase(kind: RecordKind, id: string, incoming?: ServerCopy): void {
    if (kind === 'customer') this.customer(id, incoming);
    else if (kind === 'quote') this.quote(id, incoming);
    else if (kind === 'order') this.order(id, incoming);
    else this.designRevision(id, incoming);
  }

  private lww(kind: 'customer' | 'quote', id: string, stored: StoredServer | undefined, incoming?: ServerCopy): { rec: LwwRecord; server: StoredServer } | null {
    const server: StoredServer = incoming
      ? { server_fields: JSON.stringify(incoming.deleted ? { deleted: true } : incoming.doc), server_clocks: JSON.stringify(incoming.clocks ?? {}), server_version: incoming.version }
      : (stored ?? { server_fields: null, server_clocks: null, server_version: null });
    const type = kind === 'customer' ? 'customer.upsert' : 'quote.upsert';
    const pending = this.outbox.forRecord(kind, id).filter((r) => r.type === type);
    if (!server.server_fields && !pending.length) return null;
    let rec: LwwRecord = server.server_fields ? { fields: json(server.server_fields), clocks: json(server.server_clocks) ?? {} } : emptyRecord();
    for (const p of pending) {
      const a = JSON.parse(p.args) as MutationArgs<'quote.upsert'>;
      rec = mergeLww(rec, stamp(a.fields, a.hlc)).record;
    }
    return { rec, server };
  }

  private customer(id: string, incoming?: ServerCopy): void {
    const stored = stmt(this.db, 'SELECT server_fields, server_clocks, server_version FROM customers WHERE id = ?').get(id) as StoredServer | undefined;
    const out = this.lww('customer', id, stored, incoming);
    if (!out) {
      stmt(this.db, 'DELETE FROM customers WHERE id = ?').run(id);
      return;
    }
    const f = out.rec.fields as Record<string, string | boolean | null | undefined>;
    stmt(this.db, 
        `INSERT OR REPLACE INTO customers(id, name, email, phone, company, address, notes, deleted, clocks, server_fields, server_clocks, server_version, updated_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(id, f.name ?? null, f.email ?? null, f.phone ?? null, f.company ?? null, f.address ?? null, f.notes ?? null, f.deleted ? 1 : 0,
        JSON.stringify(out.rec.clocks), out.server.server_fields, out.server.server_clocks, out.server.server_version, this.now().toISOString());
  }

  private quote(id: string, incoming?: ServerCopy): void {
    const stored = stmt(this.db, 'SELECT server_fields, server_clocks, server_version FROM quote_replicas WHERE quote_id = ?').get(id) as StoredServer | undefined;
    const out = this.lww('quote', id, stored, incoming);
    if (!out) {
      stmt(this.db, 'DELETE FROM quote_replicas WHERE quote_id = ?').run(id);
      return;
    }
    stmt(this.db, 
        `INSERT OR REPLACE INTO quote_replicas(quote_id, fields, clocks, deleted, server_fields, server_clocks, server_version, updated_at)
         VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(id, JSON.stringify(out.rec.fields), JSON.stringify(out.rec.clocks), out.rec.fields.deleted === true ? 1 : 0,
        out.server.server_fields, out.server.server_clocks, out.server.server_version, this.now().toISOString());
  }

  private order(id: string, incoming?: ServerCopy): void {
    const row = stmt(this.db, 'SELECT server_doc, server_version FROM orders WHERE id = ?').get(id) as { server_doc: string | null; server_version: number | null } | undefined;
    const serverDoc = incoming ? JSON.stringify(incoming.doc) : (row?.server_doc ?? null);
    const serverVersion = incoming ? incoming.version : (row?.server_version ?? null);
    const pending = this.outbox.forRecord('order', id);
    const server = json(serverDoc) as ServerOrder | null;
    const create = pending.find((p) => p.type === 'order.create');
    if (!server && !create) {
      stmt(this.db, 'DELETE FROM orders WHERE id = ?').run(id);
      return;
    }
    const transitions = pending.filter((p) => p.type === 'order.transition').map((p) => (JSON.parse(p.args) as MutationArgs<'order.transition'>).to);
    const pendingState = transitions.length ? transitions[transitions.length - 1] : null;
    const doc = server ?? localOrder(JSON.parse(create!.args) as MutationArgs<'order.create'>, create!.client_time);
    stmt(this.db, 
        `INSERT INTO orders(id, number, state, pending_state, customer, customer_id, quote_id, shipping_address, due_at, subtotal_idr, tax_idr,
           total_idr, synced, server_doc, server_version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET number = excluded.number, state = excluded.state, pending_state = excluded.pending_state,
           customer = excluded.customer, customer_id = excluded.customer_id, quote_id = excluded.quote_id, shipping_address = excluded.shipping_address,
           due_at = excluded.due_at, subtotal_idr = excluded.subtotal_idr, tax_idr = excluded.tax_idr, total_idr = excluded.total_idr,
           synced = excluded.synced, server_doc = excluded.server_doc, server_version = excluded.server_version, updated_at = excluded.updated_at`,
      )
      .run(id, doc.number, doc.state, pendingState, JSON.stringify(doc.customer), doc.customerId, doc.quoteId, doc.shippingAddress ? JSON.stringify(doc.shippingAddress) : null,
        doc.dueAt, doc.subtotalIdr, doc.taxIdr, doc.totalIdr, server ? 1 : 0, serverDoc, serverVersion, doc.createdAt, doc.updatedAt);
    stmt(this.db, 'DELETE FROM order_lines WHERE order_id = ?').run(id);
    const line = stmt(this.db, 'INSERT INTO order_lines(order_id, position, description, quantity, unit_price_idr, line_total_idr) VALUES (?,?,?,?,?,?)');
    for (const l of doc.lines) line.run(id, l.position, l.description, l.quantity, l.unitPriceIdr, l.lineTotalIdr);
    stmt(this.db, 'DELETE FROM order_events WHERE order_id = ?').run(id);
    const ev = stmt(this.db, 'INSERT INTO order_events(order_id, seq, kind, from_state, to_state, note, at) VALUES (?,?,?,?,?,?,?)');
    doc.events.forEach((e, i) => ev.run(id, i + 1, e.kind, e.fromState, e.toState, e.note, e.at));
  }

  private designRevision(id: string, incoming?: ServerCopy): void {
    const pending = this.outbox.forRecord('design_revision', id);
    const create = pending.find((p) => p.type === 'design.addRevision');
    if (incoming) {
      const d = incoming.doc as { designId: string; name: string; body: unknown; revision: number };
      stmt(this.db,
          `INSERT INTO design_revision_replicas(revision_id, design_id, name, body, server_revision, server_version, created_at) VALUES (?,?,?,?,?,?,?)
           ON CONFLICT(revision_id) DO UPDATE SET server_revision = excluded.server_revision, server_version = excluded.server_version`,
        )
        .run(id, d.designId, d.name, JSON.stringify(d.body), d.revision, incoming.version, this.now().toISOString());
      if (!create) addPulledRevision(this.db, id, this.now().toISOString());
    } else if (create) {
      const a = JSON.parse(create.args) as MutationArgs<'design.addRevision'>;
      const local = typeof a.body.revision === 'number' ? a.body.revision : null;
      stmt(this.db, 'INSERT OR IGNORE INTO design_revision_replicas(revision_id, design_id, name, body, local_revision, created_at) VALUES (?,?,?,?,?,?)')
        .run(id, a.designId, a.name, JSON.stringify(a.body), local, create.client_time);
    } else {
      stmt(this.db, 'DELETE FROM design_revision_replicas WHERE revision_id = ? AND server_version IS NULL').run(id);
    }
  }
}

/** The order document as the server sends it in a pull (see cloud-api/src/sync/pull.ts). */
export interface ServerOrder {
  number: string | null;
  state: string;
  customer: unknown;
  customerId: string | null;
  quoteId: string | null;
  shippingAddress: unknown;
  dueAt: string | null;
  subtotalIdr: number;
  taxIdr: number;
  totalIdr: number;
  lines: { position: number; description: string; quantity: number; unitPriceIdr: number; lineTotalIdr: number }[];
  events: { kind: string; fromState: string | null; toState: string | null; note: string | null; at: string }[];
  createdAt: string;
  updatedAt: string;
}

/** What an order created offline looks like until the server has it: a draft with the same totals the server computes. */
function localOrder(a: MutationArgs<'order.create'>, at: string): ServerOrder {
  const totals = computeOrderTotals(a.lines, PPN_RATE_BP);
  return {
    number: null, state: 'draft', customer: a.customer, customerId: a.customerId, quoteId: a.quoteId, shippingAddress: a.shippingAddress, dueAt: a.dueAt,
    subtotalIdr: totals.subtotalIdr, taxIdr: totals.taxIdr, totalIdr: totals.totalIdr,
    lines: a.lines.map((l, i) => ({ position: i + 1, ...l, lineTotalIdr: totals.lineTotalsIdr[i] })),
    events: [], createdAt: at, updatedAt: at,
  };
}
