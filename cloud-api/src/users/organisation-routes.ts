// Organisations (companies). Only a Super Admin creates one, together with its first Company Admin; every
// signed-in caller can read their own organisation.
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errorResponses, type ZodApp } from '../http/zod-app';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../auth/passwords';
import { principalOf, requestContext } from '../rbac/principal';
import { UserView, userView, USER_COLUMNS, type UserRow } from './user-view';

const tags = ['organisations'];
const Org = z.object({ id: z.string().uuid(), name: z.string(), slug: z.string(), createdAt: z.string() });
const orgView = (r: { id: string; name: string; slug: string; created_at: Date }) => ({ id: r.id, name: r.name, slug: r.slug, createdAt: new Date(r.created_at).toISOString() });

export function organisationRoutes(app: ZodApp, deps: AppDeps): void {
  app.post('/api/v1/organisations', {
    config: { permission: 'organisation.manage' },
    schema: {
      tags, summary: 'Create a company and its first Company Admin',
      body: z.object({
        name: z.string().min(1).max(200),
        slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
        admin: z.object({ email: z.string().email().max(254), name: z.string().min(1).max(200), password: z.string().min(PASSWORD_MIN_LENGTH).max(1024) }).strict(),
      }).strict(),
      response: { 201: z.object({ organisation: Org, admin: UserView }), ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const hash = await hashPassword(req.body.admin.password);
    const out = await deps.db.tx(async (q) => {
      const [org] = await q.query<{ id: string; name: string; slug: string; created_at: Date }>(
        'INSERT INTO organisations (name, slug) VALUES ($1, $2) RETURNING *', [req.body.name, req.body.slug]);
      const [admin] = await q.query<UserRow>(
        `INSERT INTO users (org_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'company_admin', $4) RETURNING ${USER_COLUMNS}`,
        [org.id, req.body.admin.email, req.body.admin.name, hash]);
      await appendAudit(q, { orgId: org.id, actorId: p.userId, actorKind: p.kind, action: 'organisation.created', targetType: 'organisation', targetId: org.id, after: { name: org.name, slug: org.slug, admin: admin.id }, ...requestContext(req) });
      return { organisation: orgView(org), admin: userView(admin) };
    });
    return reply.code(201).send(out);
  });

  app.get('/api/v1/organisations/current', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'The caller’s organisation', response: { 200: Org, ...errorResponses } },
  }, async (req) => {
    const [org] = await deps.db.query<{ id: string; name: string; slug: string; created_at: Date }>('SELECT * FROM organisations WHERE id = $1', [principalOf(req).orgId]);
    return orgView(org);
  });
}
