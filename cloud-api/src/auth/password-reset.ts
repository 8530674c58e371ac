// Password reset by email code. Requesting always answers the same way (no account discovery); for an active
// account it queues a 6-digit code through the sender outbox, stored as a keyed hash, valid 15 minutes, with 5
// attempts, and only the newest code open. At most 3 codes per account per hour. Setting the new password with
// the code consumes it, unlocks the account, revokes every session (refresh-token family), queues a notice, and
// is audited, as are requests, throttling and wrong codes.
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import type { RequestContext } from '../rbac/principal';
import { hmacHex, numericCode, safeEqual } from './crypto';
import { hashPassword } from './passwords';
import { queueMessage } from './sender';

export const RESET_TTL_S = 900;
export const RESET_MAX_ATTEMPTS = 5;
export const RESETS_PER_HOUR = 3;

/** The account a reset is for (users row). */
type Account = { id: string; org_id: string; email: string };

interface ResetRow {
  id: string;
  code_hash: string;
  attempts: number;
}

const invalidCode = () => errors.unauthorized('invalid or expired reset code', 'kode atur ulang tidak valid atau kedaluwarsa');

export class PasswordResets {
  constructor(private readonly deps: AppDeps) {}

  private codeHash(resetId: string, code: string): string {
    return hmacHex(this.deps.config.tokenSecret, `password-reset:${resetId}:${code}`);
  }

  /** Queues a code when `email` belongs to an active account; says nothing about whether it does. */
  async request(email: string, ctx: RequestContext): Promise<void> {
    await this.deps.db.tx(async (q) => {
      const [u] = await q.query<Account>("SELECT id, org_id, email FROM users WHERE lower(email) = lower($1) AND status = 'active' FOR UPDATE", [email]);
      if (!u) return;
      const audit = (action: string) => appendAudit(q, { orgId: u.org_id, actorId: u.id, actorKind: 'user', action, targetType: 'user', targetId: u.id, ...ctx });
      const [{ n }] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM password_resets WHERE user_id = $1 AND created_at > now() - interval '1 hour'", [u.id]);
      if (n >= RESETS_PER_HOUR) return audit('auth.password_reset_throttled');
      await q.query('UPDATE password_resets SET consumed_at = now() WHERE user_id = $1 AND consumed_at IS NULL', [u.id]);
      const code = numericCode();
      const [r] = await q.query<{ id: string }>(
        "INSERT INTO password_resets (user_id, code_hash, expires_at) VALUES ($1, '', now() + make_interval(secs => $2)) RETURNING id", [u.id, RESET_TTL_S]);
      await q.query('UPDATE password_resets SET code_hash = $2 WHERE id = $1', [r.id, this.codeHash(r.id, code)]);
      await queueMessage(q, {
        channel: 'email', recipient: u.email, subject: 'AcrylicHub password reset code / kode atur ulang kata sandi',
        body: `Your password reset code is ${code} (valid 15 minutes). Kode atur ulang kata sandi Anda adalah ${code} (berlaku 15 menit).`,
      });
      await audit('auth.password_reset_requested');
    });
  }

  /** Sets a new password with the newest open code; returns how many sessions were ended. */
  async confirm(email: string, code: string, newPassword: string, ctx: RequestContext): Promise<{ userId: string; revokedSessions: number }> {
    const passwordHash = await hashPassword(newPassword);
    const out = await this.deps.db.tx(async (q) => {
      const [u] = await q.query<Account>("SELECT id, org_id, email FROM users WHERE lower(email) = lower($1) AND status = 'active' FOR UPDATE", [email]);
      if (!u) return null;
      const [r] = await q.query<ResetRow>(
        `SELECT id, code_hash, attempts FROM password_resets WHERE user_id = $1 AND consumed_at IS NULL AND expires_at > now()
         ORDER BY created_at DESC LIMIT 1 FOR UPDATE`, [u.id]);
      if (!r) return null;
      const audit = (action: string, after?: Record<string, unknown>) =>
        appendAudit(q, { orgId: u.org_id, actorId: u.id, actorKind: 'user', action, targetType: 'user', targetId: u.id, after, ...ctx });
      if (!safeEqual(r.code_hash, this.codeHash(r.id, code))) {
        const attempts = r.attempts + 1;
        await q.query('UPDATE password_resets SET attempts = $2::int, consumed_at = CASE WHEN $2::int >= $3::int THEN now() END WHERE id = $1', [r.id, attempts, RESET_MAX_ATTEMPTS]);
        await audit('auth.password_reset_failed', { attempts });
        return null;
      }
      await q.query('UPDATE password_resets SET consumed_at = now() WHERE id = $1', [r.id]);
      await q.query('UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1', [u.id, passwordHash]);
      const revokedSessions = await this.deps.refresh.revokeFamilies(q, 'user_id', u.id, 'password_reset');
      await queueMessage(q, {
        channel: 'email', recipient: u.email, subject: 'AcrylicHub password changed / kata sandi diubah',
        body: 'Your password was reset and every session was signed out. Kata sandi Anda telah diatur ulang dan semua sesi telah dikeluarkan.',
      });
      await audit('auth.password_reset', { revokedSessions });
      return { userId: u.id, revokedSessions };
    });
    if (!out) throw invalidCode();
    this.deps.sessions.forgetUser(out.userId);
    return out;
  }
}
