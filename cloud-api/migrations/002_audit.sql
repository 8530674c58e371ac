-- Append-only, hash-chained audit log. audit_head holds the chain tip; writers lock it (FOR UPDATE) so rows are
-- chained in commit order. Triggers refuse UPDATE and DELETE; `npm run cloud:audit-verify` detects tampering done
-- around them.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  org_id uuid,
  actor_id uuid,
  actor_kind text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  before jsonb,
  after jsonb,
  ip text,
  request_id text,
  created_at timestamptz NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, seq);

CREATE TABLE audit_head (
  id int PRIMARY KEY CHECK (id = 1),
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
