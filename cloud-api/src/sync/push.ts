// One push: the device's mutations applied in mutationId order inside one database transaction, each mutation in
// its own savepoint (a sub-transaction: a failure rolls back that mutation only and is recorded as a rejection).
// The batch commits once, so the acknowledgement is durable before the reply and a crash mid-commit loses the
// whole batch, which the device then re-sends and the server applies exactly once. Duplicates (a mutation id at
// or below the device's last_mutation_id, or an idempotency key already seen) are acknowledged with their first
// result. The device's last_mutation_id always advances past every mutation of the batch, rejected or not.
import type { Db, Queryable } from '../db/db';
import { pgErrorCode } from '../db/db';
import { errors } from '../http/errors';
import type { Permission } from '../rbac/matrix';
import type { Principal } from '../rbac/principal';
import type { MutationType } from '../../../src-shared/sync/mutations';
import type { MutationEnvelope, MutationResult, PushRequest, PushResponse, RejectionReason } from '../../../src-shared/sync/protocol';
import { parseMutation, type ParsedMutation } from '../../../src-shared/sync/validate';
import { applyRecordMutations, type RecordMutation } from './apply-records';
import { createOrder, transitionOrder } from './apply-orders';
import { Rejection, rejected } from './rejection';

/** The permission each mutation type needs; order transitions need the one the state machine names. */
const MUTATION_PERMISSION: Record<MutationType, Permission | null> = {
  'customer.upsert': 'order.create',
  'quote.upsert': 'order.create',
  'order.create': 'order.create',
  'order.transition': null,
  'design.addRevision': 'product.create',
};

const RETRYABLE = new Set(['40P01', '40001']); // deadlock with an order route, serialization failure
const MAX_ATTEMPTS = 3;

interface Logged {
  m: MutationEnvelope;
  reason: RejectionReason | null;
}

export async function lockDevice(q: Queryable, p: Principal, deviceId: string): Promise<number> {
  await q.query(
    `INSERT INTO sync_devices (device_id, org_id, user_id) VALUES ($1, $2, $3) ON CONFLICT (device_id) DO NOTHING`,
    [deviceId, p.orgId, p.userId],
  );
  const [d] = await q.query<{ org_id: string; last_mutation_id: number }>(
    'SELECT org_id, last_mutation_id FROM sync_devices WHERE device_id = $1 FOR UPDATE', [deviceId]);
  if (d.org_id !== p.orgId) throw errors.forbidden('this device is registered to another organisation', 'perangkat ini terdaftar di organisasi lain');
  return Number(d.last_mutation_id);
}

export async function push(db: Db, p: Principal, body: PushRequest, requestId: string, nowMs: () => number = Date.now): Promise<PushResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx((q) => pushInTx(q, p, body, requestId, nowMs()));
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(pgErrorCode(err) ?? '')) throw err;
    }
  }
}

async function pushInTx(q: Queryable, p: Principal, body: PushRequest, requestId: string, nowMs: number): Promise<PushResponse> {
  const last = await lockDevice(q, p, body.deviceId);
  const seen = new Set<number>();
  const ordered = [...body.mutations].sort((a, b) => a.mutationId - b.mutationId).filter((m) => !seen.has(m.mutationId) && seen.add(m.mutationId));
  const old = ordered.filter((m) => m.mutationId <= last);
  const fresh = ordered.filter((m) => m.mutationId > last);
  const results = new Map<number, MutationResult>();
  for (const r of await earlierResults(q, p.orgId, body.deviceId, old, fresh)) results.set(r.mutationId, r);

  const logged: Logged[] = [];
  let run: { m: MutationEnvelope; parsed: RecordMutation }[] = [];
  const flushRun = async () => {
    if (!run.length) return;
    const batch = run;
    run = [];
    for (const [i, reason] of (await applyRunSafely(q, p.orgId, batch.map((b) => b.parsed))).entries()) logged.push({ m: batch[i].m, reason });
  };
  for (const m of fresh) {
    if (results.has(m.mutationId)) continue; // idempotency key already applied under another mutation id
    const parsed = parseMutation(m, nowMs);
    const refusal = parsed.ok ? permissionRefusal(p, parsed.type) : parsed.reason;
    if (refusal || !parsed.ok) {
      logged.push({ m, reason: refusal });
      continue;
    }
    if (parsed.type === 'order.create' || parsed.type === 'order.transition') {
      await flushRun();
      logged.push({ m, reason: await inSavepoint(q, () => (parsed.type === 'order.create' ? createOrder(q, p, parsed.args, requestId) : transitionOrder(q, p, parsed.args, requestId))) });
    } else {
      run.push({ m, parsed });
    }
  }
  await flushRun();

  for (const l of logged) results.set(l.m.mutationId, { mutationId: l.m.mutationId, status: l.reason ? 'rejected' : 'applied', ...(l.reason ? { reason: l.reason } : {}) });
  const newLast = fresh.length ? Math.max(last, fresh[fresh.length - 1].mutationId) : last;
  if (logged.length) {
    await q.query(
      `INSERT INTO sync_mutations (device_id, mutation_id, org_id, idempotency_key, type, status, reason, user_id)
       SELECT $1, x.mid, $2, x.k, x.t, x.s, x.r, $3 FROM jsonb_to_recordset($4::jsonb) AS x(mid bigint, k text, t text, s text, r jsonb)`,
      [body.deviceId, p.orgId, p.userId, JSON.stringify(logged.map((l) => ({
        mid: l.m.mutationId, k: l.m.idempotencyKey, t: l.m.type.slice(0, 100), s: l.reason ? 'rejected' : 'applied', r: l.reason,
      })))],
    );
  }
  await q.query('UPDATE sync_devices SET last_mutation_id = $2, last_seen_at = now() WHERE device_id = $1', [body.deviceId, newLast]);
  return { results: ordered.map((m) => results.get(m.mutationId)!), lastMutationId: newLast };
}

