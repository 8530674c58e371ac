// The sign-in flow. Step 1 (password): checks lockout and the argon2id hash, counts failures with exponential
// lockout, and on success opens a challenge and queues an email code (plus an SMS code when the user enabled
// SMS). Step 2 (codes): checks the email code, the SMS code and the TOTP code or a single-use recovery code, then
// starts a refresh-token family. Codes are stored as keyed hashes; each challenge allows 5 attempts.
import type { AppDeps } from '../deps';
import type { Queryable } from '../db/db';
import { appendAudit } from '../audit/audit';
import { ApiError, errors } from '../http/errors';
import { hmacHex, numericCode, safeEqual, unseal } from './crypto';
import { lockSeconds } from './lockout';
import { verifyPassword } from './passwords';
import { queueMessage } from './sender';
import { acceptTotp, hashRecoveryCode } from './totp';
import { issueAccessToken } from './access-tokens';
import type { Role } from '../rbac/matrix';
import type { RequestContext as Ctx } from '../rbac/principal';

export const CHALLENGE_TTL_S = 600;
export const CHALLENGE_MAX_ATTEMPTS = 5;
export const TOTP_SEAL_PURPOSE = 'totp-secret';

export type Factor = 'email_code' | 'sms_code' | 'totp';

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  phone: string | null;
  role: Role;
  password_hash: string | null;
  status: string;
  sms_mfa: boolean;
  totp_secret: string | null;
  totp_last_step: number;
  failed_logins: number;
  locked_until: Date | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const invalidCredentials = () => errors.unauthorized('invalid email or password', 'email atau kata sandi salah');

function lockedError(until: Date): ApiError {
  const retry = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new ApiError(423, 'LOCKED', { en: `account locked, retry in ${retry} s`, id: `akun terkunci, coba lagi dalam ${retry} detik` }, undefined, {
    'retry-after': String(retry),
  });
}

export class LoginService {
  constructor(private readonly deps: AppDeps) {}

  private codeHash(challengeId: string, kind: string, code: string): string {
    return hmacHex(this.deps.config.tokenSecret, `${kind}:${challengeId}:${code}`);
  }

  /** Records a failed attempt and returns the lock end when this failure locked the account. */
  private async recordFailure(q: Queryable, u: UserRow, ctx: Ctx, action: string): Promise<Date | null> {
    const failures = u.failed_logins + 1;
    const lockS = lockSeconds(failures, this.deps.config.login);
    const [row] = await q.query<{ locked_until: Date | null }>(
      `UPDATE users SET failed_logins = $2,
         locked_until = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3::int) ELSE locked_until END
       WHERE id = $1 RETURNING locked_until`,
      [u.id, failures, lockS],
    );
    await appendAudit(q, {
      orgId: u.org_id, actorId: u.id, actorKind: 'user', action, targetType: 'user', targetId: u.id,
      after: { failures, locked_for_s: lockS }, ip: ctx.ip, requestId: ctx.requestId,
    });
    return lockS > 0 && row.locked_until ? new Date(row.locked_until) : null;
  }

