// The first and last statements of a push, and the log of pushed mutations (sync_mutations). The first statement
// locks the device, claims the fresh mutations (INSERT ... ON CONFLICT DO NOTHING on the organisation's
// idempotency key) and reads and locks the records they touch: the claimed rows are this push's to apply, the
// fresh ones not claimed were already processed (a re-installed device, or the same key twice in one batch) and
// are acknowledged as duplicates. Claims are written as applied, so the database writes them while the server
// validates the batch. The last statement writes the changed records, the rejections and the device's new
// last_mutation_id.
import type { Queryable } from '../db/db';
import type { MutationEnvelope, RejectionReason } from '../../../src-shared/sync/protocol';
import { lockedRecordsJson, rawTarget, targetParams, UPSERT_RECORDS_CTES, upsertParams, type Row } from './apply-records';

/** Registers the device on first use and locks its row for the push, logs the mutations above its last applied
 * id, and reads and locks the records the mutations name, in one statement. Returns the device's organisation
 * and last id, the claimed mutation ids (the fresh ones not claimed are duplicates by key) and the records. */
export async function lockAndClaim(q: Queryable, orgId: string, userId: string, deviceId: string, muts: MutationEnvelope[]): Promise<{ orgId: string; last: number; claimed: Set<number>; records: Row[] }> {
  const targets = muts.flatMap((m) => rawTarget(m) ?? []);
  const [d] = await q.query<{ org_id: string; last_mutation_id: number; claimed: number[]; records: Row[] }>(
    `WITH d AS (
       INSERT INTO sync_devices (device_id, org_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (device_id) DO UPDATE SET last_seen_at = now() RETURNING org_id, last_mutation_id
     ), c AS (
       INSERT INTO sync_mutations (device_id, mutation_id, org_id, idempotency_key, type, status, reason, user_id)
       SELECT $1, x.mid, $2, x.k, x.t, 'applied', NULL, $3
       FROM d, jsonb_to_recordset($4::jsonb) AS x(mid bigint, k text, t text)
       WHERE d.org_id = $2 AND x.mid > d.last_mutation_id
       ORDER BY x.mid
       ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING mutation_id
     )
     SELECT d.org_id, d.last_mutation_id, (SELECT coalesce(array_agg(mutation_id), '{}') FROM c) AS claimed,
       ${lockedRecordsJson('$5', '$6')} AS records
     FROM d`,
    [deviceId, orgId, userId, JSON.stringify(muts.map((m) => ({ mid: m.mutationId, k: m.idempotencyKey, t: m.type.slice(0, 100) }))), ...targetParams(targets)],
  );
  return { orgId: d.org_id, last: Number(d.last_mutation_id), claimed: new Set(d.claimed.map(Number)), records: d.records };
}

/** The recorded rejection (or null) of each idempotency key already in the log. */
export async function reasonsByKey(q: Queryable, orgId: string, keys: string[]): Promise<Map<string, RejectionReason | null>> {
  if (!keys.length) return new Map();
  const rows = await q.query<{ idempotency_key: string; reason: RejectionReason | null }>(
    'SELECT idempotency_key, reason FROM sync_mutations WHERE org_id = $1 AND idempotency_key = ANY($2::text[])', [orgId, keys]);
  return new Map(rows.map((r) => [r.idempotency_key, r.reason]));
}

/** The recorded rejections among a device's mutation ids (replays of mutations at or below its last id). */
export async function rejectionsById(q: Queryable, deviceId: string, ids: number[]): Promise<Map<number, RejectionReason>> {
  if (!ids.length) return new Map();
  const rows = await q.query<{ mutation_id: number; reason: RejectionReason }>(
    "SELECT mutation_id, reason FROM sync_mutations WHERE device_id = $1 AND status = 'rejected' AND mutation_id = ANY($2::bigint[])", [deviceId, ids]);
  return new Map(rows.map((r) => [Number(r.mutation_id), r.reason]));
}

/** Writes the changed records, the batch's rejections and the device's new last mutation id, in one statement. */
export async function finish(q: Queryable, orgId: string, deviceId: string, lastMutationId: number, rows: Row[], rejected: { key: string; reason: RejectionReason }[]): Promise<void> {
  await q.query(
    `WITH ${UPSERT_RECORDS_CTES}, r AS (
       UPDATE sync_mutations m SET status = 'rejected', reason = x.r
       FROM jsonb_to_recordset($6::jsonb) AS x(k text, r jsonb) WHERE m.org_id = $1 AND m.idempotency_key = x.k
     )
     UPDATE sync_devices SET last_mutation_id = $5, last_seen_at = now() WHERE device_id = $4`,
    [...upsertParams(orgId, rows), deviceId, lastMutationId, JSON.stringify(rejected.map((r) => ({ k: r.key, r: r.reason })))],
  );
}
