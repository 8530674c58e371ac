// The statements of a push around the in-memory merge, and the log of pushed mutations (sync_mutations). The
// first claims the batch's mutations: a plain INSERT of the keys not yet in the organisation's log (about a third
// cheaper than INSERT ... ON CONFLICT, whose speculative insertion costs more per row; at first it does not even
// look for logged keys, see claim). The claimed rows are this push's to apply; the others were already processed
// (a replay, a re-installed device, or the same key twice in one batch) and are acknowledged as duplicates. A
// concurrent push that logs the same key first makes the INSERT fail with a unique violation, and the push is
// retried from the start (see isInsertRace). The claim runs before the device lock, so a pipelined batch writes
// its log rows while the previous batch still holds the lock; an optimistic push also reads its records in it.
// The second statement locks the device row; after it, a pessimistic push reads and locks the records with a
// fresh snapshot that sees everything the device's previous batch wrote. Claims are written as applied; the last
// statement writes the changed records, the rejections and the device's new last_mutation_id, and drops the
// claims of mutation ids the device had already passed (never applied: a device that reuses ids). A record
// another transaction created meanwhile fails it with a unique violation, and the push is retried from the start.
import { pgErrorCode, type Queryable } from '../db/db';
import type { MutationEnvelope, RejectionReason } from '../../../src-shared/sync/protocol';
import { UPSERT_RECORDS_CTES, recordsByTarget, loadedOf, upsertParams, type Loaded, type Row, type Target } from './apply-records';

/** Registers the device on first use and locks its row for the push; returns its organisation and last id. */
export async function lockDevice(q: Queryable, orgId: string, userId: string, deviceId: string): Promise<{ orgId: string; last: number }> {
  const [d] = await q.query<{ org_id: string; last_mutation_id: number }>(
    `INSERT INTO sync_devices (device_id, org_id, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (device_id) DO UPDATE SET last_seen_at = now() RETURNING org_id, last_mutation_id`,
    [deviceId, orgId, userId],
  );
  return { orgId: d.org_id, last: Number(d.last_mutation_id) };
}

/** Records read without locking and the device's last applied mutation id, in the claim's snapshot. */
export interface ReadAhead {
  loaded: Loaded;
  deviceLast: number;
}

/** Logs the mutations in order (each key once: its first mutation); returns the claimed mutation ids (the rest
 * are duplicates by key), and with `readAhead` the records of those targets and the device's last id, read in the
 * same statement without locks (an optimistic push). Without `probe` the keys are inserted blindly, the cheap
 * common case: a key already logged fails the statement with a unique violation (isLoggedKey) and the push claims
 * again with `probe`, which skips the logged keys and answers with the ids it did not log instead of a row per
 * mutation. */
export async function claim(q: Queryable, orgId: string, userId: string, deviceId: string, muts: MutationEnvelope[], probe: boolean, readAhead?: Target[]): Promise<{ claimed: Set<number>; ahead?: ReadAhead }> {
  const keys = new Set<string>();
  const first = muts.filter((m) => !keys.has(m.idempotencyKey) && keys.add(m.idempotencyKey));
  const [r] = await q.query<{ unlogged: number[]; records: Row[] | null; last: number | null }>(
    // The probe is a scalar subquery per key (a look-up in the primary key): NOT EXISTS would be planned as an
    // anti-join that may read the organisation's whole log. Without the probe the INSERT logs every key or fails,
    // so nothing is left unlogged and nothing needs returning.
    `WITH x AS (SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(mid bigint, k text, t text)), logged AS (
       INSERT INTO sync_mutations (device_id, mutation_id, org_id, idempotency_key, type, status, reason, user_id)
       SELECT $1, x.mid, $2, x.k, x.t, 'applied', NULL, $3 FROM x
       ${probe ? `WHERE (SELECT true FROM sync_mutations m WHERE m.org_id = $2 AND m.idempotency_key = x.k) IS NULL
       RETURNING mutation_id` : ''}
     )
     SELECT ${probe ? "(SELECT coalesce(json_agg(x.mid), '[]') FROM x WHERE x.mid NOT IN (SELECT mutation_id FROM logged))" : "'[]'::json"} AS unlogged,
       ${readAhead ? `(${recordsByTarget('$5', false)}) AS records,
       (SELECT last_mutation_id FROM sync_devices WHERE device_id = $1) AS last` : 'NULL AS records, NULL AS last'}`,
    [deviceId, orgId, userId, JSON.stringify(first.map((m) => ({ mid: m.mutationId, k: m.idempotencyKey, t: m.type.slice(0, 100) }))), ...(readAhead ? [JSON.stringify(readAhead)] : [])],
  );
  const skipped = new Set(r.unlogged.map(Number));
  const claimed = new Set(first.flatMap((m) => (skipped.has(m.mutationId) ? [] : [m.mutationId])));
  if (!readAhead) return { claimed };
  return { claimed, ahead: { loaded: loadedOf(r.records ?? [], readAhead), deviceLast: Number(r.last ?? 0) } };
}

const violates = (err: unknown, constraint: string) =>
  pgErrorCode(err) === '23505' && (err as { constraint?: unknown } | null)?.constraint === constraint;

/** A unique violation of the log's key: a key of the batch is already logged. */
export function isLoggedKey(err: unknown): boolean {
  return violates(err, 'sync_mutations_pkey');
}

/** A unique violation of a log or record key: a concurrent push logged the same mutation or created the same
 * record first (the retried push sees it). */
export function isInsertRace(err: unknown): boolean {
  return isLoggedKey(err) || violates(err, 'sync_records_pkey');
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

/** Writes the changed records, the batch's rejections, drops the `unclaimed` keys and advances the device, in
 * one statement. Returns false (and the caller retries the push) when a record it took for new was created
 * meanwhile. */
export async function finish(q: Queryable, orgId: string, deviceId: string, lastMutationId: number, rows: Row[], rejected: { key: string; reason: RejectionReason }[], unclaimed: string[]): Promise<boolean> {
  const [r] = await q.query<{ written: number }>(
    `WITH ${UPSERT_RECORDS_CTES}, r AS (
       UPDATE sync_mutations m SET status = 'rejected', reason = x.r
       FROM jsonb_to_recordset($6::jsonb) AS x(k text, r jsonb) WHERE m.org_id = $1 AND m.idempotency_key = x.k
     ), u AS (
       DELETE FROM sync_mutations WHERE org_id = $1 AND idempotency_key = ANY($7::text[])
     )
     UPDATE sync_devices SET last_mutation_id = $5, last_seen_at = now() WHERE device_id = $4
     RETURNING (SELECT count(*) FROM w)::int AS written`,
    [...upsertParams(orgId, rows), deviceId, lastMutationId, JSON.stringify(rejected.map((r) => ({ k: r.key, r: r.reason }))), unclaimed],
  );
  return r.written === rows.length;
}
