// Keeps the session + user state that the guard checks on every request, so a signed-in request needs no
// session query. Correctness comes from invalidation, not from the TTL: triggers (migration 007) NOTIFY the user
// id on the change feed (http/change-feed.ts) whenever a session is revoked or deleted or a user's role, status or
// organisation changes, and every replica LISTENs. The replica that made the change also forgets the user itself
// right after its commit, so its own next request is never served stale. While the feed is not known to work, the
// cache is bypassed and every request reads the database.
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/db';
import { ChangeFeed } from '../http/change-feed';
import type { Role } from '../rbac/matrix';

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
  private readonly feed: ChangeFeed;
  /** started and stopped with this cache (no shared feed was given) */
  private readonly ownsFeed: boolean;

  /** Without `feed` the cache listens on a feed of its own; a shared feed is started and stopped by its owner. */
  constructor(db: Db, private readonly ttlS: number, log: Log, probeMs = 5_000, feed?: ChangeFeed) {
    this.lru = new LRUCache({ max: 50_000, ttl: Math.max(1, ttlS) * 1000 });
    this.feed = feed ?? new ChangeFeed(db, log, probeMs, 'session cache', 'reading sessions from the database');
    this.ownsFeed = !feed;
    this.feed.subscribe('', {
      changed: (userId) => this.forgetUser(userId),
      reset: () => {
        this.generation++;
        this.lru.clear();
      },
    });
  }

  private get enabled(): boolean {
    return this.ttlS > 0 && this.feed.live;
  }

  /** The cached state of a session, only while the invalidation feed is known to work. */
  get(sessionId: string): SessionState | undefined {
    return this.enabled ? this.lru.get(sessionId) : undefined;
  }

  /** Call before reading the database; pass the value to `set` so a read that raced an invalidation is dropped. */
  snapshot(): number {
    return this.generation;
  }

  set(sessionId: string, state: SessionState, generation: number): void {
    if (this.enabled && generation === this.generation) this.lru.set(sessionId, state);
  }

  /** Drops every cached session of a user (call after the commit that revoked or changed them). */
  forgetUser(userId: string): void {
    this.generation++;
    const keys = [...this.lru.entries()].filter(([, s]) => s.userId === userId).map(([k]) => k);
    for (const k of keys) this.lru.delete(k);
  }

  /** Starts an own feed (a TTL of 0 keeps the cache off and listens to nothing). */
  async start(): Promise<void> {
    if (this.ownsFeed && this.ttlS > 0) await this.feed.start();
  }

  async stop(): Promise<void> {
    if (this.ownsFeed) await this.feed.stop();
  }
}
