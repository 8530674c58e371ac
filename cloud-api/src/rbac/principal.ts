// Who is calling: a signed-in user (JWT access token) or an integration (API key). Route code reads
// `req.principal` and always scopes queries with `principal.orgId`.
import type { FastifyRequest } from 'fastify';
import type { ApiKeyTier } from '../auth/api-keys';
import { errors } from '../http/errors';
import type { Role } from './matrix';

export interface Principal {
  kind: 'user' | 'api_key';
  /** The user id; for an API key, the user who created it (the key acts on their behalf). */
  userId: string;
  apiKeyId?: string;
  orgId: string;
  role: Role | null;
  permissions: ReadonlySet<string>;
  sessionId?: string;
  tier?: ApiKeyTier;
  /** Customers see only their own orders. */
  ownOrdersOnly: boolean;
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw errors.unauthorized();
  return req.principal;
}

/** Audit fields for the caller: API keys act on behalf of their creator. */
export const auditActor = (p: Principal) => ({ actorId: p.userId, actorKind: p.kind });

/** Where a request came from, for audit rows. */
export interface RequestContext {
  ip?: string;
  requestId?: string;
}

export const requestContext = (req: FastifyRequest): RequestContext => ({ ip: req.ip, requestId: req.id });
