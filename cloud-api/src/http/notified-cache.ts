// Serialized responses kept in memory and dropped when the database announces a change (http/change-feed.ts), so
// a repeated read costs neither its query nor serialisation (only a round trip on the LISTEN session). Entries
// belong to a group (an organisation's product list, one order): a trigger NOTIFYs `<topic>:<group>` when a write
// commits, every replica drops the group's entries, and the replica that wrote also calls `forget` itself right
// after its commit. `<topic>:*` drops everything. `lookup` first lets every change committed before it arrive
// (ChangeFeed.sync), so a write on one replica is seen by the next read on any other. A read that a change
// overtook is never stored (`snapshot` before the query, passed to `set`), and nothing is served or stored while
// the feed is not known to work.
import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from './change-feed';

const EVERY_GROUP = '*';

export interface Cached<M> {
  group: string;
  /** what the caller checks before serving (scope) */
  meta: M;
  body: Buffer;
}

export class NotifiedCache<M = undefined> {
  private readonly entries: LRUCache<string, Cached<M>> | null;
  private readonly keysOfGroup = new Map<string, Set<string>>();
  /** moves on every change; a read that started before a change is not stored */
  private generation = 0;

  /** `maxBytes` 0 turns the cache off. */
  constructor(private readonly feed: ChangeFeed, topic: string, maxBytes: number) {
    this.entries = maxBytes > 0
      ? new LRUCache<string, Cached<M>>({
        maxSize: maxBytes,
        sizeCalculation: (e, key) => e.body.length + key.length,
        dispose: (e, key) => this.unindex(e.group, key),
      })
      : null;
    feed.subscribe(topic, { changed: (group) => this.forget(group), reset: () => this.forget(EVERY_GROUP) });
  }

  /** Call before reading the database; pass the value to `set`. */
  snapshot(): number {
    return this.generation;
  }

  /** The entry, only while the feed is live (as fresh as the last notification that arrived). */
  get(key: string): Cached<M> | undefined {
    return this.entries && this.feed.live ? this.entries.get(key) : undefined;
  }

  /**
   * The entry as fresh as the database: when there is one, waits until every change committed before this call
   * (also on another replica) has arrived, then looks again. A miss costs nothing extra.
   */
  async lookup(key: string): Promise<Cached<M> | undefined> {
    if (!this.get(key)) return undefined;
    return (await this.feed.sync()) ? this.get(key) : undefined;
  }

  set(key: string, entry: Cached<M>, snapshot: number): void {
    if (!this.entries || !this.feed.live || snapshot !== this.generation) return;
    this.entries.set(key, entry);
    const keys = this.keysOfGroup.get(entry.group) ?? new Set<string>();
    keys.add(key);
    this.keysOfGroup.set(entry.group, keys);
  }

  /** Drops a group's entries (`*`: all). Call right after committing a change; other replicas hear it. */
  forget(group: string): void {
    this.generation++;
    if (group === EVERY_GROUP) return this.entries?.clear();
    for (const key of [...(this.keysOfGroup.get(group) ?? [])]) this.entries?.delete(key);
  }

  private unindex(group: string, key: string): void {
    const keys = this.keysOfGroup.get(group);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfGroup.delete(group);
  }
}
