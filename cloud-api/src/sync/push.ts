// One push: the device's mutations applied in mutationId order inside one database transaction. Each mutation is
// applied or rejected on its own: the batch is validated and classified in JS first (a malformed, unknown or
// forbidden mutation is rejected without touching the database), runs of record mutations are applied with
// set-based statements inside a savepoint (and replayed one by one in their own savepoints only if the bulk write
// fails), and each order mutation runs in its own savepoint. The batch commits once, so the acknowledgement is
// durable before the reply and a crash mid-commit loses the whole batch, which the device then re-sends and the
// server applies exactly once. Duplicates (a mutation id at or below the device's last_mutation_id, or an
// idempotency key already logged) are acknowledged with their first result. The device's last_mutation_id always
// advances past every mutation of the batch, rejected or not. A batch of last-writer-wins upserts is read and
// merged before it waits for the device lock (optimistic), and applied only if nothing it read changed meanwhile.
import type { Db, Queryable } from '../db/db';
import { pgErrorCode } from '../db/db';
import { errors } from '../http/errors';
import type { Permission } from '../rbac/matrix';
import type { Principal } from '../rbac/principal';
import type { MutationType } from '../../../src-shared/sync/mutations';
import type { MutationEnvelope, MutationResult, PushRequest, PushResponse, RejectionReason } from '../../../src-shared/sync/protocol';
import { parseMutation, type ParsedMutation } from '../../../src-shared/sync/validate';
import { applyRecordMutations, keyOf, mergeRecordMutations, rawTarget, readRecords, recordRace, recordState, stillAsRead, type RecordMutation } from './apply-records';
import { createOrder, transitionOrder } from './apply-orders';
import { claim, finish, isInsertRace, isLoggedKey, lockDevice, reasonsByKey, rejectionsById } from './mutation-log';
import { Rejection, rejected } from './rejection';

/** The permission each mutation type needs; order transitions need the one the state machine names. */
const MUTATION_PERMISSION: Record<MutationType, Permission | null> = {
  'customer.upsert': 'order.create',
  'quote.upsert': 'order.create',
  'order.create': 'order.create',
  'order.transition': null,
  'design.addRevision': 'product.create',
};

// Deadlock with an order route or a concurrent claim, serialization failure, record race (and isInsertRace).
const RETRYABLE = new Set(['40P01', '40001']);
/** Mutations validated between two yields to the event loop (so the database statements are not held up). */
const VALIDATION_CHUNK = 100;
const MAX_ATTEMPTS = 3;

export async function push(db: Db, p: Principal, body: PushRequest, requestId: string, nowMs: () => number = Date.now): Promise<PushResponse> {
  let safe = false;
  let probe = false;
  let optimistic = true;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx((q) => pushInTx(q, p, body, requestId, nowMs(), { safe, probe, optimistic }));
    } catch (err) {
      const code = pgErrorCode(err) ?? '';
      const race = isInsertRace(err);
      // What an optimistic push read changed before it held the device lock, or a record it took for new was
      // created meanwhile (a pipelined batch naming a record the batch before it created): apply it under the
      // lock. Not counted as an attempt (it happens once at most).
      if (optimistic && (err === OPTIMISTIC_MISS || (race && !isLoggedKey(err)))) {
        optimistic = false;
        attempt--;
        continue;
      }
      // A key already in the log (a replayed batch, or a concurrent push of the same one): claim again, skipping
      // the logged keys. Not counted as an attempt: the first claim does not look for them, to save the probes.
      if (!probe && isLoggedKey(err)) {
        probe = true;
        attempt--;
        continue;
      }
      // The database refused a value of the bulk write (data or integrity class): the whole transaction rolled
      // back; apply the batch again with a savepoint per mutation so only the offending one is rejected.
      if (!safe && !race && /^2[23]/.test(code)) {
        safe = true;
        continue;
      }
      if (attempt >= MAX_ATTEMPTS || !(race || RETRYABLE.has(code))) throw err;
    }
  }
}

type Valid = { m: MutationEnvelope; parsed: ParsedMutation & { ok: true } };

/** Mutation types an optimistic push may merge before it holds the device lock: last-writer-wins upserts, whose
 * outcome depends only on the records they name (design revisions are numbered and orders run in savepoints,
 * both under the lock). */
const OPTIMISTIC_TYPES = new Set(['quote.upsert', 'customer.upsert']);
/** Thrown when what an optimistic push read before the device lock changed before it got the lock. */
const OPTIMISTIC_MISS = new Error('records changed before the device lock; applying the batch under the lock');

