// Runs sync in the background: on start, after local changes (debounced), when the network comes back, and on
// a retry timer with exponential backoff and full jitter after a failure (the retries double as reconnect
// probes). One cycle pushes the whole outbox in order in batches (two in flight, halving the batch on 413) and then pulls until
// the server has nothing more. Status (online, pending count, last sync, last error, rejections) is published to
// listeners on every change.
import { MAX_PUSH_MUTATIONS, type PushResponse } from '../../src-shared/sync/protocol';
import { classify, type EncodedPush, type SyncTransport } from './cloud-client';
import type { EncodedBatch } from './outbox';
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

/** Push requests out at once: the next batch is read and sent while the server applies the one before it (a third
 * gains nothing on two cores and overtakes its predecessor more often). */
const IN_FLIGHT = 2;

interface InFlight {
  req: EncodedPush;
  reply: Promise<PushResponse>;
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
    this.o = { now: () => new Date(), random: Math.random, baseDelayMs: 1000, maxDelayMs: 5 * 60_000, debounceMs: 300, batchSize: MAX_PUSH_MUTATIONS, pullLimit: 1000, background: true, ...opts };
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

  /** Pushes every outbox row in order, batch by batch (rows stay until a pull acknowledges them). Up to
   * IN_FLIGHT requests are out at once: while the server applies one batch, the next is read from the outbox (as
   * JSON text, see Outbox.pendingBatch) and sent with `after` = the previous batch's last mutation id, so the
   * server applies it only after that one. When a batch fails, the ones behind it are let settle (a pipelined
   * batch that overtook its predecessor is refused with 409; one applied after all is acknowledged as duplicates
   * when sent again) and the push goes on from the failed batch, on its own. */
  async push(t: SyncTransport): Promise<void> {
    const deviceId = this.store.state.deviceId();
    const send = (batch: EncodedBatch, after?: number): InFlight => {
      const req: EncodedPush = { ...batch, deviceId, ...(after === undefined ? {} : { after }) };
      const reply = t.push(req);
      reply.catch(() => undefined); // awaited in turn below
      return { req, reply };
    };
    const queue: InFlight[] = [];
    let sentThrough = 0; // the last mutation id sent
    for (;;) {
      while (queue.length < IN_FLIGHT) {
        const tail = queue.at(-1);
        if (tail) await new Promise((r) => setImmediate(r)); // let the request go out before reading on
        const batch = this.store.outbox.pendingBatch(this.batchSize, sentThrough);
        if (!batch) break;
        queue.push(send(batch, tail ? sentThrough : undefined));
        sentThrough = batch.last;
      }
      const cur = queue.shift();
      if (!cur) return;
      let res: PushResponse;
      try {
        res = await cur.reply;
      } catch (err) {
        const e = classify(err);
        for (const behind of queue.splice(0)) await behind.reply.catch(() => undefined);
        const { first, last, after } = cur.req;
        if (e.kind === 'too_large' && this.batchSize > 1) this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
        else if (!(e.kind === 'conflict' && after !== undefined)) {
          this.store.outbox.noteFailure(first, last, e.message);
          throw e;
        }
        // Again from the failed batch, on its own (it overtook its predecessor, or it was too large).
        const again = send(this.store.outbox.pendingBatch(this.batchSize, first - 1)!);
        queue.push(again);
        sentThrough = again.req.last;
        continue;
      }
      this.store.noteResults(res.results);
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
