// Read access to the organisation's audit trail (newest first, keyset by sequence number).
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { errorResponses, type ZodApp } from '../http/zod-app';
import { principalOf } from '../rbac/principal';
import type { AuditRow } from './audit';

const Entry = z.object({
  seq: z.number().int(),
  actorId: z.string().nullable(),
  actorKind: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
  hash: z.string(),
});

export function auditRoutes(app: ZodApp, deps: AppDeps): void {
  app.get('/api/v1/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'], summary: 'Audit trail of the organisation',
      querystring: z.object({ action: z.string().max(100).optional(), before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }).strict(),
      response: { 200: z.object({ items: z.array(Entry), nextBefore: z.number().nullable() }), ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { action, before, limit } = req.query;
    const rows = await deps.db.query<AuditRow>(
      `SELECT * FROM audit_log WHERE org_id = $1 AND ($2::text IS NULL OR action = $2) AND ($3::bigint IS NULL OR seq < $3)
       ORDER BY seq DESC LIMIT $4`,
      [p.orgId, action ?? null, before ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        seq: Number(r.seq), actorId: r.actor_id, actorKind: r.actor_kind, action: r.action, targetType: r.target_type,
        targetId: r.target_id, before: r.before, after: r.after, createdAt: new Date(r.created_at).toISOString(), hash: r.hash,
      })),
      nextBefore: rows.length > limit ? Number(page[page.length - 1].seq) : null,
    };
  });
}
