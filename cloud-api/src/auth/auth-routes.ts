// Sign-in, token refresh, logout, password reset and the public key set. Login is two steps (password, then
// codes); login and reset are rate limited per IP more tightly than the rest of the API.
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { ErrorBody, errorResponses, type ZodApp } from '../http/zod-app';
import { principalOf, requestContext } from '../rbac/principal';
import { LoginService } from './login-service';
import { PasswordResets, RESET_TTL_S } from './password-reset';
import { PASSWORD_MIN_LENGTH } from './passwords';
import type { Role } from '../rbac/matrix';


export const TokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});

const tags = ['auth'];

export function authRoutes(app: ZodApp, deps: AppDeps): void {
  const login = new LoginService(deps);
  const LOGIN_LIMIT = { max: deps.config.rateLimit.loginPerMin, timeWindow: 60_000 };

  app.post('/api/v1/auth/login', {
    config: { permission: 'public', rateLimit: LOGIN_LIMIT },
    schema: {
      tags, summary: 'Step 1: email and password; sends the verification codes', security: [],
      body: z.object({ email: z.string().email().max(254), password: z.string().min(1).max(1024) }).strict(),
      response: { 200: z.object({ challengeId: z.string().uuid(), factors: z.array(z.enum(['email_code', 'sms_code', 'totp'])), expiresIn: z.number() }), 423: ErrorBody, ...errorResponses },
    },
  }, async (req) => {
    const out = await login.start(req.body.email, req.body.password, requestContext(req));
    deps.delivery.kick();
    return out;
  });

  app.post('/api/v1/auth/login/verify', {
    config: { permission: 'public', rateLimit: LOGIN_LIMIT },
    schema: {
      tags, summary: 'Step 2: email code, optional SMS code, TOTP or recovery code; returns tokens', security: [],
      body: z.object({
        challengeId: z.string().uuid(),
        emailCode: z.string().regex(/^\d{6}$/),
        smsCode: z.string().regex(/^\d{6}$/).optional(),
        totpCode: z.string().regex(/^\d{6}$/).optional(),
        recoveryCode: z.string().max(32).optional(),
      }).strict(),
      response: { 200: TokenPairSchema, 423: ErrorBody, ...errorResponses },
    },
  }, async (req) => {
    const { challengeId, ...codes } = req.body;
    return login.verify(challengeId, codes, requestContext(req));
  });

  app.post('/api/v1/auth/refresh', {
    config: { permission: 'public', rateLimit: LOGIN_LIMIT },
    schema: {
      tags, summary: 'Rotate a refresh token (same child within the grace window; reuse revokes the family)', security: [],
      body: z.object({ refreshToken: z.string().min(20).max(200) }).strict(),
      response: { 200: TokenPairSchema, ...errorResponses },
    },
  }, async (req) => {
    const r = await deps.refresh.rotate(req.body.refreshToken, requestContext(req));
    if (!r.ok && r.reason === 'reuse_detected') deps.sessions.forgetUser(r.userId);
    if (!r.ok) throw errors.unauthorized(`refresh token refused: ${r.reason}`, 'token penyegaran ditolak');
    const [u] = await deps.db.query<{ role: Role; status: string }>('SELECT role, status FROM users WHERE id = $1', [r.userId]);
    if (!u || u.status !== 'active') throw errors.unauthorized();
    return login.tokens(r.userId, r.orgId, u.role, r.familyId, r.token);
  });

  const Revoked = z.object({ revokedSessions: z.number().int() });
  const resets = new PasswordResets(deps);
  app.post('/api/v1/auth/password-reset', {
    config: { permission: 'public', rateLimit: LOGIN_LIMIT },
    schema: {
      tags, summary: 'Request a password reset code by email (the answer is the same whether the account exists)', security: [],
      body: z.object({ email: z.string().email().max(254) }).strict(),
      response: { 202: z.object({ accepted: z.literal(true), expiresIn: z.number().int() }), ...errorResponses },
    },
  }, async (req, reply) => {
    await resets.request(req.body.email, requestContext(req));
    deps.delivery.kick();
    return reply.code(202).send({ accepted: true as const, expiresIn: RESET_TTL_S });
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    config: { permission: 'public', rateLimit: LOGIN_LIMIT },
    schema: {
      tags, summary: 'Set a new password with the emailed code; ends every session of the account', security: [],
      body: z.object({
        email: z.string().email().max(254),
        code: z.string().regex(/^\d{6}$/),
        newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(1024),
      }).strict(),
      response: { 200: Revoked, ...errorResponses },
    },
  }, async (req) => {
    const { revokedSessions } = await resets.confirm(req.body.email, req.body.code, req.body.newPassword, requestContext(req));
    deps.delivery.kick();
    return { revokedSessions };
  });

  app.post('/api/v1/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'End this session (its refresh-token family)', response: { 200: Revoked, ...errorResponses } },
  }, async (req) => {
    const p = principalOf(req);
    if (!p.sessionId) throw errors.badInput('API keys have no session', 'kunci API tidak memiliki sesi');
    const n = await deps.db.tx(async (q) => {
      const count = await deps.refresh.revokeFamilies(q, 'family_id', p.sessionId!, 'logout');
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'auth.logout', targetType: 'refresh_family', targetId: p.sessionId, ...requestContext(req) });
      return count;
    });
    deps.sessions.forgetUser(p.userId);
    return { revokedSessions: n };
  });

  app.post('/api/v1/auth/logout-all', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'End every session of the signed-in user', response: { 200: Revoked, ...errorResponses } },
  }, async (req) => {
    const p = principalOf(req);
    const n = await deps.db.tx(async (q) => {
      const count = await deps.refresh.revokeFamilies(q, 'user_id', p.userId, 'logout_all');
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'auth.logout_all', targetType: 'user', targetId: p.userId, after: { sessions: count }, ...requestContext(req) });
      return count;
    });
    deps.sessions.forgetUser(p.userId);
    return { revokedSessions: n };
  });

  app.get('/api/v1/auth/jwks.json', {
    config: { permission: 'public' },
    schema: {
      tags, summary: 'Public keys that verify access tokens (current and recently rotated)', security: [],
      response: { 200: z.object({ keys: z.array(z.record(z.unknown())) }) },
    },
  }, async () => deps.keys.publicJwks());
}
