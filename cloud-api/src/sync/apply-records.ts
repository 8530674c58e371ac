// Applies last-writer-wins mutations (customer.upsert, quote.upsert, design.addRevision) in bulk: the touched
// records are read and locked in one statement (the push folds it into its first statement), the merges run in
// memory in mutation order, and one statement reserves the organisation's versions and upserts every changed
// record (the push folds it into its last statement). This keeps a 1,000-mutation push batch within a few round
// trips instead of several per mutation. The version reservation takes the row lock on sync_versions, held until
// the writing transaction commits, so versions become visible in order and a pull cursor never skips a late
// commit.
import type { Queryable } from '../db/db';
import { mergeLww, stamp, type LwwRecord } from '../../../src-shared/sync/lww';
import type { MutationArgs } from '../../../src-shared/sync/mutations';
import type { MutationEnvelope } from '../../../src-shared/sync/protocol';
import { UUID_PATTERN, type ParsedMutation } from '../../../src-shared/sync/validate';
import { Rejection, rejected } from './rejection';

export type RecordMutation = Extract<ParsedMutation, { type: 'customer.upsert' | 'quote.upsert' | 'design.addRevision' }>;
type Kind = 'customer' | 'quote' | 'design_revision';
export type Target = { kind: Kind; id: string };

export interface Row {
  kind: Kind;
  id: string;
  org_id: string;
  doc: Record<string, unknown>;
  clocks: Record<string, string>;
  deleted: boolean;
  /** The organisation version of its last write, as read (absent on rows this push builds). */
  version?: number;
  /** Not in the database when the push read it: inserted, never updated. */
  fresh?: boolean;
}

/** The records a push has read and locked, the ones it changed, and the latest revision number per design. */
export interface RecordState {
  rows: Map<string, Row>;
  dirty: Map<string, Row>;
  revisions: Map<string, number>;
}

const MAX_DESIGN_BODY_CHARS = 5_000_000;
const KIND_OF: Record<string, Kind> = { 'customer.upsert': 'customer', 'quote.upsert': 'quote', 'design.addRevision': 'design_revision' };
/** The key of a record in a push's maps. */
export const keyOf = (t: Target) => `${t.kind}:${t.id.toLowerCase()}`;

export function recordTarget(m: RecordMutation): Target {
  if (m.type === 'design.addRevision') return { kind: 'design_revision', id: m.args.revisionId };
  return { kind: m.type === 'customer.upsert' ? 'customer' : 'quote', id: m.args.id };
}

/** The record an unvalidated mutation would touch, to read it before validation finishes (null if none). */
export function rawTarget(m: MutationEnvelope): Target | null {
  const kind = KIND_OF[m.type];
  const args = m.args as { id?: unknown; revisionId?: unknown } | null;
  const id = kind === 'design_revision' ? args?.revisionId : args?.id;
  return kind && typeof id === 'string' && UUID_PATTERN.test(id) ? { kind, id } : null;
}

/** Records read and locked, with the keys of every target read (found or not). */
export interface Loaded {
  rows: Row[];
  read: Set<string>;
}

/** A scalar subquery: the records of the targets given as JSON ([{kind, id}]) in parameter `param`, as one JSON
 * array, optionally locking them. */
export function recordsByTarget(param: string, lock: boolean): string {
  return `SELECT coalesce(json_agg(r), '[]') FROM (
       SELECT kind, id, org_id, doc, clocks, deleted, version FROM sync_records
       WHERE (kind, id) IN (SELECT x.kind, x.id FROM jsonb_to_recordset(${param}::jsonb) AS x(kind text, id uuid))
       ORDER BY kind, id${lock ? ' FOR UPDATE' : ''}) r`;
}

/** Reads and locks the records of the targets (one statement). */
export async function readRecords(q: Queryable, targets: Target[]): Promise<Loaded> {
  const [r] = await q.query<{ records: Row[] }>(`SELECT (${recordsByTarget('$1', true)}) AS records`, [JSON.stringify(targets)]);
  return loadedOf(r.records, targets);
}

