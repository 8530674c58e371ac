// Liveness (/healthz: the process answers), readiness (/readyz: the database answers and we are not shutting
// down) and Prometheus metrics (/metrics). Outside /api/v1, so they need no permission and are not rate limited.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Db } from '../db/db';

export function registerHealthRoutes(app: FastifyInstance, db: Db, registry: Registry, isClosing: () => boolean): void {
  const hide = { schema: { hide: true }, config: { rateLimit: false } } as const;
  app.get('/healthz', hide, async () => ({ status: 'ok' }));
  app.get('/readyz', hide, async (_req, reply) => {
    if (isClosing()) return reply.code(503).send({ status: 'shutting_down' });
    try {
      await db.query('SELECT 1');
      return { status: 'ready', driver: db.driver };
    } catch (err) {
      return reply.code(503).send({ status: 'database_unreachable', error: (err as Error).message });
    }
  });
  app.get('/metrics', hide, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
