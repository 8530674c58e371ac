// The session cache (src/auth/session-cache.ts), run against PGlite (unit) and PostgreSQL (integration): it
// caches only while its NOTIFY feed works, forgets a user when the database says their sessions or role changed,
// drops reads that raced an invalidation, and replicas sharing a database see each other's logouts and role
// changes.
import { describe, expect, it } from 'vitest';
import { SessionCache, type SessionState } from '../../src/auth/session-cache';
import { bearer, login, seedOrg, seedUser } from '../helpers';
import type { SuiteContext } from './context';

const quiet = { warn: () => undefined };

/** Polls `check` until it returns true or `ms` passed. */
async function eventually(check: () => Promise<boolean> | boolean, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

export function sessionCacheSuite(ctx: SuiteContext): void {
  describe('session cache', () => {
    const state = (userId: string, orgId: string): SessionState => ({ userId, orgId, role: 'viewer', status: 'active', revoked: false });

    it('caches while its feed works and forgets a user when a session is revoked or the user changes', async () => {
      const orgId = await seedOrg(ctx.db);
      const u = await seedUser(ctx.db, orgId, 'viewer');
      const [fam] = await ctx.db.query<{ id: string }>('INSERT INTO refresh_families (user_id, org_id) VALUES ($1, $2) RETURNING id', [u.id, orgId]);
      const cache = new SessionCache(ctx.db, 30, quiet, 200);
      await cache.start();
      try {
        cache.set(fam.id, state(u.id, orgId), cache.snapshot());
        expect(cache.get(fam.id)).toMatchObject({ userId: u.id });
        await ctx.db.query("UPDATE users SET role = 'designer' WHERE id = $1", [u.id]);
        expect(await eventually(() => cache.get(fam.id) === undefined)).toBe(true);

        cache.set(fam.id, state(u.id, orgId), cache.snapshot());
        await ctx.db.query('UPDATE refresh_families SET revoked_at = now() WHERE id = $1', [fam.id]);
        expect(await eventually(() => cache.get(fam.id) === undefined)).toBe(true);
      } finally {
        await cache.stop();
      }
    });

    it('drops a read that raced an invalidation, and caches nothing with a TTL of 0', async () => {
      const cache = new SessionCache(ctx.db, 30, quiet, 200);
      await cache.start();
      try {
        const before = cache.snapshot();
        cache.forgetUser('00000000-0000-0000-0000-000000000001');
        cache.set('s1', state('00000000-0000-0000-0000-000000000001', 'o'), before);
        expect(cache.get('s1')).toBeUndefined();
      } finally {
        await cache.stop();
      }
      const off = new SessionCache(ctx.db, 0, quiet);
      await off.start();
      off.set('s2', state('u', 'o'), off.snapshot());
      expect(off.get('s2')).toBeUndefined();
      await off.stop();
    });

    it('lets a logout or a role change on one replica take effect on another', async () => {
      const orgId = await seedOrg(ctx.db);
      const admin = await seedUser(ctx.db, orgId, 'company_admin');
      const u = await seedUser(ctx.db, orgId, 'company_admin');
      const other = await ctx.extraApp({});
      const t = await login(ctx.app, ctx.db, u.email);
      const users = (app = other) => app.inject({ url: '/api/v1/users', headers: bearer(t) });
      expect((await users()).statusCode).toBe(200); // now cached on both replicas
      expect((await users(ctx.app)).statusCode).toBe(200);

      const a = await login(ctx.app, ctx.db, admin.email);
      const demote = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: bearer(a), payload: { role: 'customer' } });
      expect(demote.statusCode, demote.body).toBe(200);
      expect((await users(ctx.app)).statusCode).toBe(403); // at once on the replica that made the change
      expect(await eventually(async () => (await users()).statusCode === 403)).toBe(true);

      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(t) })).statusCode).toBe(200);
      const me = (app = other) => app.inject({ url: '/api/v1/me', headers: bearer(t) });
      expect((await me(ctx.app)).statusCode).toBe(401);
      expect(await eventually(async () => (await me()).statusCode === 401)).toBe(true);
    });
  });
}
