// Runs sync in the background: on start, after local changes (debounced), when the network comes back, and on
// a retry timer with exponential backoff and full jitter after a failure (the retries double as reconnect
// probes). One cycle pushes the whole outbox in order in batches (two in flight, halving the batch on 413) and then pulls until
// the server has nothing more. Status (online, pending count, last sync, last error, rejections) is published to
// listeners on every change.
import type { MutationEnvelope, PushResponse } from '../../src-shared/sync/protocol';
import { classify, type SyncTransport } from './cloud-client';
import type { SyncStore } from './sync-store';

export interface SyncStatus {
  signedIn: boolean;
  online: boolean;
  syncing: boolean;
  pending: number;
  rejections: number;
  lastSyncAt: string | null;
  lastError: string | null;
  nextRetryAt: string | null;
}

interface InFlight {
  batch: MutationEnvelope[];
  reply: Promise<PushResponse>;
  pipelined: boolean;
}

export interface EngineOptions {
  now?: () => Date;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  debounceMs?: number;
  batchSize?: number;
  pullLimit?: number;
  /** false: no timers (tests drive syncNow themselves). */
  background?: boolean;
}

export class SyncEngine {
  private transport: SyncTransport | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private batchSize: number;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private status: Omit<SyncStatus, 'pending' | 'rejections' | 'signedIn'> = { online: false, syncing: false, lastSyncAt: null, lastError: null, nextRetryAt: null };
  private readonly o: Required<EngineOptions>;

  constructor(private readonly store: SyncStore, opts: EngineOptions = {}) {
    this.o = { now: () => new Date(), random: Math.random, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, debounceMs: 300, batchSize: 500, pullLimit: 1000, background: true, ...opts };
    this.batchSize = this.o.batchSize;
    this.status.lastSyncAt = store.state.get('last_sync_at');
  }

  onStatus(fn: (s: SyncStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  snapshot(): SyncStatus {
    return {
      ...this.status,
      signedIn: this.transport !== null,
      pending: this.store.outbox.count(),
      rejections: this.store.rejections().length,
    };
  }

  private publish(patch: Partial<SyncStatus> = {}): void {
    this.status = { ...this.status, ...patch };
    const s = this.snapshot();
    for (const fn of this.listeners) fn(s);
  }

  /** Starts syncing with a transport (after sign-in or at start when a token is stored); null stops. */
  setTransport(t: SyncTransport | null): void {
    this.transport = t;
    this.failures = 0;
    if (t) this.trigger(0);
    else this.publish({ online: false, nextRetryAt: null });
  }

  /** A local change was written, or the OS reports the network is back: sync soon. */
  trigger(delayMs = this.o.debounceMs): void {
    if (this.stopped || !this.transport) {
      this.publish();
      return;
    }
    this.schedule(delayMs);
  }

  notifyOnline(): void {
    this.failures = 0;
    this.trigger(0);
  }

  private schedule(delayMs: number): void {
    if (!this.o.background) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow().catch(() => undefined);
    }, delayMs);
    this.timer.unref?.();
    this.publish({ nextRetryAt: delayMs > this.o.debounceMs ? new Date(this.o.now().getTime() + delayMs).toISOString() : null });
  }

  /** One full cycle now (joins a running one, and runs once more after it if asked meanwhile). */
  async syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      await this.running;
      return this.snapshot();
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
    });
    await this.running;
    if (this.again && !this.stopped) {
      this.again = false;
      return this.syncNow();
    }
    return this.snapshot();
  }

  private async cycle(): Promise<void> {
    const t = this.transport;
    if (!t || this.stopped) return;
    this.publish({ syncing: true });
    try {
      await this.push(t);
      await this.pull(t);
      this.failures = 0;
      const at = this.o.now().toISOString();
      this.store.state.set('last_sync_at', at);
      this.publish({ syncing: false, online: true, lastSyncAt: at, lastError: null, nextRetryAt: null });
    } catch (err) {
      const e = classify(err);
      this.failures++;
      if (e.kind === 'auth') {
        this.transport = null;
        this.publish({ syncing: false, online: true, lastError: `sign in again: ${e.message}`, nextRetryAt: null });
        return;
      }
      this.publish({ syncing: false, online: e.kind !== 'offline', lastError: e.message });
      if (!this.stopped) this.schedule(this.backoffMs());
    }
  }

  /** Full jitter: a random delay up to min(max, base · 2^failures). */
  backoffMs(): number {
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** Math.min(this.failures, 30));
    return Math.max(this.o.debounceMs + 1, Math.floor(this.o.random() * cap));
  }

  /** Pushes every outbox row in order, batch by batch (rows stay until a pull acknowledges them). Two requests at
   * most are in flight: while the server applies one batch, the next is read from the outbox and sent with
   * `after` = the previous batch's last mutation id, so the server applies it only after that one (a batch that
   * overtakes its predecessor is refused with 409 and sent again on its own). */
  async push(t: SyncTransport): Promise<void> {
    const deviceId = this.store.state.deviceId();
    const send = (batch: MutationEnvelope[], after?: number): InFlight => {
      const reply = t.push({ deviceId, mutations: batch, ...(after === undefined ? {} : { after }) });
      reply.catch(() => undefined); // awaited in turn below
      return { batch, reply, pipelined: after !== undefined };
    };
    const lastOf = (f: InFlight) => f.batch[f.batch.length - 1].mutationId;
    const first = this.store.outbox.pending(this.batchSize, 0);
    if (!first.length) return;
    let cur = send(first);
    for (;;) {
      await new Promise((r) => setImmediate(r)); // let the request go out before reading on
      const following = this.store.outbox.pending(this.batchSize, lastOf(cur));
      const next = following.length ? send(following, lastOf(cur)) : null;
      let res: PushResponse;
      try {
        res = await cur.reply;
      } catch (err) {
        const e = classify(err);
        await next?.reply.catch(() => undefined); // refused (409) or, if its predecessor was applied after all, applied
        if (e.kind === 'conflict' && cur.pipelined) {
          cur = send(cur.batch);
          continue;
        }
        if (e.kind === 'too_large' && this.batchSize > 1) {
          this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
          cur = send(cur.batch.slice(0, this.batchSize));
          continue;
        }
        this.store.outbox.noteFailure(cur.batch[0].mutationId, lastOf(cur), e.message);
        throw e;
      }
      this.store.noteResults(res.results);
      if (next) {
        cur = next;
        continue;
      }
      const more = this.store.outbox.pending(this.batchSize, lastOf(cur)); // queued while the last batch was in flight
      if (!more.length) return;
      cur = send(more);
    }
  }

  /** Pulls until the server has nothing more (also clears acknowledged outbox rows). */
  async pull(t: SyncTransport): Promise<void> {
    const deviceId = this.store.state.deviceId();
    for (;;) {
      const res = await t.pull({ deviceId, cursor: this.store.state.cursor(), after: this.store.state.lastAcked(), limit: this.o.pullLimit });
      this.store.applyPull(res);
      if (!res.hasMore) return;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async close(): Promise<void> {
    this.stop();
    await this.running;
  }
}
