// Routes of the desktop sync protocol: POST /api/v1/sync/push and GET /api/v1/sync/pull. Both need a signed-in
// staff user (customers, who see only their own orders, do not sync a whole organisation); push checks each
// mutation's own permission, pull needs order.read. A push body is capped (PUSH_BODY_LIMIT and
// MAX_PUSH_MUTATIONS): a larger batch gets 413, before the body is validated, and the device splits it.
import { ApiError, errors } from '../http/errors';
import { errorResponses, ErrorBody, type ZodApp } from '../http/zod-app';
import type { AppDeps } from '../deps';
import { principalOf } from '../rbac/principal';
import { MAX_PUSH_MUTATIONS, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../../../src-shared/sync/protocol';
import { pull } from './pull';
import { push } from './push';

export const PUSH_BODY_LIMIT = 16 * 1024 * 1024;
const tags = ['sync'];

function staffOnly(p: ReturnType<typeof principalOf>) {
  if (p.ownOrdersOnly) throw errors.forbidden('sync is for staff accounts', 'sinkronisasi hanya untuk akun staf');
  return p;
}

export function syncRoutes(app: ZodApp, deps: AppDeps): void {
  app.post('/api/v1/sync/push', {
    config: { permission: 'authenticated' },
    bodyLimit: PUSH_BODY_LIMIT,
    preValidation: async (req) => {
      const muts = (req.body as { mutations?: unknown } | null)?.mutations;
      if (Array.isArray(muts) && muts.length > MAX_PUSH_MUTATIONS) {
        throw new ApiError(413, 'TOO_LARGE', {
          en: `a push carries at most ${MAX_PUSH_MUTATIONS} mutations (this one has ${muts.length}): send smaller batches`,
          id: `satu push berisi paling banyak ${MAX_PUSH_MUTATIONS} mutasi (yang ini ${muts.length}): kirim batch yang lebih kecil`,
        });
      }
    },
    schema: {
      tags, summary: 'Apply a device’s queued mutations in order (each one applied, acknowledged as duplicate, or rejected with a reason)',
      body: pushRequestSchema,
      response: { 200: pushResponseSchema, 413: ErrorBody, ...errorResponses },
    },
  }, async (req) => push(deps.db, staffOnly(principalOf(req)), req.body, req.id));

  app.get('/api/v1/sync/pull', {
    config: { permission: 'order.read' },
    schema: {
      tags, summary: 'Records and tombstones above a cursor of the organisation’s version, the device’s last mutation id and its rejections',
      querystring: pullQuerySchema,
      response: { 200: pullResponseSchema, ...errorResponses },
    },
  }, async (req) => pull(deps.db, staffOnly(principalOf(req)), req.query));
}
