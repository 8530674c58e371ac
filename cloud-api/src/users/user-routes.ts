// Users of the caller's organisation. Bodies are strict (unknown keys such as orgId are refused), a role can
// only be granted by someone ranked at least as high, and nobody changes their own role.
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { IdParams, errorResponses, type ZodApp } from '../http/zod-app';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../auth/passwords';
import { ROLES, ROLE_RANK, type Role } from '../rbac/matrix';
import { principalOf, requestContext, type Principal } from '../rbac/principal';
import { UserView, userView, USER_COLUMNS, type UserRow } from './user-view';

const tags = ['users'];
const Phone = z.string().regex(/^\+?[0-9 ()-]{6,20}$/);

function assertMayGrant(p: Principal, role: Role): void {
  const own = p.role ? ROLE_RANK[p.role] : 0;
  if (ROLE_RANK[role] > own || (role === 'super_admin' && p.role !== 'super_admin')) {
    throw errors.forbidden(`you cannot grant the role ${role}`, `Anda tidak dapat memberikan peran ${role}`);
  }
}

export function userRoutes(app: ZodApp, deps: AppDeps): void {
  const byId = async (orgId: string, id: string): Promise<UserRow> => {
    const [u] = await deps.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND org_id = $2`, [id, orgId]);
    if (!u) throw errors.notFound('user');
    return u;
  };

  app.get('/api/v1/me', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'The signed-in user (or an API key’s creator) and effective permissions', response: { 200: UserView.extend({ permissions: z.array(z.string()) }), ...errorResponses } },
  }, async (req) => {
    const p = principalOf(req);
    return { ...userView(await byId(p.orgId, p.userId)), permissions: [...p.permissions].sort() };
  });

  app.get('/api/v1/users', {
    config: { permission: 'user.read' },
    schema: {
      tags, summary: 'List users of the organisation',
      querystring: z.object({ role: z.enum(ROLES).optional(), limit: z.coerce.number().int().min(1).max(100).default(50), after: z.string().uuid().optional() }).strict(),
      response: { 200: z.object({ items: z.array(UserView), nextAfter: z.string().nullable() }), ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { role, limit, after } = req.query;
    const rows = await deps.db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE org_id = $1 AND ($2::text IS NULL OR role = $2) AND ($3::uuid IS NULL OR id > $3)
       ORDER BY id LIMIT $4`,
      [p.orgId, role ?? null, after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { items: page.map(userView), nextAfter: rows.length > limit ? page[page.length - 1].id : null };
  });

  app.post('/api/v1/users', {
    config: { permission: 'user.create' },
    schema: {
      tags, summary: 'Create a user in the caller’s organisation',
      body: z.object({
        email: z.string().email().max(254),
        name: z.string().min(1).max(200),
        password: z.string().min(PASSWORD_MIN_LENGTH).max(1024),
        role: z.enum(ROLES),
        phone: Phone.optional(),
      }).strict(),
      response: { 201: UserView, ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    assertMayGrant(p, req.body.role);
    const hash = await hashPassword(req.body.password);
    const u = await deps.db.tx(async (q) => {
      const [row] = await q.query<UserRow>(
        `INSERT INTO users (org_id, email, name, role, password_hash, phone) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${USER_COLUMNS}`,
        [p.orgId, req.body.email, req.body.name, req.body.role, hash, req.body.phone ?? null],
      );
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'user.created', targetType: 'user', targetId: row.id, after: { email: row.email, role: row.role }, ...requestContext(req) });
      return row;
    });
    return reply.code(201).send(userView(u));
  });

  app.get('/api/v1/users/:id', {
    config: { permission: 'user.read' },
    schema: { tags, summary: 'One user of the organisation', params: IdParams, response: { 200: UserView, ...errorResponses } },
  }, async (req) => userView(await byId(principalOf(req).orgId, req.params.id)));

  app.patch('/api/v1/users/:id', {
    config: { permission: 'user.update' },
    schema: {
      tags, summary: 'Change name, phone, role or status',
      params: IdParams,
      body: z.object({ name: z.string().min(1).max(200).optional(), phone: Phone.nullable().optional(), role: z.enum(ROLES).optional(), status: z.enum(['active', 'disabled']).optional() }).strict(),
      response: { 200: UserView, ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const before = await byId(p.orgId, req.params.id);
    const { name, phone, role, status } = req.body;
    if (role !== undefined || status !== undefined) {
      if (before.id === p.userId) throw errors.forbidden('you cannot change your own role or status', 'Anda tidak dapat mengubah peran atau status Anda sendiri');
      assertMayGrant(p, before.role);
      if (role) assertMayGrant(p, role);
    }
    const after = await deps.db.tx(async (q) => {
      const [row] = await q.query<UserRow>(
        `UPDATE users SET name = coalesce($3, name), phone = CASE WHEN $4::boolean THEN $5 ELSE phone END,
           role = coalesce($6, role), status = coalesce($7, status), updated_at = now()
         WHERE id = $1 AND org_id = $2 RETURNING ${USER_COLUMNS}`,
        [before.id, p.orgId, name ?? null, phone !== undefined, phone ?? null, role ?? null, status ?? null],
      );
      if (status === 'disabled') await deps.refresh.revokeFamilies(q, 'user_id', row.id, 'user_disabled');
      if (role !== undefined || status !== undefined) {
        await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'user.access_changed', targetType: 'user', targetId: row.id, before: { role: before.role, status: before.status }, after: { role: row.role, status: row.status }, ...requestContext(req) });
      }
      return row;
    });
    deps.sessions.forgetUser(after.id);
    return userView(after);
  });
}