  async start(email: string, password: string, ctx: Ctx): Promise<{ challengeId: string; factors: Factor[]; expiresIn: number }> {
    const { db } = this.deps;
    const [u] = await db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    if (!u || u.status !== 'active') {
      await verifyPassword(null, password);
      throw invalidCredentials();
    }
    if (u.locked_until && new Date(u.locked_until).getTime() > Date.now()) throw lockedError(new Date(u.locked_until));
    const ok = await verifyPassword(u.password_hash, password);
    const outcome = await db.tx(async (q) => {
      const [fresh] = await q.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [u.id]);
      if (!ok) return { lockedUntil: await this.recordFailure(q, fresh, ctx, 'auth.login_failed') };
      const factors: Factor[] = ['email_code'];
      const sms = fresh.sms_mfa && fresh.phone ? numericCode() : null;
      if (sms) factors.push('sms_code');
      if (fresh.totp_secret) factors.push('totp');
      const emailCode = numericCode();
      const [ch] = await q.query<{ id: string }>(
        `INSERT INTO login_challenges (user_id, email_code_hash, sms_code_hash, totp_required, expires_at)
         VALUES ($1, '', NULL, $2, now() + make_interval(secs => $3)) RETURNING id`,
        [fresh.id, Boolean(fresh.totp_secret), CHALLENGE_TTL_S],
      );
      await q.query('UPDATE login_challenges SET email_code_hash = $2, sms_code_hash = $3 WHERE id = $1', [
        ch.id, this.codeHash(ch.id, 'email', emailCode), sms ? this.codeHash(ch.id, 'sms', sms) : null,
      ]);
      await queueMessage(q, {
        channel: 'email', recipient: fresh.email, subject: 'AcrylicHub sign-in code / kode masuk',
        body: `Your sign-in code is ${emailCode}. Kode masuk Anda adalah ${emailCode}.`,
      });
      if (sms) await queueMessage(q, { channel: 'sms', recipient: fresh.phone!, subject: 'sign-in code', body: `AcrylicHub: ${sms}` });
      return { challenge: { challengeId: ch.id, factors, expiresIn: CHALLENGE_TTL_S } };
    });
    if ('lockedUntil' in outcome) throw outcome.lockedUntil ? lockedError(outcome.lockedUntil) : invalidCredentials();
    return outcome.challenge;
  }

  async verify(
    challengeId: string,
    codes: { emailCode: string; smsCode?: string; totpCode?: string; recoveryCode?: string },
    ctx: Ctx,
  ): Promise<TokenPair> {
    const { db, refresh } = this.deps;
    const result = await db.tx(async (q) => {
      const [ch] = await q.query<{ id: string; user_id: string; email_code_hash: string; sms_code_hash: string | null; totp_required: boolean; attempts: number; expires_at: Date; consumed_at: Date | null }>(
        'SELECT * FROM login_challenges WHERE id = $1 FOR UPDATE',
        [challengeId],
      );
      if (!ch || ch.consumed_at || new Date(ch.expires_at).getTime() <= Date.now()) return { error: 'challenge' as const };
      const [u] = await q.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [ch.user_id]);
      if (u.locked_until && new Date(u.locked_until).getTime() > Date.now()) return { error: 'locked' as const, until: new Date(u.locked_until) };
      const emailOk = safeEqual(ch.email_code_hash, this.codeHash(ch.id, 'email', codes.emailCode));
      const smsOk = !ch.sms_code_hash || (codes.smsCode !== undefined && safeEqual(ch.sms_code_hash, this.codeHash(ch.id, 'sms', codes.smsCode)));
      let totpStep: number | null = null;
      let recoveryId: string | null = null;
      if (ch.totp_required && u.totp_secret) {
        if (codes.totpCode) totpStep = acceptTotp(unseal(this.deps.config.tokenSecret, TOTP_SEAL_PURPOSE, u.totp_secret), codes.totpCode, Number(u.totp_last_step));
        else if (codes.recoveryCode) {
          const [rc] = await q.query<{ id: string }>('SELECT id FROM recovery_codes WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL', [u.id, hashRecoveryCode(codes.recoveryCode)]);
          recoveryId = rc?.id ?? null;
        }
      }
      const secondOk = !ch.totp_required || totpStep !== null || recoveryId !== null;
      if (!emailOk || !smsOk || !secondOk) {
        const attempts = ch.attempts + 1;
        await q.query('UPDATE login_challenges SET attempts = $2::int, consumed_at = CASE WHEN $2::int >= $3::int THEN now() END WHERE id = $1', [ch.id, attempts, CHALLENGE_MAX_ATTEMPTS]);
        const lockedUntil = await this.recordFailure(q, u, ctx, 'auth.login_code_failed');
        return lockedUntil ? { error: 'locked' as const, until: lockedUntil } : { error: 'code' as const };
      }
      await q.query('UPDATE login_challenges SET consumed_at = now() WHERE id = $1', [ch.id]);
      await q.query('UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = GREATEST(totp_last_step, $2) WHERE id = $1', [u.id, totpStep ?? 0]);
      if (recoveryId) await q.query('UPDATE recovery_codes SET used_at = now() WHERE id = $1', [recoveryId]);
      const fam = await refresh.startFamily(q, u.id, u.org_id);
      await appendAudit(q, {
        orgId: u.org_id, actorId: u.id, actorKind: 'user', action: 'auth.login', targetType: 'refresh_family', targetId: fam.familyId,
        after: { factors: ['password', 'email_code', ...(ch.sms_code_hash ? ['sms_code'] : []), ...(totpStep !== null ? ['totp'] : recoveryId ? ['recovery_code'] : [])] },
        ip: ctx.ip, requestId: ctx.requestId,
      });
      return { user: u, fam };
    });
    if ('error' in result) {
      if (result.error === 'locked') throw lockedError(result.until!);
      if (result.error === 'challenge') throw errors.unauthorized('sign-in challenge expired or unknown', 'tantangan masuk kedaluwarsa atau tidak dikenal');
      throw errors.unauthorized('wrong verification code', 'kode verifikasi salah');
    }
    return this.tokens(result.user.id, result.user.org_id, result.user.role, result.fam.familyId, result.fam.token);
  }

  async tokens(userId: string, orgId: string, role: Role, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const { config, keys } = this.deps;
    const accessToken = await issueAccessToken(keys, { ...config.jwt, ttlS: config.jwt.accessTtlS }, { userId, orgId, role, sessionId });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: config.jwt.accessTtlS };
  }
}
