// Password reset by email code, run against PGlite (unit) and PostgreSQL (integration): the same answer for
// unknown accounts, hashed single-use codes, every session ended, lockout cleared, 5 attempts, only the newest
// code open, expiry, 3 codes per hour, and the audit trail.
import { describe, expect, it } from 'vitest';
import { PASSWORD, bearer, lastCode, login, seedOrg, seedUser } from '../helpers';
import type { SuiteContext } from './context';

const NEW_PASSWORD = 'a brand new long passphrase';

export function passwordResetSuite(ctx: SuiteContext): void {
  const requestReset = (email: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
  const confirm = (email: string, code: string, newPassword = NEW_PASSWORD) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { email, code, newPassword } });
  const signIn = (email: string, password: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const actions = async (userId: string) =>
    (await ctx.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'auth.password_reset%' ORDER BY seq", [userId])).map((r) => r.action);
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  describe('password reset', () => {
    it('sets a new password with the emailed code once, ends every session, clears a lockout, and is audited', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'designer');
      const a = await login(ctx.app, ctx.db, u.email);
      const b = await login(ctx.app, ctx.db, u.email);
      const known = await requestReset(u.email);
      const unknown = await requestReset('nobody-here@example.test');
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(unknown.json()).toEqual(known.json());
      expect(await ctx.db.query("SELECT 1 FROM sender_outbox WHERE recipient = 'nobody-here@example.test'")).toHaveLength(0);
      const code = await lastCode(ctx.db, u.email);
      const [stored] = await ctx.db.query<{ code_hash: string }>('SELECT code_hash FROM password_resets WHERE user_id = $1', [u.id]);
      expect(stored.code_hash).not.toContain(code);

      await ctx.db.query("UPDATE users SET failed_logins = 9, locked_until = now() + interval '1 hour' WHERE id = $1", [u.id]);
      expect((await confirm(u.email, wrong(code))).statusCode).toBe(401);
      expect((await confirm(u.email, code, 'short')).statusCode).toBe(400);
      expect((await confirm('nobody-here@example.test', code)).statusCode).toBe(401);
      const ok = await confirm(u.email, code);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ revokedSessions: 2 });
      expect((await confirm(u.email, code, 'another long passphrase!')).statusCode).toBe(401);

      for (const t of [a, b]) {
        expect((await ctx.app.inject({ url: '/api/v1/me', headers: bearer(t) })).statusCode).toBe(401);
        expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: t.refreshToken } })).statusCode).toBe(401);
      }
      expect((await signIn(u.email, PASSWORD)).statusCode).toBe(401);
      expect((await signIn(u.email, NEW_PASSWORD)).statusCode).toBe(200);
      expect(await actions(u.id)).toEqual(['auth.password_reset_requested', 'auth.password_reset_failed', 'auth.password_reset']);
    });

    it('keeps only the newest code open, allows 5 attempts, expires codes, and sends at most 3 codes an hour', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'customer');
      await requestReset(u.email);
      const first = await lastCode(ctx.db, u.email);
      await requestReset(u.email);
      const second = await lastCode(ctx.db, u.email);
      if (first !== second) expect((await confirm(u.email, first)).statusCode).toBe(401);
      for (let i = 0; i < 5; i++) expect((await confirm(u.email, wrong(second))).statusCode).toBe(401);
      expect((await confirm(u.email, second)).statusCode).toBe(401); // used up by the wrong attempts

      await requestReset(u.email);
      const third = await lastCode(ctx.db, u.email);
      await ctx.db.query("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND consumed_at IS NULL", [u.id]);
      expect((await confirm(u.email, third)).statusCode).toBe(401);

      const before = await ctx.db.query('SELECT 1 FROM sender_outbox WHERE recipient = $1', [u.email]);
      expect((await requestReset(u.email)).statusCode).toBe(202);
      expect(await ctx.db.query('SELECT 1 FROM sender_outbox WHERE recipient = $1', [u.email])).toHaveLength(before.length);
      expect((await actions(u.id)).at(-1)).toBe('auth.password_reset_throttled');
      expect((await signIn(u.email, PASSWORD)).statusCode).toBe(200);
    });
  });
}
