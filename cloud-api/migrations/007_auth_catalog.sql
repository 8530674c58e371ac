-- Session cache invalidation, password reset codes, keyset indexes for the product list by kind, and retries
-- for outbox delivery.
--
-- 1. Session cache invalidation: tells every replica's session cache (src/auth/session-cache.ts) that a user's
--    cached sessions are stale, because a session was revoked or deleted, or the user's role, status or
--    organisation changed. The payload is the user id; PostgreSQL delivers it to listeners when the transaction
--    commits.
CREATE FUNCTION notify_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('principal_changed', to_jsonb(OLD) ->> TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER users_principal_changed AFTER UPDATE OF role, status, org_id OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('id');

CREATE TRIGGER refresh_families_principal_changed AFTER UPDATE OF revoked_at OR DELETE ON refresh_families
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('user_id');

-- 2. Password reset: a code sent by email, stored as a keyed hash, single use, expiring, 5 attempts. Only the
--    newest code of a user is open (a new request consumes the older ones).
CREATE TABLE password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at);

-- 3. The product list is most often filtered by kind (sheets, services, designs): keyset indexes per kind read
--    exactly one page of rows instead of skipping the other kinds.
CREATE INDEX products_org_kind_created_idx ON products (org_id, kind, created_at, id);
CREATE INDEX products_org_kind_name_idx ON products (org_id, kind, name, id);
CREATE INDEX products_org_kind_price_idx ON products (org_id, kind, price_idr, id);

-- 4. Outbox delivery (console, SMTP): a failed message is retried with backoff and given up after a few attempts
--    instead of blocking the queue.
ALTER TABLE sender_outbox
  ADD COLUMN attempts int NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN last_error text;
