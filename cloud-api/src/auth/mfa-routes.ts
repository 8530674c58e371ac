// TOTP enrolment (secret → first valid code activates it and returns ten single-use recovery codes), TOTP
// disable (needs the password and a current code or a recovery code) and the SMS second-code switch.
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/db';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { errorResponses, type ZodApp } from '../http/zod-app';
import { principalOf, requestContext, type Principal } from '../rbac/principal';
import { seal, unseal } from './crypto';
import { TOTP_SEAL_PURPOSE } from './login-service';
import { verifyPassword } from './passwords';
import { acceptTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri } from './totp';

const tags = ['mfa'];
const Code = z.string().regex(/^\d{6}$/);

interface MfaUser {
  email: string;
  password_hash: string | null;
  phone: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number;
}

function userOnly(p: Principal): Principal {
  if (p.kind !== 'user') throw errors.forbidden('API keys cannot manage MFA', 'kunci API tidak dapat mengelola MFA');
  return p;
}

export function mfaRoutes(app: ZodApp, deps: AppDeps): void {
  const secret = deps.config.tokenSecret;
  const load = async (q: Queryable, id: string) => (await q.query<MfaUser>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]))[0];

  app.post('/api/v1/auth/mfa/totp/enrol', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Start TOTP enrolment; returns the secret and otpauth URI', response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }), ...errorResponses } },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    return deps.db.tx(async (q) => {
      const u = await load(q, p.userId);
      if (u.totp_secret) throw errors.conflict('TOTP is already enabled', 'TOTP sudah aktif');
      const s = newTotpSecret();
      await q.query('UPDATE users SET totp_pending_secret = $2 WHERE id = $1', [p.userId, seal(secret, TOTP_SEAL_PURPOSE, s)]);
      return { secret: s, otpauthUri: totpUri(s, u.email) };
    });
  });

  app.post('/api/v1/auth/mfa/totp/activate', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Confirm enrolment with a current code; returns recovery codes (shown once)', body: z.object({ code: Code }).strict(), response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errorResponses } },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    return deps.db.tx(async (q) => {
      const u = await load(q, p.userId);
      if (!u.totp_pending_secret) throw errors.conflict('no TOTP enrolment in progress', 'tidak ada pendaftaran TOTP yang berjalan');
      const pending = u.totp_pending_secret;
      const step = acceptTotp(unseal(secret, TOTP_SEAL_PURPOSE, pending), req.body.code, Number(u.totp_last_step));
      if (step === null) throw errors.badInput('wrong TOTP code', 'kode TOTP salah');
      const codes = newRecoveryCodes();
      await q.query('UPDATE users SET totp_secret = $2, totp_pending_secret = NULL, totp_last_step = $3 WHERE id = $1', [p.userId, pending, step]);
      await q.query('DELETE FROM recovery_codes WHERE user_id = $1', [p.userId]);
      for (const c of codes) await q.query('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [p.userId, hashRecoveryCode(c)]);
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'auth.mfa_totp_enabled', targetType: 'user', targetId: p.userId, ...requestContext(req) });
      return { recoveryCodes: codes };
    });
  });

  app.post('/api/v1/auth/mfa/totp/disable', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Disable TOTP with the password and a current code or a recovery code',
      body: z.object({ password: z.string().min(1).max(1024), code: Code.optional(), recoveryCode: z.string().max(32).optional() }).strict(),
      response: { 200: z.object({ disabled: z.literal(true) }), ...errorResponses },
    },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    const [u0] = await deps.db.query<MfaUser>('SELECT password_hash FROM users WHERE id = $1', [p.userId]);
    if (!(await verifyPassword(u0?.password_hash, req.body.password))) throw errors.badInput('wrong password', 'kata sandi salah');
    return deps.db.tx(async (q) => {
      const u = await load(q, p.userId);
      if (!u.totp_secret) throw errors.conflict('TOTP is not enabled', 'TOTP belum aktif');
      let ok = false;
      if (req.body.code) ok = acceptTotp(unseal(secret, TOTP_SEAL_PURPOSE, u.totp_secret), req.body.code, Number(u.totp_last_step)) !== null;
      else if (req.body.recoveryCode) {
        const used = await q.query('UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id', [p.userId, hashRecoveryCode(req.body.recoveryCode)]);
        ok = used.length === 1;
      }
      if (!ok) throw errors.badInput('wrong TOTP or recovery code', 'kode TOTP atau kode pemulihan salah');
      await q.query('UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL WHERE id = $1', [p.userId]);
      await q.query('DELETE FROM recovery_codes WHERE user_id = $1', [p.userId]);
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'auth.mfa_totp_disabled', targetType: 'user', targetId: p.userId, ...requestContext(req) });
      return { disabled: true as const };
    });
  });

  app.put('/api/v1/auth/mfa/sms', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Require an SMS code at sign-in (needs a phone number)', body: z.object({ enabled: z.boolean() }).strict(), response: { 200: z.object({ enabled: z.boolean() }), ...errorResponses } },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    return deps.db.tx(async (q) => {
      const u = await load(q, p.userId);
      if (req.body.enabled && !u.phone) throw errors.badInput('set a phone number first', 'isi nomor telepon terlebih dahulu');
      await q.query('UPDATE users SET sms_mfa = $2 WHERE id = $1', [p.userId, req.body.enabled]);
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: req.body.enabled ? 'auth.mfa_sms_enabled' : 'auth.mfa_sms_disabled', targetType: 'user', targetId: p.userId, ...requestContext(req) });
      return { enabled: req.body.enabled };
    });
  });
}