/** Results of mutations already processed: by this device's id, or by idempotency key (a re-installed device). */
async function earlierResults(q: Queryable, orgId: string, deviceId: string, old: MutationEnvelope[], fresh: MutationEnvelope[]): Promise<MutationResult[]> {
  const out: MutationResult[] = [];
  if (old.length) {
    const rows = await q.query<{ mutation_id: number; reason: RejectionReason | null }>(
      "SELECT mutation_id, reason FROM sync_mutations WHERE device_id = $1 AND status = 'rejected' AND mutation_id = ANY($2::bigint[])", [deviceId, old.map((m) => m.mutationId)]);
    const byId = new Map(rows.map((r) => [Number(r.mutation_id), r.reason]));
    for (const m of old) out.push({ mutationId: m.mutationId, status: 'duplicate', ...(byId.get(m.mutationId) ? { reason: byId.get(m.mutationId)! } : {}) });
  }
  if (fresh.length) {
    const rows = await q.query<{ idempotency_key: string; reason: RejectionReason | null }>(
      'SELECT idempotency_key, reason FROM sync_mutations WHERE org_id = $1 AND idempotency_key = ANY($2::text[])', [orgId, fresh.map((m) => m.idempotencyKey)]);
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r.reason]));
    for (const m of fresh) {
      if (byKey.has(m.idempotencyKey)) out.push({ mutationId: m.mutationId, status: 'duplicate', ...(byKey.get(m.idempotencyKey) ? { reason: byKey.get(m.idempotencyKey)! } : {}) });
    }
  }
  return out;
}

function permissionRefusal(p: Principal, type: ParsedMutation['type']): RejectionReason | null {
  const perm = MUTATION_PERMISSION[type];
  if (perm && !p.permissions.has(perm)) return rejected('forbidden', `${type} needs permission ${perm}`, `${type} memerlukan izin ${perm}`).reason;
  return null;
}

let savepoints = 0;
/** Runs `fn` in a savepoint; a Rejection rolls it back and is returned, any other error aborts the push. */
async function inSavepoint(q: Queryable, fn: () => Promise<unknown>): Promise<RejectionReason | null> {
  const name = `m${++savepoints}`;
  await q.query(`SAVEPOINT ${name}`);
  try {
    await fn();
    await q.query(`RELEASE SAVEPOINT ${name}`);
    return null;
  } catch (err) {
    await q.query(`ROLLBACK TO SAVEPOINT ${name}`);
    if (err instanceof Rejection) return err.reason;
    if (pgErrorCode(err) === '22P02' || pgErrorCode(err) === '23503') return rejected('bad_input', `invalid value: ${(err as Error).message}`, 'nilai tidak valid').reason;
    throw err;
  }
}

/** A run of record mutations in bulk; if the bulk write fails, each one again in its own savepoint, so a value
 * the database refuses rejects only its own mutation. A failure of a single mutation that is not a rejection
 * (connection lost) aborts the push: the device retries it later, nothing is recorded as rejected. */
async function applyRunSafely(q: Queryable, orgId: string, muts: RecordMutation[]): Promise<(RejectionReason | null)[]> {
  let outcomes: (Rejection | null)[] = [];
  const apply = () => inSavepoint(q, async () => {
    outcomes = await applyRecordMutations(q, orgId, muts);
  });
  if (muts.length === 1) {
    const reason = await apply();
    return [reason ?? outcomes[0]?.reason ?? null];
  }
  const bulk = await apply().catch(() => 'failed' as const);
  if (bulk === null) return outcomes.map((o) => o?.reason ?? null);
  const out: (RejectionReason | null)[] = [];
  for (const m of muts) out.push(...(await applyRunSafely(q, orgId, [m])));
  return out;
}
