// Shared test harness: config for tests, seeding organisations and users straight into the database, and the
// real two-step sign-in (password, then the email code read from the sender outbox).
import { hash } from '@node-rs/argon2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { ARGON2_OPTIONS } from '../src/auth/passwords';
import type { Role } from '../src/rbac/matrix';
import type { ZodApp } from '../src/http/zod-app';

export const PASSWORD = 'correct horse battery staple';

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PGLITE_DATA_DIR: 'memory://', SENDER: 'outbox', FILE_STORAGE_DIR: join(tmpdir(), `ah-test-files-${process.pid}`), RATE_LIMIT_LOGIN_PER_MIN: '100000', RATE_LIMIT_ANON_PER_MIN: '100000', TOKEN_SECRET: 'test-secret-0123456789-0123456789-abcdef', ...env });
}

export async function startApp(db: Db, env: Record<string, string> = {}): Promise<ZodApp> {
  return buildApp(testConfig(env), { db, logger: false });
}

let passwordHash: Promise<string> | undefined;
const uniq = () => Math.random().toString(36).slice(2, 10);

export async function seedOrg(db: Db, name = `Org ${uniq()}`): Promise<string> {
  const [o] = await db.query<{ id: string }>('INSERT INTO organisations (name, slug) VALUES ($1, $2) RETURNING id', [name, `org-${uniq()}`]);
  return o.id;
}

export interface SeededUser {
  id: string;
  orgId: string;
  email: string;
  role: Role;
}

export async function seedUser(db: Db, orgId: string, role: Role, extra: { phone?: string } = {}): Promise<SeededUser> {
  passwordHash ??= hash(PASSWORD, ARGON2_OPTIONS);
  const email = `${role}-${uniq()}@example.test`;
  const [u] = await db.query<{ id: string }>(
    'INSERT INTO users (org_id, email, name, role, password_hash, phone) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
    [orgId, email, `${role} user`, role, await passwordHash, extra.phone ?? null]);
  return { id: u.id, orgId, email, role };
}

/** The latest code sent to `recipient` on `channel` (reads the outbox like a mail catcher would). */
export async function lastCode(db: Db, recipient: string, channel: 'email' | 'sms' = 'email'): Promise<string> {
  const [m] = await db.query<{ body: string }>('SELECT body FROM sender_outbox WHERE recipient = $1 AND channel = $2 ORDER BY id DESC LIMIT 1', [recipient, channel]);
  const code = /(\d{6})/.exec(m?.body ?? '')?.[1];
  if (!code) throw new Error(`no ${channel} code for ${recipient}`);
  return code;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function login(app: ZodApp, db: Db, email: string, extra: { totpCode?: string; recoveryCode?: string; smsCode?: boolean } = {}): Promise<Tokens> {
  const r1 = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
  expect(r1.statusCode, r1.body).toBe(200);
  const { challengeId } = r1.json();
  const payload: Record<string, string> = { challengeId, emailCode: await lastCode(db, email) };
  if (extra.totpCode) payload.totpCode = extra.totpCode;
  if (extra.recoveryCode) payload.recoveryCode = extra.recoveryCode;
  const r2 = await app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload });
  expect(r2.statusCode, r2.body).toBe(200);
  return r2.json();
}

export const bearer = (t: Tokens | string) => ({ authorization: `Bearer ${typeof t === 'string' ? t : t.accessToken}` });

/** An upload body that starts like a DXF and goes on (spaces) until `stopAfter` bytes: for mid-stream limits. */
export function endlessDxf(chunkBytes: number, stopAfter: number): { body: BodyInit; sent: () => number } {
  const head = Buffer.from('0\nSECTION\n2\nHEADER\n');
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      const chunk = sent === 0 ? Buffer.concat([head, Buffer.alloc(chunkBytes - head.length, 0x20)]) : Buffer.alloc(chunkBytes, 0x20);
      sent += chunk.length;
      if (sent > stopAfter) c.close();
      else c.enqueue(chunk);
    },
  });
  return { body: body as unknown as BodyInit, sent: () => sent };
}

/** Polls `get` until it returns a value (a message delivered, a row written); fails after `ms`. */
export async function until<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