/** What a read of `targets` found, with every target marked read. */
export function loadedOf(rows: Row[], targets: Target[]): Loaded {
  return { rows, read: new Set(targets.map(keyOf)) };
}

/** Locks the rows read optimistically and tells whether each still has the version that was read. */
export async function stillAsRead(q: Queryable, rows: Row[]): Promise<boolean> {
  if (!rows.length) return true;
  const now = (await readRecords(q, rows.map((r) => ({ kind: r.kind, id: r.id })))).rows;
  const versions = new Map(now.map((r) => [keyOf(r), Number(r.version)]));
  return rows.every((r) => versions.get(keyOf(r)) === Number(r.version));
}

/** The state of a push over the records already read; reads and locks the targets not read yet and the designs'
 * latest revision numbers. */
export async function recordState(q: Queryable, orgId: string, muts: RecordMutation[], loaded: Loaded = { rows: [], read: new Set() }): Promise<RecordState> {
  const rows = new Map(loaded.rows.map((r) => [keyOf(r), r]));
  const missing = muts.map(recordTarget).filter((t) => !loaded.read.has(keyOf(t)));
  if (missing.length) for (const r of (await readRecords(q, missing)).rows) rows.set(keyOf(r), r);
  return { rows, dirty: new Map(), revisions: await latestRevisions(q, orgId, muts) };
}

/** Merges the mutations in order into the state; returns, per mutation, null when applied or the rejection. */
export function mergeRecordMutations(state: RecordState, orgId: string, muts: RecordMutation[]): (Rejection | null)[] {
  return muts.map((m) => {
    const t = recordTarget(m);
    const key = keyOf(t);
    try {
      const row = state.rows.get(key);
      if (row && row.org_id !== orgId) throw rejected('not_found', `${t.kind} ${t.id} not found in your organisation`, `${t.kind} ${t.id} tidak ditemukan di organisasi Anda`);
      const next = m.type === 'design.addRevision' ? newRevision(orgId, m.args, row, state.revisions) : mergeUpsert(orgId, t, m.args, row);
      if (next) {
        next.fresh = !row || row.fresh === true;
        state.rows.set(key, next);
        state.dirty.set(key, next);
      }
      return null;
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      return err;
    }
  });
}

function mergeUpsert(orgId: string, t: Target, args: MutationArgs<'quote.upsert'> | MutationArgs<'customer.upsert'>, row: Row | undefined): Row | null {
  if (row?.deleted) throw rejected('conflict', `${t.kind} ${t.id} was deleted`, `${t.kind} ${t.id} telah dihapus`);
  const base: LwwRecord = row ? { fields: row.doc, clocks: row.clocks } : { fields: {}, clocks: {} };
  const { record, changed } = mergeLww(base, stamp(args.fields, args.hlc));
  if (!changed.length) return null;
  if (t.kind === 'customer' && typeof record.fields.name !== 'string' && record.fields.deleted !== true) {
    throw rejected('bad_input', 'a new customer needs a name', 'pelanggan baru memerlukan nama');
  }
  const deleted = record.fields.deleted === true;
  return { kind: t.kind, id: t.id, org_id: orgId, doc: record.fields, clocks: record.clocks, deleted };
}

/** The highest revision number of each design the mutations add a revision to. */
async function latestRevisions(q: Queryable, orgId: string, muts: RecordMutation[]): Promise<Map<string, number>> {
  const designIds = [...new Set(muts.flatMap((m) => (m.type === 'design.addRevision' ? [m.args.designId] : [])))];
  if (!designIds.length) return new Map();
  const rows = await q.query<{ design_id: string; n: number }>(
    `SELECT doc->>'designId' AS design_id, max((doc->>'revision')::int) AS n FROM sync_records
     WHERE org_id = $1 AND kind = 'design_revision' AND doc->>'designId' = ANY($2::text[]) GROUP BY 1`,
    [orgId, designIds],
  );
  return new Map(rows.map((r) => [r.design_id, Number(r.n)]));
}

