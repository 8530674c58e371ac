// Accounts and tokens, run against PGlite (unit) and PostgreSQL (integration): sign-in factors, lockout, TOTP
// with replay protection and single-use recovery codes, refresh rotation with grace and reuse detection, logout,
// JWT forgery attempts, signing-key rotation, API key scopes.
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { SigningKeys } from '../../src/auth/signing-keys';
import { PASSWORD, bearer, lastCode, login, seedOrg, seedUser, testConfig } from '../helpers';
import type { SuiteContext } from './context';

const totpAt = (secret: string, ms: number) => new TOTP({ secret: Secret.fromBase32(secret), period: 30 }).generate({ timestamp: ms });

export function authSuite(ctx: SuiteContext): void {
  const cfg = testConfig();
  const me = (token: string) => ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) });
  const refresh = (refreshToken: string, app = ctx.app) => app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

  describe('sign-in', () => {
    it('refuses a wrong password and a wrong email code without saying which account exists', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'viewer');
      const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: 'wrong password!!' } });
      const none = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'wrong password!!' } });
      expect(bad.statusCode).toBe(401);
      expect(none.statusCode).toBe(401);
      expect(bad.json().error.message).toBe(none.json().error.message);
      const r1 = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: PASSWORD } });
      const code = await lastCode(ctx.db, u.email);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const r2 = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload: { challengeId: r1.json().challengeId, emailCode: wrong } });
      expect(r2.statusCode).toBe(401);
    });

    it('locks the account after repeated failures, with backoff, and audits it', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'viewer');
      for (let i = 0; i < 5; i++) {
        const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: `wrong-${i}-password` } });
        expect(r.statusCode).toBe(i < 4 ? 401 : 423);
      }
      const locked = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: PASSWORD } });
      expect(locked.statusCode).toBe(423);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(50);
      const audit = await ctx.db.query("SELECT 1 FROM audit_log WHERE actor_id = $1 AND action = 'auth.login_failed'", [u.id]);
      expect(audit).toHaveLength(5);
    });

    it('asks for an SMS code when the user enabled SMS', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'designer', { phone: '+62 812 5555 0101' });
      const t = await login(ctx.app, ctx.db, u.email);
      expect((await ctx.app.inject({ method: 'PUT', url: '/api/v1/auth/mfa/sms', headers: bearer(t), payload: { enabled: true } })).statusCode).toBe(200);
      const r1 = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: PASSWORD } });
      expect(r1.json().factors).toEqual(['email_code', 'sms_code']);
      const { challengeId } = r1.json();
      const emailCode = await lastCode(ctx.db, u.email);
      const smsCode = await lastCode(ctx.db, '+62 812 5555 0101', 'sms');
      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload: { challengeId, emailCode } })).statusCode).toBe(401);
      const ok = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload: { challengeId, emailCode, smsCode } });
      expect(ok.statusCode, ok.body).toBe(200);
    });
  });

  describe('TOTP', () => {
    it('enrols, refuses replayed codes, accepts each recovery code once, and disables', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'company_admin');
      const t = await login(ctx.app, ctx.db, u.email);
      const enrol = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp/enrol', headers: bearer(t) });
      const { secret, otpauthUri } = enrol.json();
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      const now = Date.now();
      const act = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp/activate', headers: bearer(t), payload: { code: totpAt(secret, now) } });
      expect(act.statusCode, act.body).toBe(200);
      const codes: string[] = act.json().recoveryCodes;
      expect(codes).toHaveLength(10);

      const start = async () => (await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: PASSWORD } })).json();
      const verify = async (challengeId: string, extra: Record<string, string>) =>
        ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload: { challengeId, emailCode: await lastCode(ctx.db, u.email), ...extra } });

      let ch = await start();
      expect(ch.factors).toContain('totp');
      expect((await verify(ch.challengeId, {})).statusCode).toBe(401);
      // The activation code's time step is spent: replaying it fails even though it is still "current".
      ch = await start();
      expect((await verify(ch.challengeId, { totpCode: totpAt(secret, now) })).statusCode).toBe(401);
      const next = totpAt(secret, now + 30_000);
      ch = await start();
      expect((await verify(ch.challengeId, { totpCode: next })).statusCode).toBe(200);
      ch = await start();
      expect((await verify(ch.challengeId, { totpCode: next })).statusCode).toBe(401);

      ch = await start();
      expect((await verify(ch.challengeId, { recoveryCode: codes[0] })).statusCode).toBe(200);
      ch = await start();
      expect((await verify(ch.challengeId, { recoveryCode: codes[0] })).statusCode).toBe(401);

      await ctx.db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [u.id]);
      const dis = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp/disable', headers: bearer(t), payload: { password: PASSWORD, recoveryCode: codes[1] } });
      expect(dis.statusCode, dis.body).toBe(200);
      expect((await start()).factors).toEqual(['email_code']);
    });
  });

  describe('refresh tokens', () => {
    it('rotates, returns the same child inside the grace window, and revokes the family on reuse', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'designer');
      const t0 = await login(ctx.app, ctx.db, u.email);
      const r1 = await refresh(t0.refreshToken);
      expect(r1.statusCode).toBe(200);
      const t1 = r1.json();
      expect(t1.refreshToken).not.toBe(t0.refreshToken);
      const retry = await refresh(t0.refreshToken);
      expect(retry.json().refreshToken).toBe(t1.refreshToken);
      const t2 = (await refresh(t1.refreshToken)).json();
      // t0's child is now used: presenting t0 again is reuse.
      const reuse = await refresh(t0.refreshToken);
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().error.message).toContain('reuse_detected');
      expect((await refresh(t2.refreshToken)).statusCode).toBe(401);
      expect((await me(t2.accessToken)).statusCode).toBe(401);
      const audited = await ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'auth.refresh_reuse_detected' AND actor_id = $1", [u.id]);
      expect(audited).toHaveLength(1);
    });

    it('treats a retry after the grace window as reuse', async () => {
      const strict = await ctx.extraApp({ REFRESH_GRACE_S: '0' });
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'designer');
      const t0 = await login(strict, ctx.db, u.email);
      expect((await refresh(t0.refreshToken, strict)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
      expect((await refresh(t0.refreshToken, strict)).statusCode).toBe(401);
    });

    it('logs out one session, then every session', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'viewer');
      const a = await login(ctx.app, ctx.db, u.email);
      const b = await login(ctx.app, ctx.db, u.email);
      const c = await login(ctx.app, ctx.db, u.email);
      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(a) })).json()).toEqual({ revokedSessions: 1 });
      expect((await me(a.accessToken)).statusCode).toBe(401);
      expect((await refresh(a.refreshToken)).statusCode).toBe(401);
      expect((await me(b.accessToken)).statusCode).toBe(200);
      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: bearer(b) })).json()).toEqual({ revokedSessions: 2 });
      expect((await me(c.accessToken)).statusCode).toBe(401);
      expect((await refresh(c.refreshToken)).statusCode).toBe(401);
    });
  });

  describe('access-token forgery', () => {
    it('refuses alg none, foreign keys, HMAC with the public key, expired, wrong audience and wrong issuer', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'company_admin');
      const t = await login(ctx.app, ctx.db, u.email);
      expect((await me(t.accessToken)).statusCode).toBe(200);
      const [h, p] = t.accessToken.split('.');
      const header = JSON.parse(Buffer.from(h, 'base64url').toString());
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const { kid } = header;
      const keys = new SigningKeys(ctx.db, cfg.tokenSecret, cfg.jwt.signingKeyMaxAgeS, cfg.jwt.accessTtlS);
      const { key: realKey } = await keys.signingKey();
      const jwks = (await ctx.app.inject({ url: '/api/v1/auth/jwks.json' })).json();
      const realPublic = jwks.keys.find((k: { kid: string }) => k.kid === kid);
      expect(realPublic).toBeDefined();

      const forged: Record<string, string> = {};
      forged.none = new UnsecuredJWT(claims).encode();
      forged.noneWithKid = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid })).toString('base64url')}.${p}.`;
      const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      forged.foreignKey = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' }).sign(foreign.privateKey);
      forged.hmacWithPublicKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' })
        .sign(new TextEncoder().encode(JSON.stringify(realPublic)));
      forged.hmacWithRawX = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' })
        .sign(Buffer.from(realPublic.x, 'base64url'));
      const now = Math.floor(Date.now() / 1000);
      forged.expired = await new SignJWT({ ...claims, iat: now - 3600, exp: now - 1800 }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' }).sign(realKey);
      forged.wrongAudience = await new SignJWT({ ...claims, aud: 'someone-else' }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' }).sign(realKey);
      forged.wrongIssuer = await new SignJWT({ ...claims, iss: 'https://evil.example' }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' }).sign(realKey);
      forged.unknownKid = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'nope', typ: 'at+jwt' }).sign(realKey);
      forged.tamperedRole = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'super_admin' })).toString('base64url')}.${t.accessToken.split('.')[2]}`;
      forged.garbage = 'not.a.jwt';
      // Correctly signed but a session that does not exist.
      forged.unknownSession = await new SignJWT({ ...claims, sid: '00000000-0000-4000-8000-000000000000' }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' }).sign(realKey);
      for (const [name, token] of Object.entries(forged)) {
        const r = await me(token);
        expect(r.statusCode, `${name}: ${r.body}`).toBe(401);
      }
    });

    it('keeps verifying tokens signed by the previous key after a rotation', async () => {
      const u = await seedUser(ctx.db, await seedOrg(ctx.db), 'viewer');
      const before = await login(ctx.app, ctx.db, u.email);
      const keys = new SigningKeys(ctx.db, cfg.tokenSecret, cfg.jwt.signingKeyMaxAgeS, cfg.jwt.accessTtlS);
      const newKid = await keys.rotate();
      const fresh = await ctx.extraApp({});
      const after = await login(fresh, ctx.db, u.email);
      const kidOf = (tok: string) => JSON.parse(Buffer.from(tok.split('.')[0], 'base64url').toString()).kid;
      expect(kidOf(after.accessToken)).toBe(newKid);
      expect(kidOf(before.accessToken)).not.toBe(newKid);
      expect((await fresh.inject({ url: '/api/v1/me', headers: bearer(before) })).statusCode).toBe(200);
      expect((await ctx.app.inject({ url: '/api/v1/me', headers: bearer(after) })).statusCode).toBe(200);
      const jwks = (await fresh.inject({ url: '/api/v1/auth/jwks.json' })).json();
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([newKid, kidOf(before.accessToken)]));
    });
  });

  describe('API keys', () => {
    it('authenticates with scopes no wider than the creator, and stops working once revoked', async () => {
      const org = await seedOrg(ctx.db);
      const admin = await seedUser(ctx.db, org, 'company_admin');
      const t = await login(ctx.app, ctx.db, admin.email);
      const tooWide = await ctx.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(t), payload: { name: 'x', scopes: ['organisation.manage'] } });
      expect(tooWide.statusCode).toBe(403);
      const created = await ctx.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(t), payload: { name: 'erp', scopes: ['product.read'], tier: 'standard' } });
      expect(created.statusCode, created.body).toBe(201);
      const { key, id } = created.json();
      const stored = await ctx.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [id]);
      expect(stored[0].key_hash).not.toContain(key.slice('ahk_'.length + 17)); // the secret part never stored
      expect((await ctx.app.inject({ url: '/api/v1/products', headers: { 'x-api-key': key } })).statusCode).toBe(200);
      expect((await ctx.app.inject({ url: '/api/v1/orders', headers: { 'x-api-key': key } })).statusCode).toBe(403);
      expect((await ctx.app.inject({ url: '/api/v1/products', headers: { 'x-api-key': `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` } })).statusCode).toBe(401);
      expect((await ctx.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: bearer(t) })).statusCode).toBe(200);
      expect((await ctx.app.inject({ url: '/api/v1/products', headers: { 'x-api-key': key } })).statusCode).toBe(401);
    });
  });
}
