// Per-caller rate limits with @fastify/rate-limit: API keys by tier, signed-in users and anonymous callers by
// IP, each per minute. Counters live in Redis when REDIS_URL is set (shared by all replicas), else in memory.
// Runs at preHandler so the caller is already authenticated.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { API_KEY_TIERS } from '../auth/api-keys';
import type { AppConfig } from '../config';

export async function installRateLimit(app: FastifyInstance, cfg: AppConfig): Promise<void> {
  const redis = cfg.redisUrl ? new Redis(cfg.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    redis,
    nameSpace: 'acrylichub-rl:',
    skipOnError: false,
    keyGenerator: (req: FastifyRequest) => {
      const p = req.principal;
      if (p?.apiKeyId) return `k:${p.apiKeyId}`;
      if (p) return `u:${p.userId}`;
      return `ip:${req.ip}`;
    },
    max: (req: FastifyRequest) => {
      const p = req.principal;
      if (p?.tier) return API_KEY_TIERS[p.tier];
      return p ? cfg.rateLimit.userPerMin : cfg.rateLimit.anonPerMin;
    },
    errorResponseBuilder: (_req, ctx) => {
      const s = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return {
        statusCode: ctx.statusCode,
        error: { code: 'RATE_LIMITED', message: `too many requests, retry in ${s} s`, message_id: `terlalu banyak permintaan, coba lagi dalam ${s} detik` },
      };
    },
  });
}