function newRevision(orgId: string, args: MutationArgs<'design.addRevision'>, row: Row | undefined, revisions: Map<string, number>): Row | null {
  if (row) return null; // the same revision id again: revisions are immutable, nothing to do
  if (JSON.stringify(args.body).length > MAX_DESIGN_BODY_CHARS) {
    throw rejected('too_large', 'the design revision is larger than 5 MB', 'revisi desain lebih besar dari 5 MB');
  }
  const revision = (revisions.get(args.designId) ?? 0) + 1;
  revisions.set(args.designId, revision);
  return {
    kind: 'design_revision', id: args.revisionId, org_id: orgId, clocks: {}, deleted: false,
    doc: { designId: args.designId, name: args.name, body: args.body, revision },
  };
}

/** CTEs `v` (versions reserved: $1 organisation, $3 count) and `w` (one row per record written from the $2 JSON
 * rows: the new ones inserted, the others updated). The insert is a plain one (ON CONFLICT's speculative insertion
 * costs about half as much again per row): a record another transaction created meanwhile fails it with a unique
 * violation of sync_records_pkey, and the push is retried from the start. */
export const UPSERT_RECORDS_CTES = `v AS (
    INSERT INTO sync_versions AS v (org_id, version) SELECT $1::uuid, $3::bigint WHERE $3::bigint > 0
    ON CONFLICT (org_id) DO UPDATE SET version = v.version + $3::bigint RETURNING v.version - $3::bigint AS base
  ), x AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(kind text, id uuid, doc jsonb, clocks jsonb, deleted boolean, n bigint, fresh boolean)
  ), wi AS (
    INSERT INTO sync_records (kind, id, org_id, doc, clocks, deleted, version)
    SELECT x.kind, x.id, $1::uuid, x.doc, x.clocks, x.deleted, v.base + x.n FROM v, x WHERE x.fresh RETURNING 1
  ), wu AS (
    UPDATE sync_records r SET doc = x.doc, clocks = x.clocks, deleted = x.deleted, version = v.base + x.n, updated_at = now()
    FROM v, x WHERE NOT x.fresh AND r.kind = x.kind AND r.id = x.id AND r.org_id = $1::uuid RETURNING 1
  ), w AS (SELECT 1 FROM wi UNION ALL SELECT 1 FROM wu)`;

/** Parameters $1..$3 of UPSERT_RECORDS_CTES. One JSON text parameter instead of parallel arrays: no per-element
 * array escaping. */
export function upsertParams(orgId: string, rows: Row[]): [string, string, number] {
  return [orgId, JSON.stringify(rows.map((r, i) => ({ kind: r.kind, id: r.id, doc: r.doc, clocks: r.clocks, deleted: r.deleted, n: i + 1, fresh: r.fresh === true }))), rows.length];
}

/** The error a push retries on: a record this transaction read and locked was no longer there to update. */
export const recordRace = () => Object.assign(new Error('a record changed under a concurrent push; retrying'), { code: '40001' });

/** Reads, merges and writes a run of mutations on its own (the safe path, inside a savepoint). */
export async function applyRecordMutations(q: Queryable, orgId: string, muts: RecordMutation[]): Promise<(Rejection | null)[]> {
  const state = await recordState(q, orgId, muts);
  const outcomes = mergeRecordMutations(state, orgId, muts);
  const rows = [...state.dirty.values()];
  if (rows.length) {
    const [w] = await q.query<{ written: number }>(`WITH ${UPSERT_RECORDS_CTES} SELECT (SELECT count(*) FROM w)::int AS written`, upsertParams(orgId, rows));
    if (w.written !== rows.length) throw recordRace();
  }
  return outcomes;
}
