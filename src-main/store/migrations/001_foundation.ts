// Foundation tables: settings (key → JSON value) and the design library with immutable revisions.
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'foundation',
  up: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE designs (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      latest_revision INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX designs_updated ON designs(updated_at DESC);
    CREATE TABLE design_revisions (
      design_id TEXT NOT NULL REFERENCES designs(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      path_count INTEGER NOT NULL,
      thumbnail TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (design_id, revision)
    );
  `,
};
