-- Sync (desktop offline-first): a per-organisation version counter bumped inside every synced write (the row lock
-- on sync_versions orders commits, so a pull cursor of this version can never skip a late commit — unlike a
-- sequence), devices with their last applied mutation id, the log of every pushed mutation (applied or rejected,
-- with its reason) and the LWW record store for customers, quotes and design revisions. Orders stay in the
-- orders table: a trigger stamps every insert/update with the organisation's next version so the desktops pull
-- changes made anywhere (sync pushes, the order routes, production updates).
CREATE TABLE sync_versions (
  org_id uuid PRIMARY KEY REFERENCES organisations(id),
  version bigint NOT NULL DEFAULT 0
);

CREATE TABLE sync_devices (
  device_id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid REFERENCES users(id),
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);

-- An append-only log written only by the push code (which checks device and organisation first): no foreign
-- keys, so logging a 1,000-mutation batch costs one index insert per row and no per-row trigger.
CREATE TABLE sync_mutations (
  device_id uuid NOT NULL,
  mutation_id bigint NOT NULL,
  org_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  type text NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason jsonb,
  user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One index per logged mutation keeps pushes cheap: duplicates by idempotency key use the primary key, and
  -- only rejections are ever looked up by device and mutation id (partial index below).
  PRIMARY KEY (org_id, idempotency_key)
);
CREATE INDEX sync_mutations_rejected_idx ON sync_mutations (device_id, mutation_id) WHERE status = 'rejected';

CREATE TABLE sync_records (
  kind text NOT NULL CHECK (kind IN ('customer', 'quote', 'design_revision')),
  id uuid NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations(id),
  doc jsonb NOT NULL,
  clocks jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);
CREATE INDEX sync_records_org_version_idx ON sync_records (org_id, version);

ALTER TABLE orders ADD COLUMN sync_version bigint;
ALTER TABLE orders ADD COLUMN sync_refs jsonb;
CREATE INDEX orders_org_sync_version_idx ON orders (org_id, sync_version);

CREATE FUNCTION sync_stamp_order() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO sync_versions AS v (org_id, version) VALUES (NEW.org_id, 1)
    ON CONFLICT (org_id) DO UPDATE SET version = v.version + 1
    RETURNING v.version INTO NEW.sync_version;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER orders_sync_stamp BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION sync_stamp_order();
-- Orders that existed before sync get a version now, so the first pull of every desktop sees them.
UPDATE orders SET updated_at = updated_at;
