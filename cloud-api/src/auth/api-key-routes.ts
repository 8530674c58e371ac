// API keys for integrations: create (the plaintext is returned once), list, revoke. Scopes must be a subset of
// the creating user's own permissions, so a key never grants more than its creator has.
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { IdParams, errorResponses, type ZodApp } from '../http/zod-app';
import { PERMISSIONS } from '../rbac/matrix';
import { principalOf, requestContext } from '../rbac/principal';
import { newApiKey } from './api-keys';

const tags = ['api-keys'];
const ApiKeyView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  tier: z.enum(['free', 'standard', 'enterprise']),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

interface Row {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  tier: 'free' | 'standard' | 'enterprise';
  created_at: Date;
  revoked_at: Date | null;
}
const view = (r: Row) => ({
  id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes, tier: r.tier,
  createdAt: new Date(r.created_at).toISOString(), revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

export function apiKeyRoutes(app: ZodApp, deps: AppDeps): void {
  app.post('/api/v1/api-keys', {
    config: { permission: 'apikey.manage' },
    schema: {
      tags, summary: 'Create an API key (the key is shown only in this response)',
      body: z.object({
        name: z.string().min(1).max(100),
        scopes: z.array(z.enum(PERMISSIONS)).min(1),
        tier: z.enum(['free', 'standard', 'enterprise']).default('free'),
      }).strict(),
      response: { 201: ApiKeyView.extend({ key: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const beyond = req.body.scopes.filter((s) => !p.permissions.has(s));
    if (beyond.length) throw errors.forbidden(`scopes exceed your permissions: ${beyond.join(', ')}`, `cakupan melebihi izin Anda: ${beyond.join(', ')}`);
    const k = newApiKey();
    const row = await deps.db.tx(async (q) => {
      const [r] = await q.query<Row>(
        `INSERT INTO api_keys (org_id, name, prefix, key_hash, scopes, tier, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)
         RETURNING id, name, prefix, scopes, tier, created_at, revoked_at`,
        [p.orgId, req.body.name, k.prefix, k.hash, [...new Set(req.body.scopes)], req.body.tier, p.userId],
      );
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'apikey.created', targetType: 'api_key', targetId: r.id, after: { scopes: r.scopes, tier: r.tier }, ...requestContext(req) });
      return r;
    });
    return reply.code(201).send({ ...view(row), key: k.key });
  });

  app.get('/api/v1/api-keys', {
    config: { permission: 'apikey.manage' },
    schema: { tags, summary: 'List API keys of the organisation', response: { 200: z.object({ items: z.array(ApiKeyView) }), ...errorResponses } },
  }, async (req) => {
    const p = principalOf(req);
    const rows = await deps.db.query<Row>('SELECT id, name, prefix, scopes, tier, created_at, revoked_at FROM api_keys WHERE org_id = $1 ORDER BY created_at, id', [p.orgId]);
    return { items: rows.map(view) };
  });

  app.delete('/api/v1/api-keys/:id', {
    config: { permission: 'apikey.manage' },
    schema: { tags, summary: 'Revoke an API key', params: IdParams, response: { 200: ApiKeyView, ...errorResponses } },
  }, async (req) => {
    const p = principalOf(req);
    return deps.db.tx(async (q) => {
      const [r] = await q.query<Row>(
        `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND org_id = $2
         RETURNING id, name, prefix, scopes, tier, created_at, revoked_at`,
        [req.params.id, p.orgId],
      );
      if (!r) throw errors.notFound('API key');
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'apikey.revoked', targetType: 'api_key', targetId: r.id, ...requestContext(req) });
      return view(r);
    });
  });
}
