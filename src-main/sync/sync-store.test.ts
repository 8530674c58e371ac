import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareHlc } from '../../src-shared/sync/hlc';
import type { PullResponse } from '../../src-shared/sync/protocol';
import { openDatabase, type Db } from '../store/database';
import { SyncStore } from './sync-store';

const DAY = 24 * 3600 * 1000;
const dirs: string[] = [];
const dbs: Db[] = [];
function open(now = () => new Date()): SyncStore {
  const dir = mkdtempSync(join(tmpdir(), 'ah-syncstore-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'a.db'));
  dbs.push(db);
  return new SyncStore(db, now);
}
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const pull = (p: Partial<PullResponse>): PullResponse => ({ rows: [], tombstones: [], lastMutationId: 0, rejections: [], cursor: '0', hasMore: false, ...p });
const QID = '0190d6e4-0000-7000-8000-000000000001';
const line = { description: 'Acrylic 3 mm', quantity: 2, unitPriceIdr: 150_000 };

describe('sync store', () => {
  it('writes the row and its outbox mutation in one transaction, and neither when the mutation is invalid', () => {
    const s = open();
    s.upsertQuote(QID, { title: 'Sign', quantity: 3 });
    expect(s.outbox.count()).toBe(1);
    expect(JSON.parse((s.db.prepare('SELECT fields FROM quote_replicas').get() as { fields: string }).fields)).toEqual({ title: 'Sign', quantity: 3 });
    expect(() => s.upsertQuote(QID, { quantity: -1 })).toThrow();
    expect(s.outbox.count()).toBe(1);
    expect(() => s.transitionOrder({ orderId: QID, to: 'paid' })).toThrow(/payment states are never entered offline/);
  });

  it('shows an offline order as a draft with server-equal totals, then the server copy once acknowledged', () => {
    const s = open();
    const id = s.createOrder({ customer: { name: 'Budi' }, lines: [line], customerId: null, quoteId: null, shippingAddress: null, dueAt: null });
    s.transitionOrder({ orderId: id, to: 'confirmed' });
    expect(s.db.prepare('SELECT state, pending_state, total_idr, synced FROM orders').get()).toEqual({ state: 'draft', pending_state: 'confirmed', total_idr: 333_000, synced: 0 });
    const doc = { number: 'AH-1', state: 'confirmed', customer: { name: 'Budi' }, customerId: null, quoteId: null, shippingAddress: null, dueAt: null, subtotalIdr: 300_000, taxIdr: 33_000, totalIdr: 333_000, lines: [{ position: 1, ...line, lineTotalIdr: 300_000 }], events: [], createdAt: 'x', updatedAt: 'y' };
    s.applyPull(pull({ rows: [{ kind: 'order', id, version: 5, doc }], lastMutationId: 2, cursor: '5' }));
    expect(s.outbox.count()).toBe(0);
    expect(s.db.prepare('SELECT number, state, pending_state, synced FROM orders').get()).toEqual({ number: 'AH-1', state: 'confirmed', pending_state: null, synced: 1 });
    expect(s.state.cursor()).toBe('5');
  });

  it('drops a rejected order from view once acknowledged, keeps the rejection with its arguments, and retries it', () => {
    const s = open();
    const id = s.createOrder({ customer: { name: 'Ani' }, lines: [line], customerId: null, quoteId: null, shippingAddress: null, dueAt: null });
    const reason = { code: 'forbidden' as const, message: { en: 'no', id: 'tidak' } };
    s.applyPull(pull({ lastMutationId: 1, rejections: [{ mutationId: 1, type: 'order.create', reason }] }));
    expect(s.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
    expect(s.rejections()).toMatchObject([{ mutation_id: 1, type: 'order.create', record_id: id, code: 'forbidden' }]);
    const again = s.retry(1);
    expect(again).toBe(2);
    expect(s.db.prepare('SELECT id FROM orders').get()).toEqual({ id });
    expect(s.rejections()).toEqual([]);
    expect(() => s.retry(1)).toThrow(/already retried/);
  });

  it('keeps pending local fields over an older server copy and yields to a newer one (LWW rebase)', () => {
    const s = open();
    s.upsertQuote(QID, { title: 'Local' });
    const hlc = (s.outbox.pending(1)[0].args as { hlc: string }).hlc;
    const older = hlc.replace(/^[0-9a-z]{9}/, '000000001');
    s.applyPull(pull({ rows: [{ kind: 'quote', id: QID, version: 1, doc: { title: 'Server', quantity: 4 }, clocks: { title: older, quantity: older } }], cursor: '1' }));
    expect(JSON.parse((s.db.prepare('SELECT fields FROM quote_replicas').get() as { fields: string }).fields)).toEqual({ title: 'Local', quantity: 4 });
  });

  it('orders a device’s own edits even when its clock jumps back a day, and edits after a pull beat a clock a day ahead', () => {
    let now = Date.UTC(2026, 10, 25);
    const s = open(() => new Date(now));
    s.upsertQuote(QID, { title: 'first' });
    now -= DAY;
    s.upsertQuote(QID, { title: 'second' });
    const [a, b] = s.outbox.pending(10).map((m) => (m.args as { hlc: string }).hlc);
    expect(compareHlc(a, b)).toBe(-1);
    expect(JSON.parse((s.db.prepare('SELECT fields FROM quote_replicas').get() as { fields: string }).fields).title).toBe('second');
    const ahead = `${(Date.UTC(2026, 10, 26) + 5).toString(36).padStart(9, '0')}:00000:other`;
    s.applyPull(pull({ rows: [{ kind: 'quote', id: QID, version: 3, doc: { title: 'from the future' }, clocks: { title: ahead } }], lastMutationId: 2, cursor: '3' }));
    s.upsertQuote(QID, { title: 'after pull' });
    const c = (s.outbox.pending(10)[0].args as { hlc: string }).hlc;
    expect(compareHlc(ahead, c)).toBe(-1);
  });
  it('marks the first change of a record made here, not later ones nor records the server sent', () => {
    const s = open();
    const [mine, theirs] = ['0190d6e4-0000-7000-8000-0000000000a1', '0190d6e4-0000-7000-8000-0000000000a2'];
    s.upsertQuote(mine, { title: 'Mine' });
    s.upsertQuote(mine, { quantity: 2 });
    s.applyPull(pull({ rows: [{ kind: 'quote', id: theirs, version: 1, doc: { title: 'Theirs' }, clocks: { title: '00000000a:00000:other' } }], cursor: '1' }));
    s.upsertQuote(theirs, { quantity: 3 });
    const customer = s.upsertCustomer(undefined, { name: 'Budi' });
    expect(s.outbox.pending(10).map((m) => [(m.args as { id: string }).id, m.creates ?? false])).toEqual([[mine, true], [mine, false], [theirs, false], [customer, true]]);
  });
});
