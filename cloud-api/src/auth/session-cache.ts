// Keeps the session + user state that the guard checks on every request, so a signed-in request needs no
// session query. Correctness comes from invalidation, not from the TTL: triggers (migration 007) NOTIFY
// `principal_changed` with the user id whenever a session is revoked or deleted or a user's role, status or
// organisation changes, and every replica LISTENs. The replica that made the change also forgets the user itself
// right after its commit, so its own next request is never served stale. A probe NOTIFY every few seconds checks
// that the feed really arrives (LISTEN through pgbouncer in transaction mode silently gets nothing); while it does
// not, the cache is bypassed and every request reads the database.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/db';
import type { Role } from '../rbac/matrix';

export const PRINCIPAL_CHANGED = 'principal_changed';
const PROBE_PREFIX = 'probe:';

export interface SessionState {
  userId: string;
  orgId: string;
  role: Role;
  status: string;
  revoked: boolean;
}

interface Log {
  warn(obj: object, msg: string): void;
}

export class SessionCache {
  private readonly lru: LRUCache<string, SessionState>;
  private generation = 0;
  private live = false;
  private stopFeed?: () => Promise<void>;
  private timer?: NodeJS.Timeout;
  private probe?: { nonce: string; arrived: () => void };
  private checking = false;
  /** a probe has completed once (the first failure is logged even though the cache was never live) */
  private checked = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly ttlS: number,
    private readonly log: Log,
    private readonly probeMs = 5_000,
  ) {
    this.lru = new LRUCache({ max: 50_000, ttl: Math.max(1, ttlS) * 1000 });
  }

  /** The cached state of a session, only while the invalidation feed is known to work. */
  get(sessionId: string): SessionState | undefined {
    return this.live ? this.lru.get(sessionId) : undefined;
  }

  /** Call before reading the database; pass the value to `set` so a read that raced an invalidation is dropped. */
  snapshot(): number {
    return this.generation;
  }

  set(sessionId: string, state: SessionState, generation: number): void {
    if (this.live && generation === this.generation) this.lru.set(sessionId, state);
  }

  /** Drops every cached session of a user (call after the commit that revoked or changed them). */
  forgetUser(userId: string): void {
    this.generation++;
    const keys = [...this.lru.entries()].filter(([, s]) => s.userId === userId).map(([k]) => k);
    for (const k of keys) this.lru.delete(k);
  }

  /** Subscribes to the invalidation feed and starts probing it; without a TTL the cache stays off. */
  async start(): Promise<void> {
    if (this.ttlS === 0) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.probeMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.setLive(false);
    await this.stopFeed?.();
    this.stopFeed = undefined;
  }

  private setLive(live: boolean): void {
    if (!live) {
      this.generation++;
      this.lru.clear();
    }
    this.live = live;
  }

  private onMessage = (payload: string): void => {
    if (payload.startsWith(PROBE_PREFIX)) {
      if (this.probe && payload === PROBE_PREFIX + this.probe.nonce) this.probe.arrived();
      return;
    }
    this.forgetUser(payload);
  };

  /** (Re)subscribes when needed, then sends a probe through the pool and waits for it on the feed. */
  private async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if (!this.stopFeed) {
        this.stopFeed = await this.db.listen(PRINCIPAL_CHANGED, this.onMessage, (err) => {
          this.stopFeed = undefined;
          this.setLive(false);
          this.log.warn({ err }, 'session cache: notification feed lost; reading sessions from the database');
        });
        if (this.stopped) return await this.stop();
      }
      const nonce = randomUUID();
      const arrived = new Promise<boolean>((resolve) => {
        const timeout = setTimeout(() => resolve(false), this.probeMs);
        this.probe = { nonce, arrived: () => (clearTimeout(timeout), resolve(true)) };
      });
      await this.db.query('SELECT pg_notify($1, $2)', [PRINCIPAL_CHANGED, PROBE_PREFIX + nonce]);
      const ok = await arrived;
      if (!ok && (this.live || !this.checked)) this.log.warn({}, 'session cache: probe notification did not arrive; reading sessions from the database');
      this.checked = true;
      this.setLive(ok && !this.stopped);
    } catch (err) {
      this.setLive(false);
      if (!this.stopped) this.log.warn({ err }, 'session cache: cannot follow invalidations; reading sessions from the database');
    } finally {
      this.checking = false;
    }
  }
}
