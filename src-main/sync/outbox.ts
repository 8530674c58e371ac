// The outbox: mutations in device order, written in the same transaction as the local change they describe.
// Rows leave only when a pull reports the server's lastMutationId at or above them (acknowledged: applied,
// duplicate or rejected), so a crash at any point re-sends them and the server's duplicate check makes the
// replay harmless.
import { v7 as uuidv7 } from 'uuid';
import type { MutationType } from '../../src-shared/sync/mutations';
import type { MutationEnvelope } from '../../src-shared/sync/protocol';
import type { Db } from '../store/database';
import { stmt } from './statements';

export type RecordKind = 'customer' | 'quote' | 'order' | 'design_revision';

export interface OutboxRow {
  mutation_id: number;
  idempotency_key: string;
  type: MutationType;
  args: string;
  client_time: string;
  record_kind: RecordKind;
  record_id: string;
  creates: number;
}

/** Queued mutations as the JSON text of a push request's `mutations` array, with their first and last ids. */
export interface EncodedBatch {
  mutations: string;
  count: number;
  first: number;
  last: number;
}

export class Outbox {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Queues a mutation; `creates` marks the first change of a record this device made (a hint for the server). */
  add(type: MutationType, args: unknown, kind: RecordKind, recordId: string, creates = false): number {
    const r = stmt(this.db, 'INSERT INTO outbox(idempotency_key, type, args, client_time, record_kind, record_id, creates) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(uuidv7(), type, JSON.stringify(args), this.now().toISOString(), kind, recordId, creates ? 1 : 0);
    return Number(r.lastInsertRowid);
  }

  /** Up to `limit` queued mutations above `after`, in order. */
  pending(limit: number, after = 0): MutationEnvelope[] {
    const rows = stmt(this.db, 'SELECT * FROM outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?').all(after, limit) as OutboxRow[];
    return rows.map((r) => ({
      mutationId: r.mutation_id, idempotencyKey: r.idempotency_key, type: r.type, args: JSON.parse(r.args), clientTime: r.client_time,
      ...(r.creates ? { creates: true } : {}),
    }));
  }

  /** Up to `limit` queued mutations above `after` as the JSON text of their envelopes: SQLite joins the stored
   * argument text (written by JSON.stringify in add) into it as it is, so a push neither parses the arguments nor
   * serialises them again (a third of the time of building it with SQLite's JSON functions). The array is not
   * sorted (an ORDER BY in the aggregate doubles its cost): the server applies a batch in mutationId order. Null
   * when nothing is queued. */
  pendingBatch(limit: number, after = 0): EncodedBatch | null {
    const r = stmt(this.db, `SELECT count(*) AS count, min(mutation_id) AS first, max(mutation_id) AS last,
        '[' || group_concat('{"mutationId":' || mutation_id || ',"idempotencyKey":' || json_quote(idempotency_key) || ',"type":' || json_quote(type)
          || ',"args":' || args || ',"clientTime":' || json_quote(client_time) || CASE WHEN creates THEN ',"creates":true}' ELSE '}' END, ',')
          || ']' AS mutations
      FROM (SELECT * FROM outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?)`).get(after, limit) as EncodedBatch;
    return r.count ? r : null;
  }

  count(): number {
    return (stmt(this.db, 'SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  }

  get(mutationId: number): OutboxRow | undefined {
    return stmt(this.db, 'SELECT * FROM outbox WHERE mutation_id = ?').get(mutationId) as OutboxRow | undefined;
  }

  hasRecord(kind: RecordKind, id: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM outbox WHERE record_kind = ? AND record_id = ? LIMIT 1').get(kind, id) !== undefined;
  }

  forRecord(kind: RecordKind, id: string): OutboxRow[] {
    return stmt(this.db, 'SELECT * FROM outbox WHERE record_kind = ? AND record_id = ? ORDER BY mutation_id').all(kind, id) as OutboxRow[];
  }

  /** Removes acknowledged rows; returns the records they touched (to rebase). */
  clearThrough(lastMutationId: number): { kind: RecordKind; id: string }[] {
    const touched = stmt(this.db, 'SELECT DISTINCT record_kind AS kind, record_id AS id FROM outbox WHERE mutation_id <= ?')
      .all(lastMutationId) as { kind: RecordKind; id: string }[];
    stmt(this.db, 'DELETE FROM outbox WHERE mutation_id <= ?').run(lastMutationId);
    return touched;
  }

  noteFailure(fromId: number, toId: number, error: string): void {
    stmt(this.db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE mutation_id BETWEEN ? AND ?').run(error.slice(0, 500), fromId, toId);
  }
}
