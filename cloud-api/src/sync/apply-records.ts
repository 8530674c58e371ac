// Applies a run of last-writer-wins mutations (customer.upsert, quote.upsert, design.addRevision) in bulk: one
// locking read of the touched records, the merges in memory, one version reservation and one multi-row upsert.
// This keeps a 10,000-mutation push within a few round trips per batch instead of several per mutation; the
// caller wraps the run in a savepoint and replays it one mutation at a time if the bulk write fails.
import type { Queryable } from '../db/db';
import { mergeLww, stamp, type LwwRecord } from '../../../src-shared/sync/lww';
import type { MutationArgs } from '../../../src-shared/sync/mutations';
import type { ParsedMutation } from '../../../src-shared/sync/validate';
import { Rejection, rejected } from './rejection';
import { reserveVersions } from './versions';

export type RecordMutation = Extract<ParsedMutation, { type: 'customer.upsert' | 'quote.upsert' | 'design.addRevision' }>;
type Kind = 'customer' | 'quote' | 'design_revision';

interface Row {
  kind: Kind;
  id: string;
  org_id: string;
  doc: Record<string, unknown>;
  clocks: Record<string, string>;
  deleted: boolean;
}

const MAX_DESIGN_BODY_CHARS = 5_000_000;

export function recordTarget(m: RecordMutation): { kind: Kind; id: string } {
  if (m.type === 'design.addRevision') return { kind: 'design_revision', id: m.args.revisionId };
  return { kind: m.type === 'customer.upsert' ? 'customer' : 'quote', id: m.args.id };
}

/** Returns, per mutation in order, null when applied or the rejection. */
export async function applyRecordMutations(q: Queryable, orgId: string, muts: RecordMutation[]): Promise<(Rejection | null)[]> {
  const targets = muts.map(recordTarget);
  const existing = await q.query<Row>(
    `SELECT kind, id, org_id, doc, clocks, deleted FROM sync_records
     WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[])) ORDER BY kind, id FOR UPDATE`,
    [targets.map((t) => t.kind), targets.map((t) => t.id)],
  );
  const rows = new Map(existing.map((r) => [`${r.kind}:${r.id}`, r]));
  const dirty = new Map<string, Row>();
  const outcomes: (Rejection | null)[] = [];
  for (const [i, m] of muts.entries()) {
    const t = targets[i];
    const key = `${t.kind}:${t.id}`;
    try {
      const row = rows.get(key);
      if (row && row.org_id !== orgId) throw rejected('not_found', `${t.kind} ${t.id} not found in your organisation`, `${t.kind} ${t.id} tidak ditemukan di organisasi Anda`);
      const next = m.type === 'design.addRevision' ? await newRevision(q, orgId, m.args, row) : mergeUpsert(orgId, t, m.args, row);
      if (next) {
        rows.set(key, next);
        dirty.set(key, next);
      }
      outcomes.push(null);
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      outcomes.push(err);
    }
  }
  if (dirty.size) await writeRows(q, orgId, [...dirty.values()]);
  return outcomes;
}

function mergeUpsert(orgId: string, t: { kind: Kind; id: string }, args: MutationArgs<'quote.upsert'> | MutationArgs<'customer.upsert'>, row: Row | undefined): Row | null {
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

async function newRevision(q: Queryable, orgId: string, args: MutationArgs<'design.addRevision'>, row: Row | undefined): Promise<Row | null> {
  if (row) return null; // the same revision id again: revisions are immutable, nothing to do
  if (JSON.stringify(args.body).length > MAX_DESIGN_BODY_CHARS) {
    throw rejected('too_large', 'the design revision is larger than 5 MB', 'revisi desain lebih besar dari 5 MB');
  }
  const [{ n }] = await q.query<{ n: number }>(
    `SELECT coalesce(max((doc->>'revision')::int), 0) AS n FROM sync_records
     WHERE org_id = $1 AND kind = 'design_revision' AND doc->>'designId' = $2`,
    [orgId, args.designId],
  );
  return {
    kind: 'design_revision', id: args.revisionId, org_id: orgId, clocks: {}, deleted: false,
    doc: { designId: args.designId, name: args.name, body: args.body, revision: Number(n) + 1 },
  };
}

async function writeRows(q: Queryable, orgId: string, rows: Row[]): Promise<void> {
  const first = await reserveVersions(q, orgId, rows.length);
  // One JSON text parameter (jsonb_to_recordset) instead of parallel arrays: no per-element array escaping.
  await q.query(
    `INSERT INTO sync_records AS r (kind, id, org_id, doc, clocks, deleted, version)
     SELECT x.kind, x.id, $1, x.doc, x.clocks, x.deleted, x.version
     FROM jsonb_to_recordset($2::jsonb) AS x(kind text, id uuid, doc jsonb, clocks jsonb, deleted boolean, version bigint)
     ON CONFLICT (kind, id) DO UPDATE SET doc = EXCLUDED.doc, clocks = EXCLUDED.clocks, deleted = EXCLUDED.deleted,
       version = EXCLUDED.version, updated_at = now()
     WHERE r.org_id = EXCLUDED.org_id`,
    [orgId, JSON.stringify(rows.map((r, i) => ({ kind: r.kind, id: r.id, doc: r.doc, clocks: r.clocks, deleted: r.deleted, version: first + i })))],
  );
}
