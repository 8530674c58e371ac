// The retention job (`npm run cloud:retention`, run daily by a CronJob): deletes data past its retention period
// (RETENTION in policy.ts) and pseudonymises orders older than the tax retention period. Idempotent.
import type { Db } from '../db/db';
import { appendAudit } from '../audit/audit';
import { RETENTION } from './policy';

export interface RetentionResult {
  senderOutbox: number;
  loginChallenges: number;
  passwordResets: number;
  refreshFamilies: number;
  ordersPastTaxRetention: number;
}

export async function runRetention(db: Db, now = new Date()): Promise<RetentionResult> {
  return db.tx(async (q) => {
    const count = async (sql: string, params: unknown[]) => (await q.query(sql, params)).length;
    const result: RetentionResult = {
      senderOutbox: await count(`DELETE FROM sender_outbox WHERE created_at < $1::timestamptz - make_interval(days => $2) RETURNING id`, [now, RETENTION.senderOutboxDays]),
      loginChallenges: await count(`DELETE FROM login_challenges WHERE expires_at < $1::timestamptz - make_interval(days => $2) RETURNING id`, [now, RETENTION.loginChallengeDays]),
      passwordResets: await count(`DELETE FROM password_resets WHERE expires_at < $1::timestamptz - make_interval(days => $2) RETURNING id`, [now, RETENTION.passwordResetDays]),
      refreshFamilies: await count(
        `DELETE FROM refresh_families f WHERE (f.revoked_at < $1::timestamptz - make_interval(days => $2))
           OR NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = f.id AND t.expires_at > $1::timestamptz - make_interval(days => $2))
         RETURNING id`,
        [now, RETENTION.refreshTokenDays]),
      ordersPastTaxRetention: await count(
        `UPDATE orders SET customer = jsonb_build_object('name', 'Archived customer'), billing_address = NULL, shipping_address = NULL
         WHERE created_at < $1::timestamptz - make_interval(years => $2) AND customer ->> 'name' IS DISTINCT FROM 'Archived customer' RETURNING id`,
        [now, RETENTION.taxRecordYears]),
    };
    await appendAudit(q, { orgId: null, actorId: null, actorKind: 'system', action: 'personal_data.retention_run', targetType: 'system', after: result });
    return result;
  });
}
