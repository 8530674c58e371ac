// Personal data rights of the signed-in user (UU PDP / GDPR): export everything we hold about them, correct
// their name and phone, and erase their account (keeping only what tax law requires; see policy.ts).
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { errorResponses, type ZodApp } from '../http/zod-app';
import { verifyPassword } from '../auth/passwords';
import { principalOf, requestContext, type Principal } from '../rbac/principal';
import { UserView, userView, USER_COLUMNS, type UserRow } from '../users/user-view';
import { eraseUser } from './erase';
import { ERASED, KEPT_FOR_TAX, RETENTION } from './policy';

const tags = ['personal-data'];

function userOnly(p: Principal): Principal {
  if (p.kind !== 'user') throw errors.forbidden('only the person themself can do this', 'hanya pemilik data yang dapat melakukan ini');
  return p;
}

export function privacyRoutes(app: ZodApp, deps: AppDeps): void {
  const { db } = deps;

  app.get('/api/v1/me/personal-data', {
    config: { permission: 'personal_data.self' },
    schema: {
      tags, summary: 'Export all personal data held about the caller (JSON)',
      response: {
        200: z.object({
          exportedAt: z.string(), profile: UserView, orders: z.array(z.record(z.unknown())), sessions: z.array(z.record(z.unknown())),
          auditEvents: z.array(z.record(z.unknown())), apiKeys: z.array(z.record(z.unknown())), retention: z.record(z.unknown()),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    const [u] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND org_id = $2`, [p.userId, p.orgId]);
    const orders = await db.query(
      `SELECT o.number, o.state, o.customer, o.billing_address, o.shipping_address, o.total_idr, o.created_at,
         coalesce((SELECT jsonb_agg(jsonb_build_object('description', l.description, 'quantity', l.quantity, 'line_total_idr', l.line_total_idr) ORDER BY l.position)
                   FROM order_lines l WHERE l.order_id = o.id), '[]'::jsonb) AS lines
       FROM orders o WHERE o.org_id = $1 AND o.customer_user_id = $2 ORDER BY o.created_at`, [p.orgId, p.userId]);
    const sessions = await db.query('SELECT id, created_at, revoked_at, revoke_reason FROM refresh_families WHERE user_id = $1 ORDER BY created_at', [p.userId]);
    const auditEvents = await db.query('SELECT seq, action, target_type, target_id, ip, created_at FROM audit_log WHERE actor_id = $1 AND org_id = $2 ORDER BY seq', [p.userId, p.orgId]);
    const apiKeys = await db.query('SELECT name, prefix, scopes, created_at, revoked_at FROM api_keys WHERE created_by = $1', [p.userId]);
    await db.tx((q) => appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'personal_data.exported', targetType: 'user', targetId: p.userId, ...requestContext(req) }));
    const json = (rows: unknown[]) => JSON.parse(JSON.stringify(rows)) as Record<string, unknown>[];
    return {
      exportedAt: new Date().toISOString(), profile: userView(u), orders: json(orders), sessions: json(sessions), auditEvents: json(auditEvents),
      apiKeys: json(apiKeys), retention: { ...RETENTION, keptForTax: KEPT_FOR_TAX, erasedOnRequest: ERASED },
    };
  });

  app.patch('/api/v1/me/personal-data', {
    config: { permission: 'personal_data.self' },
    schema: {
      tags, summary: 'Correct the caller’s name or phone',
      body: z.object({ name: z.string().min(1).max(200).optional(), phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/).nullable().optional() }).strict(),
      response: { 200: UserView, ...errorResponses },
    },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    return db.tx(async (q) => {
      const [before] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [p.userId]);
      const [u] = await q.query<UserRow>(
        `UPDATE users SET name = coalesce($2, name), phone = CASE WHEN $3::boolean THEN $4 ELSE phone END,
           sms_mfa = CASE WHEN $3::boolean AND $4::text IS NULL THEN false ELSE sms_mfa END, updated_at = now()
         WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [p.userId, req.body.name ?? null, req.body.phone !== undefined, req.body.phone ?? null]);
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: 'user', action: 'personal_data.corrected', targetType: 'user', targetId: p.userId,
        before: { name: before.name, phone: before.phone }, after: { name: u.name, phone: u.phone }, ...requestContext(req) });
      return userView(u);
    });
  });

  app.post('/api/v1/me/personal-data/erase', {
    config: { permission: 'personal_data.self' },
    schema: {
      tags, summary: 'Erase the caller’s account and personal data (tax records are kept, pseudonymised)',
      body: z.object({ password: z.string().min(1).max(1024), confirm: z.literal('ERASE') }).strict(),
      response: { 200: z.object({ erased: z.literal(true), ordersPseudonymised: z.number().int(), kept: z.array(z.string()) }), ...errorResponses },
    },
  }, async (req) => {
    const p = userOnly(principalOf(req));
    if (p.role === 'super_admin' || p.role === 'company_admin') {
      throw errors.conflict('an administrator account must be handed over before erasure', 'akun administrator harus diserahkan sebelum dihapus');
    }
    const [u] = await db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [p.userId]);
    if (!(await verifyPassword(u?.password_hash, req.body.password))) throw errors.badInput('wrong password', 'kata sandi salah');
    const r = await db.tx((q) => eraseUser(q, p.userId, p.orgId, requestContext(req)));
    deps.sessions.forgetUser(p.userId);
    return { erased: true as const, ordersPseudonymised: r.ordersPseudonymised, kept: [...KEPT_FOR_TAX] };
  });
}
