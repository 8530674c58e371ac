// The statements of a push around the in-memory merge, and the log of pushed mutations (sync_mutations). The
// first locks the device row (a pipelined batch waits here for the previous one to commit). The second claims
// the fresh mutations (INSERT ... ON CONFLICT DO NOTHING on the organisation's idempotency key) and reads and
// locks the records they touch, with a snapshot taken after the device lock, so it sees everything the device's
// previous batch wrote: the claimed rows are this push's to apply, the fresh ones not claimed were already
// processed (a re-installed device, or the same key twice in one batch) and are acknowledged as duplicates.
// Claims are written as applied, so the database writes them while the server validates the batch. The last
// statement writes the changed records, the rejections and the device's new last_mutation_id; a record another
// transaction created meanwhile makes it report a conflict, and the push is retried from the start.
import type { Queryable } from '../db/db';
import type { MutationEnvelope, RejectionReason } from '../../../src-shared/sync/protocol';
import { lockedRecordsJson, rawTarget, targetParams, UPSERT_RECORDS_CTES, upsertParams, type Row } from './apply-records';

/** Registers the device on first use and locks its row for the push; returns its organisation and last id. */
export async function lockDevice(q: Queryable, orgId: string, userId: string, deviceId: string): Promise<{ orgId: string; last: number }> {
  const [d] = await q.query<{ org_id: string; last_mutation_id: number }>(
    `INSERT INTO sync_devices (device_id, org_id, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (device_id) DO UPDATE SET last_seen_at = now() RETURNING org_id, last_mutation_id`,
    [deviceId, orgId, userId],
  );
  return { orgId: d.org_id, last: Number(d.last_mutation_id) };
}

/** Logs the fresh mutations and reads and locks the records the batch names, in one statement. Returns the
 * claimed mutation ids (the rest are duplicates by key) and the records. */
export async function claimAndRead(q: Queryable, orgId: string, userId: string, deviceId: string, fresh: MutationEnvelope[], all: MutationEnvelope[]): Promise<{ claimed: Set<number>; records: Row[] }> {
  const targets = all.flatMap((m) => rawTarget(m) ?? []);
  const [r] = await q.query<{ claimed: number[]; records: Row[] }>(
    `WITH c AS (
       INSERT INTO sync_mutations (device_id, mutation_id, org_id, idempotency_key, type, status, reason, user_id)
       SELECT $1, x.mid, $2, x.k, x.t, 'applied', NULL, $3 FROM jsonb_to_recordset($4::jsonb) AS x(mid bigint, k text, t text)
       ORDER BY x.mid
       ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING mutation_id
     )
     SELECT (SELECT coalesce(array_agg(mutation_id), '{}') FROM c) AS claimed, ${lockedRecordsJson('$5', '$6')} AS records`,
    [deviceId, orgId, userId, JSON.stringify(fresh.map((m) => ({ mid: m.mutationId, k: m.idempotencyKey, t: m.type.slice(0, 100) }))), ...targetParams(targets)],
  );
  return { claimed: new Set(r.claimed.map(Number)), records: r.records };
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

/** Writes the changed records, the batch's rejections and the device's new last mutation id, in one statement.
 * Returns false (and the caller retries the push) when a record it took for new was created meanwhile. */
export async function finish(q: Queryable, orgId: string, deviceId: string, lastMutationId: number, rows: Row[], rejected: { key: string; reason: RejectionReason }[]): Promise<boolean> {
  const [r] = await q.query<{ written: number }>(
    `WITH ${UPSERT_RECORDS_CTES}, r AS (
       UPDATE sync_mutations m SET status = 'rejected', reason = x.r
       FROM jsonb_to_recordset($6::jsonb) AS x(k text, r jsonb) WHERE m.org_id = $1 AND m.idempotency_key = x.k
     )
     UPDATE sync_devices SET last_mutation_id = $5, last_seen_at = now() WHERE device_id = $4
     RETURNING (SELECT count(*) FROM w)::int AS written`,
    [...upsertParams(orgId, rows), deviceId, lastMutationId, JSON.stringify(rejected.map((r) => ({ k: r.key, r: r.reason })))],
  );
  return r.written === rows.length;
}
