// Quote tables: the editable material and machine libraries (validated JSON bodies; `seed` marks rows that came
// from resources/ on first run), and saved quotes with their priced lines. A quote row keeps every input
// (request, material, machine, pricing rules and the design geometry or its immutable revision) so it can be
// recomputed exactly later; its number Q-YYYY-NNNNNN is unique and sequential per year.
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'quote',
  up: `
    CREATE TABLE materials (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      seed INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE machine_profiles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      seed INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE quotes (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      customer_name TEXT NOT NULL DEFAULT '',
      design_name TEXT NOT NULL DEFAULT '',
      design_id TEXT,
      design_revision INTEGER,
      material_id TEXT NOT NULL,
      machine_id TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      currency TEXT NOT NULL,
      lang TEXT NOT NULL,
      subtotal_idr INTEGER NOT NULL,
      tax_idr INTEGER NOT NULL,
      total_idr INTEGER NOT NULL,
      manual_review INTEGER NOT NULL DEFAULT 0,
      inputs TEXT NOT NULL,
      result TEXT NOT NULL,
      valid_until TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (year, seq)
    );
    CREATE INDEX quotes_created ON quotes(created_at DESC);
    CREATE TABLE quote_lines (
      quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      code TEXT NOT NULL,
      label TEXT NOT NULL,
      formula TEXT NOT NULL,
      amount_idr INTEGER NOT NULL,
      PRIMARY KEY (quote_id, position)
    );
  `,
};
