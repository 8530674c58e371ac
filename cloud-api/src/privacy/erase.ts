// Erasure of one user's personal data inside one transaction: the account row is anonymised (kept so order and
// audit references stay valid), secrets and sessions are deleted, orders keep what tax law requires (amounts,
// lines, billing identity) and lose contact details and shipping address. Audited.
import type { Queryable } from '../db/db';
import { appendAudit } from '../audit/audit';

export async function eraseUser(q: Queryable, userId: string, orgId: string, ctx: { ip?: string; requestId?: string }): Promise<{ ordersPseudonymised: number }> {
  const [u] = await q.query<{ email: string; phone: string | null }>('SELECT email, phone FROM users WHERE id = $1 AND org_id = $2 FOR UPDATE', [userId, orgId]);
  if (!u) throw new Error(`user ${userId} not found`);
  await q.query("DELETE FROM sender_outbox WHERE recipient = $1 OR recipient = coalesce($2, '')", [u.email, u.phone]);
  await q.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM login_challenges WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM password_resets WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM refresh_families WHERE user_id = $1', [userId]);
  await q.query('UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE created_by = $1', [userId]);
  await q.query(
    `UPDATE users SET email = 'erased-' || id || '@erased.invalid', name = 'Erased user', phone = NULL, password_hash = NULL,
       totp_secret = NULL, totp_pending_secret = NULL, sms_mfa = false, status = 'erased', updated_at = now() WHERE id = $1`,
    [userId],
  );
  const orders = await q.query(
    `UPDATE orders SET customer = jsonb_build_object('name', coalesce(billing_address ->> 'name', customer ->> 'name')),
       shipping_address = NULL, updated_at = now()
     WHERE customer_user_id = $1 AND org_id = $2 RETURNING id`,
    [userId, orgId],
  );
  await appendAudit(q, { orgId, actorId: userId, actorKind: 'user', action: 'personal_data.erased', targetType: 'user', targetId: userId, after: { ordersPseudonymised: orders.length }, ...ctx });
  return { ordersPseudonymised: orders.length };
}
