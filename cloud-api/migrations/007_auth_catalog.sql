-- Hot read paths (measured by `npm run bench:api`).
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

-- 2. The product list is most often filtered by kind (sheets, services, designs): keyset indexes per kind read
--    exactly one page of rows instead of skipping the other kinds.
CREATE INDEX products_org_kind_created_idx ON products (org_id, kind, created_at, id);
CREATE INDEX products_org_kind_name_idx ON products (org_id, kind, name, id);
CREATE INDEX products_org_kind_price_idx ON products (org_id, kind, price_idr, id);
