-- Response cache invalidation (src/http/notified-cache.ts): a write to products tells every replica that the
-- organisation's cached product list pages are stale (`catalog:<org id>`), a write to an order or its lines that
-- the cached order is (`order:<order id>`). The payload goes on the channel the replicas already listen to
-- (src/http/change-feed.ts) and is delivered when the transaction commits; identical payloads within one
-- transaction are delivered once. TRUNCATE announces `<topic>:*` (everything).
CREATE FUNCTION notify_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('principal_changed', TG_ARGV[0] || ':*');
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('principal_changed', TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1])); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('principal_changed', TG_ARGV[0] || ':' || (to_jsonb(NEW) ->> TG_ARGV[1])); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER products_cache_changed AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION notify_cache_changed('catalog', 'org_id');
CREATE TRIGGER products_cache_truncated AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_changed('catalog');

CREATE TRIGGER orders_cache_changed AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION notify_cache_changed('order', 'id');
CREATE TRIGGER orders_cache_truncated AFTER TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_changed('order');
CREATE TRIGGER order_lines_cache_changed AFTER INSERT OR UPDATE OR DELETE ON order_lines
  FOR EACH ROW EXECUTE FUNCTION notify_cache_changed('order', 'order_id');
CREATE TRIGGER order_lines_cache_truncated AFTER TRUNCATE ON order_lines
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_changed('order');
