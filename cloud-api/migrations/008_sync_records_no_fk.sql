-- Sync records are written only by the push code, which sets org_id from the authenticated principal (never from
-- the device) and scopes every read by it. Like sync_mutations, the table keeps no foreign key to organisations:
-- the per-row referential check was about a quarter of the cost of applying a 1,000-mutation push batch, and
-- organisations are never deleted while they hold data.
ALTER TABLE sync_records DROP CONSTRAINT sync_records_org_id_fkey;
