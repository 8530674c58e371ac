// NotifiedCache on PGlite's NOTIFY: answers only while the change feed is live, drops a group when the database
// announces it (or `*`: everything) and only for its own topic, by the next lookup, never stores a read that a
// change overtook, and stays within its byte budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { openPgliteDb } from '../db/pglite-db';
import { CHANGE_CHANNEL, ChangeFeed } from './change-feed';
import { NotifiedCache } from './notified-cache';

const quiet = { warn: () => undefined };
const entry = (group: string, text = group) => ({ group, meta: null, body: Buffer.from(text) });

describe('NotifiedCache', () => {
  let db: Db;
  let feed: ChangeFeed;
  beforeAll(async () => {
    db = await openPgliteDb('memory://');
    feed = new ChangeFeed(db, quiet, 200);
  });
  afterAll(async () => {
    await feed.stop();
    await db.close();
  });

  it('serves and stores nothing until the feed is live', async () => {
    const cache = new NotifiedCache<null>(feed, 'catalog', 1 << 20);
    cache.set('k', entry('org-1'), cache.snapshot());
    expect(cache.get('k')).toBeUndefined();
    expect(await feed.sync()).toBe(false);
    await feed.start();
    expect(await feed.sync()).toBe(true);
    expect(feed.live).toBe(true);
    cache.set('k', entry('org-1'), cache.snapshot());
    expect(cache.get('k')?.body.toString()).toBe('org-1');
  });

  it('drops the group the database announces, and everything on `*`', async () => {
    const cache = new NotifiedCache<null>(feed, 'catalog', 1 << 20);
    const orders = new NotifiedCache<null>(feed, 'order', 1 << 20);
    for (const [k, g] of [['a1', 'org-a'], ['a2', 'org-a'], ['b1', 'org-b']]) cache.set(k, entry(g), cache.snapshot());
    orders.set('o', entry('org-a'), orders.snapshot());
    await db.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'catalog:org-a']);
    expect(await cache.lookup('a1')).toBeUndefined(); // lookup waits for changes committed before it
    expect(cache.get('a2')).toBeUndefined();
    expect(await cache.lookup('b1')).toBeDefined();
    expect(await orders.lookup('o')).toBeDefined(); // another topic
    await db.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'catalog:*']);
    expect(await cache.lookup('b1')).toBeUndefined();
    expect(await orders.lookup('o')).toBeDefined();
  });

  it('does not store a read that a change overtook', () => {
    const cache = new NotifiedCache<null>(feed, 'catalog', 1 << 20);
    const before = cache.snapshot();
    cache.forget('org-z'); // a change to any group while the query ran
    cache.set('k', entry('org-a'), before);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', entry('org-a'), cache.snapshot());
    expect(cache.get('k')).toBeDefined();
  });

  it('keeps within its byte budget, and caches nothing with a budget of 0', () => {
    const cache = new NotifiedCache<null>(feed, 'catalog', 1000);
    for (let i = 0; i < 20; i++) cache.set(`k${i}`, entry('org', 'x'.repeat(100)), cache.snapshot());
    const kept = Array.from({ length: 20 }, (_, i) => cache.get(`k${i}`)).filter(Boolean).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept * 102).toBeLessThanOrEqual(1000);
    expect(cache.get('k19')).toBeDefined(); // the newest stay
    const off = new NotifiedCache<null>(feed, 'catalog', 0);
    off.set('k', entry('org'), off.snapshot());
    expect(off.get('k')).toBeUndefined();
  });
});
