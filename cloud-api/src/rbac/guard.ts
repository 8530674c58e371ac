// Authentication and authorisation in one onRequest hook. Every /api/v1 route must declare
// `config.permission` (a permission from the matrix, 'authenticated' for self-service, or 'public'); a route
// without one fails at start-up, so no route can be forgotten.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findApiKey } from '../auth/api-keys';
import { InvalidAccessToken } from '../auth/access-tokens';
import type { SessionState } from '../auth/session-cache';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { OWN_ORDERS_ONLY, permissionsOf, type Permission, type Role } from './matrix';
import type { Principal } from './principal';

export type RoutePermission = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const API_PREFIX = '/api/v1';
const EXEMPT_PREFIX = '/api/v1/docs';

/** Reads a session and its user, and caches them unless an invalidation arrived meanwhile. */
async function readSession(deps: AppDeps, userId: string, sessionId: string): Promise<SessionState | undefined> {
  const generation = deps.sessions.snapshot();
  const [r] = await deps.db.query<{ role: Role; org_id: string; status: string; revoked: boolean }>(
    `SELECT u.role, u.org_id, u.status, f.revoked_at IS NOT NULL AS revoked FROM users u JOIN refresh_families f ON f.user_id = u.id
     WHERE u.id = $1 AND f.id = $2`,
    [userId, sessionId],
  );
  if (!r) return undefined;
  const state = { userId, orgId: r.org_id, role: r.role, status: r.status, revoked: r.revoked };
  deps.sessions.set(sessionId, state, generation);
  return state;
}

async function authenticate(req: FastifyRequest, deps: AppDeps): Promise<Principal> {
  const auth = req.headers.authorization;
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string') {
    const k = await findApiKey(deps.db, apiKey);
    if (!k) throw errors.unauthorized('invalid API key', 'kunci API tidak valid');
    return {
      kind: 'api_key', userId: k.createdBy, apiKeyId: k.id, orgId: k.orgId, role: null,
      permissions: new Set(k.scopes), tier: k.tier, ownOrdersOnly: false,
    };
  }
  if (!auth?.startsWith('Bearer ')) throw errors.unauthorized();
  let claims;
  try {
    claims = await deps.accessTokens.verify(auth.slice(7).trim());
  } catch (err) {
    if (err instanceof InvalidAccessToken) throw errors.unauthorized(`invalid access token: ${err.message}`, 'token akses tidak valid');
    throw err;
  }
  // Current role and session state (cached until a change is notified): logout, role changes and disabling
  // take effect at once.
  const row = deps.sessions.get(claims.sessionId) ?? (await readSession(deps, claims.userId, claims.sessionId));
  if (!row || row.userId !== claims.userId || row.revoked || row.status !== 'active' || row.orgId !== claims.orgId) {
    throw errors.unauthorized('session ended', 'sesi telah berakhir');
  }
  return {
    kind: 'user', userId: claims.userId, orgId: row.orgId, role: row.role, permissions: permissionsOf(row.role),
    sessionId: claims.sessionId, ownOrdersOnly: OWN_ORDERS_ONLY.has(row.role),
  };
}

export function installGuard(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && !route.url.startsWith(EXEMPT_PREFIX) && !route.config?.permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    }
  });
  app.addHook('onRequest', async (req) => {
    const perm = req.routeOptions.config?.permission;
    if (!perm || perm === 'public') return;
    req.principal = await authenticate(req, deps);
    if (perm !== 'authenticated' && !req.principal.permissions.has(perm)) throw errors.forbidden();
  });
}
