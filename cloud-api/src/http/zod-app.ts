// The Fastify instance type seen by route modules: zod schemas for params, query, body and responses.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The error body every route may answer with (see http/errors.ts). */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), message_id: z.string().optional(), details: z.unknown().optional() }),
});

/** Standard error responses added to each route's response schema. */
export const errorResponses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody } as const;

export const IdParams = z.object({ id: z.string().uuid() });
