// Server configuration, read once from the environment and validated, so a typo fails at start with a clear
// message instead of at the first request. Every variable is documented in cloud-api/README.md and .env.example.
import { z } from 'zod';
import type { S3Config } from './files/s3-storage';
import type { TwilioConfig } from './auth/twilio-transport';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default('false'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_LISTEN_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DATA_DIR: z.string().default('.data/pglite'),
  MIGRATE_ON_START: bool.default('true'),
  REDIS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('https://api.acrylichub.id'),
  JWT_AUDIENCE: z.string().default('acrylichub-api'),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_S: z.coerce.number().int().min(3600).default(7 * 24 * 3600),
  SESSION_CACHE_TTL_S: z.coerce.number().int().min(0).max(300).default(30),
  RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  REFRESH_GRACE_S: z.coerce.number().int().min(0).max(300).default(30),
  SIGNING_KEY_MAX_AGE_S: z.coerce.number().int().min(3600).default(30 * 24 * 3600),
  TOKEN_SECRET: z.string().min(32).optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  SENDER: z.enum(['console', 'outbox', 'smtp']).default('console'),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'smtp://… or smtps://…').optional(),
  SMTP_FROM: z.string().min(3).max(254).optional(),
  SMS_PROVIDER: z.enum(['none', 'twilio']).default('none'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_FROM: z.string().min(2).max(34).optional(),
  TWILIO_API_URL: z.string().url().optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_BASE_S: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_ANON_PER_MIN: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_USER_PER_MIN: z.coerce.number().int().min(1).default(3000),
  RATE_LIMIT_LOGIN_PER_MIN: z.coerce.number().int().min(1).default(20),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),
  DOCS_ENABLED: bool.default('true'),
  FILE_STORAGE: z.enum(['local', 's3']).default('local'),
  FILE_STORAGE_DIR: z.string().default('.data/files'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name').optional(),
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9_.-]+\/)*$/, 'empty or folder names ending in /').default(''),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_FORCE_PATH_STYLE: bool.default('false'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(100 * 1024 * 1024),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every environment variable the server reads (deploy files are checked against this list). */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  db: { databaseUrl?: string; listenUrl?: string; poolMax: number; pgliteDataDir: string };
  migrateOnStart: boolean;
  redisUrl?: string;
  jwt: { issuer: string; audience: string; accessTtlS: number; signingKeyMaxAgeS: number };
  refresh: { ttlS: number; graceS: number };
  /** Seconds a checked session may be reused without reading the database (0 = always read). */
  sessionCacheTtlS: number;
  /** Memory for each cache of serialized responses (product list pages, orders), invalidated by NOTIFY (0 = off). */
  responseCacheBytes: number;
  tokenSecret: string;
  bodyLimitBytes: number;
  sender: Env['SENDER'];
  smtp?: { url: string; from: string };
  /** SMS_PROVIDER=twilio: SMS go through Twilio (with SENDER=console or smtp). */
  twilio?: TwilioConfig;
  login: { maxFailures: number; lockBaseS: number };
  rateLimit: { anonPerMin: number; userPerMin: number; loginPerMin: number };
  bootstrapAdmin?: { email: string; password: string };
  docsEnabled: boolean;
  /** `s3` set = S3-compatible storage, else the local folder `dir`. */
  files: { dir: string; maxBytes: number; s3?: S3Config };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.TOKEN_SECRET) throw new ConfigError('TOKEN_SECRET (≥ 32 chars) is required in production');
  if (e.SENDER === 'smtp' && !(e.SMTP_URL && e.SMTP_FROM)) throw new ConfigError('SENDER=smtp requires SMTP_URL and SMTP_FROM');
  if (e.SMS_PROVIDER === 'twilio' && !(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM)) {
    throw new ConfigError('SMS_PROVIDER=twilio requires TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM');
  }
  if (e.FILE_STORAGE === 's3' && !e.S3_BUCKET) throw new ConfigError('FILE_STORAGE=s3 requires S3_BUCKET');
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  if (Boolean(e.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(e.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new ConfigError('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    db: { databaseUrl: e.DATABASE_URL, listenUrl: e.DATABASE_LISTEN_URL, poolMax: e.DATABASE_POOL_MAX, pgliteDataDir: e.PGLITE_DATA_DIR },
    migrateOnStart: e.MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, accessTtlS: e.ACCESS_TOKEN_TTL_S, signingKeyMaxAgeS: e.SIGNING_KEY_MAX_AGE_S },
    refresh: { ttlS: e.REFRESH_TOKEN_TTL_S, graceS: e.REFRESH_GRACE_S },
    sessionCacheTtlS: e.SESSION_CACHE_TTL_S,
    responseCacheBytes: e.RESPONSE_CACHE_MB * 1024 * 1024,
    // Development only: a fixed secret so refresh tokens survive restarts; production must set its own.
    tokenSecret: e.TOKEN_SECRET ?? 'development-only-token-secret-change-me!!',
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    sender: e.SENDER,
    smtp: e.SENDER === 'smtp' ? { url: e.SMTP_URL!, from: e.SMTP_FROM! } : undefined,
    twilio: e.SMS_PROVIDER === 'twilio' ? { accountSid: e.TWILIO_ACCOUNT_SID!, authToken: e.TWILIO_AUTH_TOKEN!, from: e.TWILIO_FROM!, apiUrl: e.TWILIO_API_URL } : undefined,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockBaseS: e.LOGIN_LOCK_BASE_S },
    rateLimit: { anonPerMin: e.RATE_LIMIT_ANON_PER_MIN, userPerMin: e.RATE_LIMIT_USER_PER_MIN, loginPerMin: e.RATE_LIMIT_LOGIN_PER_MIN },
    bootstrapAdmin: e.BOOTSTRAP_ADMIN_EMAIL ? { email: e.BOOTSTRAP_ADMIN_EMAIL, password: e.BOOTSTRAP_ADMIN_PASSWORD! } : undefined,
    docsEnabled: e.DOCS_ENABLED,
    files: {
      dir: e.FILE_STORAGE_DIR,
      maxBytes: e.MAX_UPLOAD_BYTES,
      s3: e.FILE_STORAGE === 's3' ? {
        bucket: e.S3_BUCKET!, prefix: e.S3_PREFIX, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, forcePathStyle: e.S3_FORCE_PATH_STYLE,
        credentials: e.S3_ACCESS_KEY_ID ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY! } : undefined,
      } : undefined,
    },
  };
}
