// buildApp(config) assembles the server: logging with request ids, zod validation, error mapping, metrics,
// OpenAPI, rate limits, the auth/RBAC guard and every route module. Tests call it in-process; server.ts adds
// listening and signal handling.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from './config';
import type { Db } from './db/db';
import { pgErrorCode } from './db/db';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';
import type { AppDeps } from './deps';
import { ApiError } from './http/errors';
import { installMetrics } from './http/metrics';
import { fastSerializerCompiler } from './http/serializer';
import { registerHealthRoutes } from './http/health-routes';
import { installOpenApi } from './http/openapi';
import { installRateLimit } from './http/rate-limit';
import { installGuard } from './rbac/guard';
import { SigningKeys } from './auth/signing-keys';
import { RefreshTokens } from './auth/refresh-tokens';
import { AccessTokenVerifier } from './auth/access-tokens';
import { SessionCache } from './auth/session-cache';
import { ChangeFeed } from './http/change-feed';
import { NotifiedCache } from './http/notified-cache';
import { CATALOG_TOPIC } from './catalog/catalog-routes';
import { ORDER_TOPIC, type OrderScope } from './orders/order-cache';
import { combineTransports, consoleTransport, type Transport } from './auth/sender';
import { OutboxDelivery } from './auth/delivery';
import { smtpTransport } from './auth/smtp-transport';
import { twilioTransport } from './auth/twilio-transport';
import { ensureBootstrapAdmin } from './users/bootstrap';
import { ROUTE_MODULES } from './routes';
import type { ZodApp } from './http/zod-app';

export interface BuildOptions {
  /** An already open database (tests share one per file); the app then does not close it. */
  db?: Db;
  transport?: Transport;
  logger?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export async function buildApp(config: AppConfig, opts: BuildOptions = {}): Promise<ZodApp> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false, // genReqId reads x-request-id itself and replaces unsafe values
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider() as unknown as ZodApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(fastSerializerCompiler);

  const ownsDb = !opts.db;
  const db = opts.db ?? (await openDb(config.db));
  let closing = false;
  app.addHook('onClose', async () => {
    closing = true;
    if (ownsDb) await db.close();
  });
  app.addHook('preClose', async () => {
    closing = true;
  });
  if (config.migrateOnStart) await migrate(db);

  const keys = new SigningKeys(db, config.tokenSecret, config.jwt.signingKeyMaxAgeS, config.jwt.accessTtlS);
  await keys.ensureCurrent();
  // Long-running replicas rotate too: check hourly whether the signing key is older than SIGNING_KEY_MAX_AGE_S.
  const rotation = setInterval(() => void keys.ensureCurrent().catch((err) => app.log.error({ err }, 'signing key rotation failed')), 3_600_000);
  rotation.unref();
  app.addHook('onClose', async () => clearInterval(rotation));
  // One LISTEN session for every cache that NOTIFY invalidates; listened to only when some cache is on.
  const changes = new ChangeFeed(db, app.log, undefined, 'change feed', 'reading sessions, product pages and orders from the database');
  const sessions = new SessionCache(db, config.sessionCacheTtlS, app.log, undefined, changes);
  const productPages = new NotifiedCache<null>(changes, CATALOG_TOPIC, config.responseCacheBytes);
  const orderViews = new NotifiedCache<OrderScope>(changes, ORDER_TOPIC, config.responseCacheBytes);
  if (config.sessionCacheTtlS > 0 || config.responseCacheBytes > 0) await changes.start();
  app.addHook('preClose', () => changes.stop());
  const delivery = new OutboxDelivery(db, config.sender === 'outbox' ? null : opts.transport ?? makeTransport(config, app), app.log);
  delivery.start();
  app.addHook('preClose', () => delivery.stop());
  const deps: AppDeps = {
    config,
    db,
    keys,
    refresh: new RefreshTokens(db, { ttlS: config.refresh.ttlS, graceS: config.refresh.graceS, secret: config.tokenSecret }),
    accessTokens: new AccessTokenVerifier(keys, { ...config.jwt, ttlS: config.jwt.accessTtlS }),
    sessions,
    productPages,
    orderViews,
    delivery,
  };
  if (config.bootstrapAdmin) await ensureBootstrapAdmin(db, config.bootstrapAdmin, app.log);

  // Set first thing (a callback hook: no promise per request), so errors from later hooks carry it too.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.statusCode).send({ error: { code: err.code, message: err.text.en, message_id: err.text.id, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send({
        error: { code: 'BAD_INPUT', message: `invalid request: ${err.message}`, message_id: 'permintaan tidak valid', details: err.validation },
      });
    }
    const pgCode = pgErrorCode(err);
    if (pgCode === '23505') return reply.code(409).send({ error: { code: 'CONFLICT', message: 'already exists', message_id: 'sudah ada' } });
    if (pgCode === '22P02' || pgCode === '22003') {
      return reply.code(400).send({ error: { code: 'BAD_INPUT', message: 'invalid value', message_id: 'nilai tidak valid' } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
    const body = (err as unknown as { error?: unknown }).error;
    return reply.code(status).send(
      status === 429 && body ? { error: body } : { error: { code, message: status >= 500 ? 'internal error' : err.message, message_id: status >= 500 ? 'kesalahan internal' : err.message } },
    );
  });

  const registry = installMetrics(app, db);
  registerHealthRoutes(app, db, registry, () => closing);
  await installOpenApi(app, config.docsEnabled);
  installGuard(app, deps);
  await installRateLimit(app, config);
  for (const mod of ROUTE_MODULES) await mod(app, deps);
  await app.ready();
  return app;
}

/** The transport of SENDER (SMTP, closed with the app, or the console) with SMS through SMS_PROVIDER's when set. */
function makeTransport(config: AppConfig, app: FastifyInstance): Transport {
  let main: Transport = consoleTransport(app.log);
  if (config.smtp) {
    const smtp = smtpTransport(config.smtp.url, config.smtp.from);
    app.addHook('onClose', async () => smtp.close());
    main = smtp;
  }
  return config.twilio ? combineTransports([twilioTransport(config.twilio), main]) : main;
}

export type { FastifyInstance };
