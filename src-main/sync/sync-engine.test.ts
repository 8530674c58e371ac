import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pushRequestSchema, type MutationEnvelope, type PullQuery, type PullResponse, type PushResponse } from '../../src-shared/sync/protocol';
import { openDatabase, type Db } from '../store/database';
import { SyncHttpError, pushBody, type EncodedPush, type SyncTransport } from './cloud-client';
import { SyncEngine } from './sync-engine';
import { SyncStore } from './sync-store';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function store(): SyncStore {
  const dir = mkdtempSync(join(tmpdir(), 'ah-engine-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'a.db'));
  dbs.push(db);
  return new SyncStore(db);
}

/** A server in memory: acknowledges everything, refuses batches above `maxBatch` with 413 and a pipelined batch
 * whose predecessor it has not applied with 409. */
class FakeServer implements SyncTransport {
  last = 0;
  batches: number[] = [];
  fail: SyncHttpError | null = null;
  constructor(private readonly maxBatch = Infinity) {}
  async push(encoded: EncodedPush): Promise<PushResponse> {
    if (this.fail) throw this.fail;
    const req = pushRequestSchema.parse(JSON.parse(pushBody(encoded)));
    if (req.mutations.length > this.maxBatch) throw new SyncHttpError('too_large', 'too large', 413);
    if (req.after !== undefined && this.last < req.after) throw new SyncHttpError('conflict', 'previous batch missing', 409);
    this.batches.push(req.mutations.length);
    this.last = Math.max(this.last, ...req.mutations.map((m) => m.mutationId));
    return { results: req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' as const })), lastMutationId: this.last };
  }
  async pull(_q: PullQuery): Promise<PullResponse> {
    if (this.fail) throw this.fail;
    return { rows: [], tombstones: [], lastMutationId: this.last, rejections: [], cursor: '0', hasMore: false };
  }
}

const QID = '0190d6e4-0000-7000-8000-000000000001';

describe('sync engine', () => {
  it('pushes the whole outbox in order, halving the batch on 413, and clears it after the pull', async () => {
    const s = store();
    for (let i = 0; i < 10; i++) s.upsertQuote(QID, { quantity: i + 1 });
    const server = new FakeServer(3);
    const e = new SyncEngine(s, { background: false, batchSize: 8 });
    e.setTransport(server);
    const st = await e.syncNow();
    expect(server.batches).toEqual([2, 2, 2, 2, 2]);
    expect(st).toMatchObject({ pending: 0, online: true, lastError: null });
  });

  it('keeps two batches in flight and sends a batch again when it overtook its predecessor (409)', async () => {
    const s = store();
    for (let i = 0; i < 10; i++) s.upsertQuote(QID, { quantity: i + 1 });
    const server = new FakeServer();
    const applied: number[] = [];
    const statuses: number[] = [];
    const slow: SyncTransport = {
      // Batches sent on their own arrive late, pipelined ones at once: every pipelined batch overtakes.
      async push(req) {
        if (req.after === undefined) await new Promise((r) => setTimeout(r, 5));
        try {
          const res = await server.push(req);
          applied.push(...(JSON.parse(req.mutations) as MutationEnvelope[]).map((m) => m.mutationId));
          return res;
        } catch (err) {
          statuses.push((err as SyncHttpError).status ?? 0);
          throw err;
        }
      },
      pull: (q) => server.pull(q),
    };
    const e = new SyncEngine(s, { background: false, batchSize: 3 });
    e.setTransport(slow);
    expect(await e.syncNow()).toMatchObject({ pending: 0, lastError: null });
    expect(applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((x) => x === 409)).toBe(true);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const e = new SyncEngine(store(), { background: false, random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 60_000 });
    const delays = [0, 1, 2, 3, 10].map((f) => {
      (e as unknown as { failures: number }).failures = f;
      return e.backoffMs();
    });
    expect(delays).toEqual([999, 1998, 3996, 7992, 59_940]);
    const low = new SyncEngine(store(), { background: false, random: () => 0 });
    expect(low.backoffMs()).toBeGreaterThan(300);
  });

  it('reports offline with the error and keeps the outbox; an auth failure signs out', async () => {
    const s = store();
    s.upsertQuote(QID, { title: 'x' });
    const server = new FakeServer();
    const e = new SyncEngine(s, { background: false });
    e.setTransport(server);
    server.fail = new SyncHttpError('offline', 'cloud unreachable: ECONNREFUSED');
    expect(await e.syncNow()).toMatchObject({ online: false, pending: 1, lastError: 'cloud unreachable: ECONNREFUSED', signedIn: true });
    expect(s.db.prepare('SELECT attempts, last_error FROM outbox').get()).toEqual({ attempts: 1, last_error: 'cloud unreachable: ECONNREFUSED' });
    server.fail = new SyncHttpError('auth', 'refresh token refused', 401);
    expect(await e.syncNow()).toMatchObject({ signedIn: false, pending: 1 });
  });

  it('schedules a background retry after a failure and publishes status', async () => {
    const s = store();
    s.upsertQuote(QID, { title: 'x' });
    const server = new FakeServer();
    server.fail = new SyncHttpError('offline', 'down');
    const seen: boolean[] = [];
    const e = new SyncEngine(s, { baseDelayMs: 20, maxDelayMs: 40, debounceMs: 1, random: () => 0.5 });
    e.onStatus((st) => seen.push(st.online));
    e.setTransport(server);
    await new Promise((r) => setTimeout(r, 30));
    server.fail = null;
    for (let i = 0; i < 50 && s.outbox.count() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.outbox.count()).toBe(0);
    expect(seen[seen.length - 1]).toBe(true);
    await e.close();
  });
});
