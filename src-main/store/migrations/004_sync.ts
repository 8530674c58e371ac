// Sync tables of the local store. Every replicated record keeps the server's copy (server_fields/server_clocks
// or the order document, with the organisation version it came at) beside the visible row; the visible row is
// the server copy with the device's pending outbox mutations replayed on top (Replicache-style rebase), so a
// rejected mutation disappears from view once acknowledged and every device converges to the server. The
// outbox holds mutations in device order (AUTOINCREMENT: ids are never reused); sync_state holds the device id,
// pull cursor, hybrid logical clock and account; sync_rejections keeps every refused mutation with its reason and
// arguments so the user can see and retry it. Quotes are priced documents of the quote service (002): their
// replicated, last-writer-wins fields live in quote_replicas keyed by the same id.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'sync',
  up: `
    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      name TEXT,
      email TEXT,
      phone TEXT,
      company TEXT,
      address TEXT,
      notes TEXT,
      deleted INTEGER NOT NULL DEFAULT 0,
      clocks TEXT NOT NULL DEFAULT '{}',
      server_fields TEXT,
      server_clocks TEXT,
      server_version INTEGER,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX customers_name ON customers(name);
    CREATE TABLE quote_replicas (
      quote_id TEXT PRIMARY KEY,
      fields TEXT NOT NULL,
      clocks TEXT NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0,
      server_fields TEXT,
      server_clocks TEXT,
      server_version INTEGER,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE orders (
      id TEXT PRIMARY KEY,
      number TEXT,
      state TEXT NOT NULL,
      pending_state TEXT,
      customer TEXT NOT NULL,
      customer_id TEXT,
      quote_id TEXT,
      shipping_address TEXT,
      due_at TEXT,
      subtotal_idr INTEGER,
      tax_idr INTEGER,
      total_idr INTEGER,
      synced INTEGER NOT NULL DEFAULT 0,
      server_doc TEXT,
      server_version INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX orders_created ON orders(created_at DESC);
    CREATE TABLE order_lines (
      order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      description TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      unit_price_idr INTEGER NOT NULL,
      line_total_idr INTEGER,
      PRIMARY KEY (order_id, position)
    );
    CREATE TABLE order_events (
      order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT,
      note TEXT,
      at TEXT NOT NULL,
      PRIMARY KEY (order_id, seq)
    );
    CREATE TABLE design_revision_replicas (
      revision_id TEXT PRIMARY KEY,
      design_id TEXT NOT NULL,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      server_revision INTEGER,
      server_version INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX design_revision_replicas_design ON design_revision_replicas(design_id, server_revision);
    CREATE TABLE outbox (
      mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      args TEXT NOT NULL,
      client_time TEXT NOT NULL,
      record_kind TEXT NOT NULL,
      record_id TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    );
    CREATE INDEX outbox_record ON outbox(record_kind, record_id, mutation_id);
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE sync_rejections (
      mutation_id INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      args TEXT,
      record_kind TEXT,
      record_id TEXT,
      code TEXT NOT NULL,
      message_en TEXT NOT NULL,
      message_id TEXT NOT NULL,
      at TEXT NOT NULL,
      retried_as INTEGER
    );
  `,
};
