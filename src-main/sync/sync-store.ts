// The desktop's replicated data: every local change writes its row and its outbox mutation in one SQLite
// transaction (so a crash keeps both or neither), pulls are applied in one transaction (server copies, clearing
// acknowledged outbox rows, recording rejections, rebasing touched records, moving the cursor and the clock), and
// rejected mutations stay listed with their reason and arguments until retried.
import { v7 as uuidv7 } from 'uuid';
import { mutationArgSchemas, type CustomerFields, type MutationArgs, type MutationType, type QuoteFields } from '../../src-shared/sync/mutations';
import type { MutationResult, PullResponse, RejectionReason } from '../../src-shared/sync/protocol';
import { maxClock } from '../../src-shared/sync/lww';
import { compareHlc } from '../../src-shared/sync/hlc';
import type { Db } from '../store/database';
import { Outbox, type RecordKind } from './outbox';
import { Rebaser } from './rebase';
import { SyncState } from './sync-state';
import { stmt } from './statements';

export interface RejectionRow {
  mutation_id: number;
  type: string;
  args: string | null;
  record_kind: string | null;
  record_id: string | null;
  code: string;
  message_en: string;
  message_id: string;
  at: string;
  retried_as: number | null;
}

/** Where the server's copy of a last-writer-wins record is kept, per upsert type. */
const SERVER_COPY: Partial<Record<MutationType, string>> = {
  'quote.upsert': 'quote_replicas WHERE quote_id = ?',
  'customer.upsert': 'customers WHERE id = ?',
};

export class SyncStore {
  readonly state: SyncState;
  readonly outbox: Outbox;
  private readonly rebaser: Rebaser;

  constructor(readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.state = new SyncState(db, now);
    this.outbox = new Outbox(db, now);
    this.rebaser = new Rebaser(db, this.outbox, now);
  }

  /** Queues a validated mutation and rebuilds the record's visible row, in the caller's transaction. */
  private record<T extends MutationType>(type: T, args: MutationArgs<T>, kind: RecordKind, id: string): number {
    const parsed = mutationArgSchemas[type].parse(args);
    const mutationId = this.outbox.add(type, parsed, kind, id, this.isNewHere(type, kind, id));
    this.rebaser.rebase(kind, id);
    return mutationId;
  }

  /** Whether an upsert is the first change of a record this device made: no server copy of it and nothing queued
   * for it. A push passes this on as the `creates` hint; when it is wrong (the server copy has not been pulled
   * yet) the server only applies the batch again more slowly. */
  private isNewHere(type: MutationType, kind: RecordKind, id: string): boolean {
    const copyOf = SERVER_COPY[type];
    if (!copyOf) return false;
    const copy = stmt(this.db, `SELECT server_version FROM ${copyOf}`).get(id) as { server_version: number | null } | undefined;
    return copy?.server_version == null && !this.outbox.hasRecord(kind, id);
  }

  upsertCustomer(id: string | undefined, fields: CustomerFields): string {
    const customerId = id ?? uuidv7();
    this.db.transaction(() => this.record('customer.upsert', { id: customerId, hlc: this.state.tick(), fields }, 'customer', customerId))();
    return customerId;
  }

  upsertQuote(id: string, fields: QuoteFields): void {
    this.db.transaction(() => this.record('quote.upsert', { id, hlc: this.state.tick(), fields }, 'quote', id))();
  }

  createOrder(args: Omit<MutationArgs<'order.create'>, 'id'> & { id?: string }): string {
    const id = args.id ?? uuidv7();
    this.db.transaction(() => this.record('order.create', { ...args, id }, 'order', id))();
    return id;
  }

  transitionOrder(args: MutationArgs<'order.transition'>): void {
    this.db.transaction(() => this.record('order.transition', args, 'order', args.orderId))();
  }

  addDesignRevision(args: MutationArgs<'design.addRevision'>): void {
    this.db.transaction(() => this.record('design.addRevision', args, 'design_revision', args.revisionId))();
  }

  /** Records rejections reported by a push reply (the outbox rows stay until a pull acknowledges them). */
  noteResults(results: MutationResult[]): void {
    this.db.transaction(() => {
      for (const r of results) if (r.reason) this.noteRejection(r.mutationId, null, r.reason);
    })();
  }

  private noteRejection(mutationId: number, type: string | null, reason: RejectionReason): void {
    const row = this.outbox.get(mutationId);
    stmt(this.db, 
        `INSERT OR IGNORE INTO sync_rejections(mutation_id, type, args, record_kind, record_id, code, message_en, message_id, at)
         VALUES (?,?,?,?,?,?,?,?,?)`,
      )
      .run(mutationId, row?.type ?? type ?? 'unknown', row?.args ?? null, row?.record_kind ?? null, row?.record_id ?? null, reason.code,
        reason.message.en, reason.message.id, this.now().toISOString());
  }

  /** Applies one pull page atomically. */
  applyPull(p: PullResponse): void {
    this.db.transaction(() => {
      const touched = new Map<string, { kind: RecordKind; id: string }>();
      let newest: string | null = null;
      for (const row of p.rows) {
        this.rebaser.rebase(row.kind, row.id, { doc: row.doc, clocks: row.clocks, version: row.version });
        const m = row.clocks ? maxClock({ fields: {}, clocks: row.clocks }) : null;
        if (m && (!newest || compareHlc(m, newest) > 0)) newest = m;
      }
      for (const t of p.tombstones) this.rebaser.rebase(t.kind, t.id, { doc: {}, version: t.version, deleted: true });
      for (const r of p.rejections) this.noteRejection(r.mutationId, r.type, r.reason);
      if (p.lastMutationId > this.state.lastAcked()) {
        for (const t of this.outbox.clearThrough(p.lastMutationId)) touched.set(`${t.kind}:${t.id}`, t);
        this.state.set('last_acked', String(p.lastMutationId));
      }
      for (const t of touched.values()) this.rebaser.rebase(t.kind, t.id);
      if (newest) this.state.observe(newest);
      this.state.set('cursor', p.cursor);
    })();
  }

  rejections(includeRetried = false): RejectionRow[] {
    return stmt(this.db, `SELECT * FROM sync_rejections ${includeRetried ? '' : 'WHERE retried_as IS NULL'} ORDER BY mutation_id DESC`).all() as RejectionRow[];
  }

  /** Queues a rejected mutation again as a new mutation (an LWW edit gets a fresh clock so it can win). */
  retry(mutationId: number): number {
    return this.db.transaction(() => {
      const r = stmt(this.db, 'SELECT * FROM sync_rejections WHERE mutation_id = ?').get(mutationId) as RejectionRow | undefined;
      if (!r) throw new Error(`no rejected mutation ${mutationId}`);
      if (r.retried_as) throw new Error(`mutation ${mutationId} was already retried as ${r.retried_as}`);
      if (!r.args || !r.record_kind || !r.record_id) throw new Error(`mutation ${mutationId} cannot be retried: its arguments are unknown`);
      const args = JSON.parse(r.args) as Record<string, unknown>;
      if ('hlc' in args) args.hlc = this.state.tick();
      const newId = this.record(r.type as MutationType, args as never, r.record_kind as RecordKind, r.record_id);
      stmt(this.db, 'UPDATE sync_rejections SET retried_as = ? WHERE mutation_id = ?').run(newId, mutationId);
      return newId;
    })();
  }
}
