import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { recordSavedQuote } from './quote-link';
import { SyncStore } from './sync-store';

it('queues a saved quote as one quote.upsert, atomically with the caller’s transaction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ah-quote-link-'));
  const db = openDatabase(join(dir, 'a.db'));
  const store = new SyncStore(db);
  const q = { id: '0190d6e4-0000-7000-8000-0000000000aa', number: 'Q-2026-000007', customerName: 'PT Maju', designName: 'Sign', materialId: 'pmma-clear', quantity: 3, currency: 'IDR', totalIdr: 1_250_000, manualReview: false, validUntil: '2026-12-25', createdAt: '2026-11-25T10:00:00.000Z' };
  expect(() => db.transaction(() => {
    recordSavedQuote(store, q);
    throw new Error('save failed later in the same transaction');
  })()).toThrow(/save failed/);
  expect(store.outbox.count()).toBe(0);
  db.transaction(() => recordSavedQuote(store, q))();
  const [m] = store.outbox.pending(5);
  expect(m.type).toBe('quote.upsert');
  expect((m.args as { fields: Record<string, unknown> }).fields).toMatchObject({ number: 'Q-2026-000007', customerName: 'PT Maju', totalIdr: 1_250_000, validUntil: '2026-12-25T00:00:00.000Z' });
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
