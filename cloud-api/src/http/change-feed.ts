// One LISTEN session per replica for the invalidations PostgreSQL announces on the `principal_changed` channel,
// shared by the in-process caches (sessions, product list pages, orders). Triggers send the payload when their
// transaction commits: a bare user id (migration 007: that user's sessions are stale) or `topic:key` (migration 009:
// `catalog:<org id>` or `order:<order id>`). A probe NOTIFY every few seconds checks that the feed
// really arrives (LISTEN through pgbouncer in transaction mode silently gets nothing); while it does not, `live`
// is false, every subscriber has been reset, and the caches read the database instead.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';

export const CHANGE_CHANNEL = 'principal_changed';
const PROBE_TOPIC = 'probe';

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
  private stopListening?: () => Promise<void>;
  private timer?: NodeJS.Timeout;
  private probe?: { nonce: string; arrived: () => void };
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
    await this.stopListening?.();
    this.stopListening = undefined;
  }

  private setLive(live: boolean): void {
    if (!live) for (const subs of this.subscribers.values()) for (const s of subs) s.reset();
    this.isLive = live;
  }

  private onMessage = (payload: string): void => {
    const colon = payload.indexOf(':');
    const topic = colon < 0 ? '' : payload.slice(0, colon);
    const key = colon < 0 ? payload : payload.slice(colon + 1);
    if (topic === PROBE_TOPIC) {
      if (this.probe && key === this.probe.nonce) this.probe.arrived();
      return;
    }
    for (const s of this.subscribers.get(topic) ?? []) s.changed(key);
  };

  /** (Re)subscribes when needed, then sends a probe through the pool and waits for it on the feed. */
  private async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if (!this.stopListening) {
        this.stopListening = await this.db.listen(CHANGE_CHANNEL, this.onMessage, (err) => {
          this.stopListening = undefined;
          this.setLive(false);
          this.log.warn({ err }, `${this.label}: notification feed lost; ${this.fallback}`);
        });
        if (this.stopped) return await this.stop();
      }
      const nonce = randomUUID();
      const arrived = new Promise<boolean>((resolve) => {
        const timeout = setTimeout(() => resolve(false), this.probeMs);
        this.probe = { nonce, arrived: () => (clearTimeout(timeout), resolve(true)) };
      });
      await this.db.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, `${PROBE_TOPIC}:${nonce}`]);
      const ok = await arrived;
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