interface PushMode {
  /** Savepoints around each run of record mutations (after the database refused a bulk write). */
  safe: boolean;
  /** Claim skipping keys already logged (after the claim met one). */
  probe: boolean;
  /** Read and merge before the device lock, and check afterwards that nothing read has changed. */
  optimistic: boolean;
}

async function pushInTx(q: Queryable, p: Principal, body: PushRequest, requestId: string, nowMs: number, mode: PushMode): Promise<PushResponse> {
  const { safe, probe } = mode;
  const seen = new Set<number>();
  const ordered = [...body.mutations].sort((a, b) => a.mutationId - b.mutationId).filter((m) => !seen.has(m.mutationId) && seen.add(m.mutationId));
  const optimistic = mode.optimistic && !safe && ordered.every((m) => OPTIMISTIC_TYPES.has(m.type));

  // Claim the batch in the log, lock the device (a pipelined batch waits here for the previous one) and read the
  // records the batch names, statements queued on the connection at once, so each goes out the moment the one
  // before it is done. Pessimistically the read comes after the lock (a statement of its own, so its snapshot
  // sees everything the previous batch wrote) and locks the records. Optimistically the claim itself reads them,
  // with the device's last mutation id, before the lock, so the batch is merged while a pipelined batch still
  // waits for the lock; once the lock is held, the push goes on only if the device and the records read are as
  // they were (records created meanwhile fail the final insert), otherwise it starts again pessimistically.
  // Meanwhile validate the batch in JS, yielding between chunks.
  const named = ordered.map(rawTarget);
  const targets = named.flatMap((t) => t ?? []);
  // Optimistically the records the device says it made with this batch are taken for new without a look-up: if
  // one exists after all, the final insert fails and the push starts again pessimistically, reading every record.
  const made = new Set(optimistic ? named.flatMap((t, i) => (t && ordered[i].creates ? [keyOf(t)] : [])) : []);
  const readAhead = made.size ? targets.filter((t) => !made.has(keyOf(t))) : targets;
  const claiming = claim(q, p.orgId, p.userId, body.deviceId, ordered, probe, optimistic ? readAhead : undefined);
  const locking = lockDevice(q, p.orgId, p.userId, body.deviceId);
  const reading = optimistic ? null : readRecords(q, targets);
  for (const pending of [claiming, locking, reading]) pending?.catch(() => undefined); // awaited below, in order
  const locked = locking.then((d) => {
    if (d.orgId !== p.orgId) throw errors.forbidden('this device is registered to another organisation', 'perangkat ini terdaftar di organisasi lain');
    if (body.after !== undefined && d.last < body.after) {
      throw errors.conflict(`the batch after mutation ${body.after} has not been applied yet; send this one again after it`,
        `batch setelah mutasi ${body.after} belum diterapkan; kirim ulang batch ini sesudahnya`);
    }
    return d.last;
  });
  locked.catch(() => undefined);
  const refusals = new Map<number, RejectionReason | null>();
  const valid = new Map<number, Valid>();
  for (const [i, m] of ordered.entries()) {
    if (i % VALIDATION_CHUNK === VALIDATION_CHUNK - 1) await new Promise((r) => setImmediate(r));
    const parsed = parseMutation(m, nowMs);
    const refusal = parsed.ok ? permissionRefusal(p, parsed.type) : parsed.reason;
    refusals.set(m.mutationId, refusal);
    if (parsed.ok && !refusal) valid.set(m.mutationId, { m, parsed });
  }
  // In statement order: when the claim fails (a concurrent push logged the same key), its error is the one that
  // counts, not the aborted-transaction errors of the statements queued behind it.
  const { claimed: claimedAll, ahead } = await claiming;
  const records = ahead ? ahead.loaded : await reading!;
  for (const key of made) records.read.add(key); // known absent: not read again
  // Optimistically the device's last id is the one the batch names (a pipelined batch) or the one read.
  const last = ahead ? (body.after ?? ahead.deviceLast) : await locked;
  const old = ordered.filter((m) => m.mutationId <= last);
  const fresh = ordered.filter((m) => m.mutationId > last);
  const claimed = new Set(fresh.filter((m) => claimedAll.has(m.mutationId)).map((m) => m.mutationId));

  // Apply the claimed valid mutations in order. Fast mode merges every record mutation in memory over the records
  // read after the device lock and writes them with the last statement; safe mode applies each run of record
  // mutations in a savepoint. Order mutations run one by one, each in its own savepoint.
  const outcome = new Map<number, RejectionReason | null>(fresh.filter((m) => claimed.has(m.mutationId)).map((m) => [m.mutationId, refusals.get(m.mutationId)!]));
  const todo = fresh.flatMap((m) => (claimed.has(m.mutationId) && valid.has(m.mutationId) ? [valid.get(m.mutationId)!] : []));
  const isRecord = (v: Valid) => v.parsed.type !== 'order.create' && v.parsed.type !== 'order.transition';
  const recordMuts = todo.filter(isRecord);
  const state = safe ? null : await recordState(q, p.orgId, recordMuts.map((v) => v.parsed as RecordMutation), records);
  let run: Valid[] = [];
  const flushRun = async () => {
    const batch = run;
    run = [];
    if (!batch.length) return;
    const muts = batch.map((b) => b.parsed as RecordMutation);
    const reasons = state ? mergeRecordMutations(state, p.orgId, muts).map((r) => r?.reason ?? null) : await applyRunSafely(q, p.orgId, muts);
    for (const [i, reason] of reasons.entries()) outcome.set(batch[i].m.mutationId, reason);
  };
  for (const v of todo) {
    const parsed = v.parsed;
    if (parsed.type === 'order.create' || parsed.type === 'order.transition') {
      await flushRun();
      outcome.set(v.m.mutationId, await inSavepoint(q, () => (parsed.type === 'order.create' ? createOrder(q, p, parsed.args, requestId) : transitionOrder(q, p, parsed.args, requestId))));
    } else {
      run.push(v);
    }
  }
  await flushRun();

  // Results: first results of replays and duplicates, then this push's own outcomes.
  const mine = new Map(fresh.filter((m) => claimed.has(m.mutationId)).map((m) => [m.idempotencyKey, outcome.get(m.mutationId) ?? null]));
  const earlierById = await rejectionsById(q, body.deviceId, old.map((m) => m.mutationId));
  const earlierByKey = await reasonsByKey(q, p.orgId, [...new Set(fresh.filter((m) => !claimed.has(m.mutationId) && !mine.has(m.idempotencyKey)).map((m) => m.idempotencyKey))]);
  const results = ordered.map((m): MutationResult => {
    let status: MutationResult['status'] = 'duplicate';
    let reason: RejectionReason | null | undefined;
    if (m.mutationId <= last) reason = earlierById.get(m.mutationId);
    else if (claimed.has(m.mutationId)) {
      reason = outcome.get(m.mutationId);
      status = reason ? 'rejected' : 'applied';
    } else reason = mine.has(m.idempotencyKey) ? mine.get(m.idempotencyKey) : earlierByKey.get(m.idempotencyKey);
    return { mutationId: m.mutationId, status, ...(reason ? { reason } : {}) };
  });

  const newLast = fresh.length ? Math.max(last, fresh[fresh.length - 1].mutationId) : last;
  const rejections = fresh.filter((m) => claimed.has(m.mutationId) && outcome.get(m.mutationId));
  const unclaimed = old.filter((m) => claimedAll.has(m.mutationId)).map((m) => m.idempotencyKey);
  // Optimistically the check of what was read and the final write are queued behind the device lock at once, so
  // the database goes from the lock to the write without waiting for this process; the transaction commits only
  // if the check passed.
  const checking = optimistic ? stillAsRead(q, records.rows) : null;
  const finishing = finish(q, p.orgId, body.deviceId, newLast, state ? [...state.dirty.values()] : [], rejections.map((m) => ({ key: m.idempotencyKey, reason: outcome.get(m.mutationId)! })), unclaimed);
  for (const pending of [checking, finishing]) pending?.catch(() => undefined); // awaited below, in order
  if (checking && ((await locked) !== last || !(await checking))) throw OPTIMISTIC_MISS;
  if (!(await finishing)) throw recordRace();
  return { results, lastMutationId: newLast };
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
    const code = pgErrorCode(err);
    // Values PostgreSQL refuses that the schemas let through (a NUL character or a lone surrogate in JSON text).
    if (code === '22P02' || code === '22P05' || code === '23503') return rejected('bad_input', `invalid value: ${(err as Error).message}`, 'nilai tidak valid').reason;
    throw err;
  }
}

/** A run of record mutations in bulk inside a savepoint; if the bulk write fails, each one again in its own
 * savepoint, so a value the database refuses rejects only its own mutation. A failure of a single mutation that
 * is not a rejection (connection lost) aborts the push: the device retries it later, nothing is recorded as
 * rejected. */
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
