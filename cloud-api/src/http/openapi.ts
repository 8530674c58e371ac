// OpenAPI 3 generated from the zod route schemas (@fastify/swagger + fastify-type-provider-zod's transform),
// served at /api/v1/openapi.json, with Swagger UI at /api/v1/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type OpenApiDoc = { paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> };

/** Error bodies are JSON on every route, also on routes whose success body is another type (CSV export). */
function jsonErrorResponses<T extends OpenApiDoc>(doc: T): T {
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const content = res.content;
        if (status.startsWith('2') || !content || 'application/json' in content) continue;
        res.content = { 'application/json': Object.values(content)[0] };
      }
    }
  }
  return doc;
}

export async function installOpenApi(app: FastifyInstance, docsUi: boolean): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'AcrylicHub Pro cloud API', version: '1.0.0', description: 'Accounts, RBAC, catalog and orders.' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (d) => jsonErrorResponses(('openapiObject' in d ? d.openapiObject : d.swaggerObject) as OpenApiDoc) as object,
  });
  if (docsUi) await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () => app.swagger());
}
