// One LISTEN session per replica for the invalidations PostgreSQL announces on the `principal_changed` channel,
// shared by the in-process caches (sessions, product list pages, orders). Triggers send the payload when their
// transaction commits: a bare user id (migration 007: that user's sessions are stale) or `topic:key` (migration 009:
// `catalog:<org id>` or `order:<order id>`). A probe NOTIFY sent through the pool every few seconds checks that the
// feed really arrives (LISTEN through pgbouncer in transaction mode silently gets nothing); while it does not,
// `live` is false, every subscriber has been reset, and the caches read the database instead. The per-request
// barrier (sync) is a round trip on the listening session itself, which costs the database no NOTIFY, no
// transaction id and nothing for the other replicas' listeners.
import { randomUUID } from 'node:crypto';
import type { Db, Subscription } from '../db/db';

export const CHANGE_CHANNEL = 'principal_changed';
const PROBE_TOPIC = 'probe';
/** how long a request waits for its sync barrier before it reads the database instead */
const SYNC_TIMEOUT_MS = 1_000;

interface Log {
  warn(obj: object, msg: string): void;
}

interface Subscriber {
  /** called with the payload after `topic:` (the whole payload for the bare topic '') */
  changed(key: string): void;
  /** called when the feed stops being live: drop everything */
  reset(): void;
}

export class ChangeFeed {
  private isLive = false;
  private readonly subscribers = new Map<string, Subscriber[]>();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  /** probes on their way through the database, by nonce */
  private readonly probes = new Map<string, () => void>();
  /** the next sync barrier, not sent yet; callers join it while another one is in flight */
  private nextSync?: { promise: Promise<boolean>; resolve: (ok: boolean) => void };
  private syncing = false;
  private checking = false;
  /** a probe has completed once (the first failure is logged even though the feed was never live) */
  private checked = false;
  private stopped = false;

  /** `label` and `fallback` make the warnings: "<label>: feed lost; <fallback>". */
  constructor(
    private readonly db: Db,
    private readonly log: Log,
    private readonly probeMs = 5_000,
    private readonly label = 'change feed',
    private readonly fallback = 'caches off, reading the database',
  ) {}

  /** True while notifications are known to arrive: only then may a cache answer from memory. */
  get live(): boolean {
    return this.isLive;
  }

  /** Routes payloads `topic:key` (or bare payloads, topic '') to `sub`; `sub.reset` runs whenever the feed stops. */
  subscribe(topic: string, sub: Subscriber): void {
    this.subscribers.set(topic, [...(this.subscribers.get(topic) ?? []), sub]);
  }

  /**
   * Resolves true once every change committed before the call has arrived (and reached the subscribers): a round
   * trip on the listening session started after the call has come back, and PostgreSQL delivers a session's pending
   * notifications before it answers a statement. So a cache checked after `sync` is as fresh as the database, also
   * for a write another replica committed a moment ago. False when the feed is not live or the round trip is late
   * (read the database; the feed then counts as not live until the next periodic probe comes back). One round trip
   * is in flight at a time; callers meanwhile share the next.
   */
  sync(): Promise<boolean> {
    if (!this.isLive) return Promise.resolve(false);
    if (this.nextSync) return this.nextSync.promise;
    let resolve!: (ok: boolean) => void;
    const promise = new Promise<boolean>((r) => (resolve = r));
    this.nextSync = { promise, resolve };
    if (!this.syncing) void this.sendSync();
    return promise;
  }

  private async sendSync(): Promise<void> {
    const batch = this.nextSync;
    if (!batch) return;
    this.nextSync = undefined;
    this.syncing = true;
    const ok = await this.barrier(SYNC_TIMEOUT_MS);
    if (!ok && this.isLive) {
      // The feed cannot be trusted: the next requests read the database at once, until a probe comes back again.
      this.setLive(false);
      this.log.warn({}, `${this.label}: sync round trip did not come back; ${this.fallback}`);
    }
    batch.resolve(ok);
    this.syncing = false;
    void this.sendSync();
  }

  /** A round trip on the listening session; resolves whether it came back within `ms`. */
  private async barrier(ms: number): Promise<boolean> {
    const sub = this.subscription;
    if (!sub) return false;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([sub.sync().then(() => true, () => false), late]);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Sends a probe through the pool; resolves whether it came back on the feed within `ms`. */
  private async roundTrip(ms: number): Promise<boolean> {
    const nonce = randomUUID();
    let settle!: (arrived: boolean) => void;
    const timeout = setTimeout(() => settle(false), ms);
    const arrived = new Promise<boolean>((resolve) => (settle = resolve)).finally(() => {
      clearTimeout(timeout);
      this.probes.delete(nonce);
    });
    this.probes.set(nonce, () => settle(true));
    try {
      // A plain NOTIFY without parameters (the nonce is a UUID): the cheapest statement that goes through the queue.
      await this.db.query(`NOTIFY ${CHANGE_CHANNEL}, '${PROBE_TOPIC}:${nonce}'`);
    } catch (err) {
      settle(false);
      await arrived;
      throw err;
    }
    return arrived;
  }

  /** Subscribes to the channel and starts probing it. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.probeMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.setLive(false);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private setLive(live: boolean): void {
    if (!live) for (const subs of this.subscribers.values()) for (const s of subs) s.reset();
    this.isLive = live;
  }

  private onMessage = (payload: string): void => {
    const colon = payload.indexOf(':');
    const topic = colon < 0 ? '' : payload.slice(0, colon);
    const key = colon < 0 ? payload : payload.slice(colon + 1);
    if (topic === PROBE_TOPIC) return this.probes.get(key)?.();
    for (const s of this.subscribers.get(topic) ?? []) s.changed(key);
  };

  /** (Re)subscribes when needed, then sends a probe through the pool and waits for it on the feed. */
  private async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if (!this.subscription) {
        this.subscription = await this.db.listen(CHANGE_CHANNEL, this.onMessage, (err) => {
          this.subscription = undefined;
          this.setLive(false);
          this.log.warn({ err }, `${this.label}: notification feed lost; ${this.fallback}`);
        });
        if (this.stopped) return await this.stop();
      }
      const ok = await this.roundTrip(this.probeMs);
      if (!ok && (this.isLive || !this.checked)) this.log.warn({}, `${this.label}: probe notification did not arrive; ${this.fallback}`);
      this.checked = true;
      this.setLive(ok && !this.stopped);
    } catch (err) {
      this.setLive(false);
      if (!this.stopped) this.log.warn({ err }, `${this.label}: cannot follow invalidations; ${this.fallback}`);
    } finally {
      this.checking = false;
    }
  }
}
