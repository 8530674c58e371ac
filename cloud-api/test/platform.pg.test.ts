// PostgreSQL-specific behaviour: concurrent migrations from several replicas, the migrate and audit-verify
// commands as real processes, readiness with the pg driver, and Redis-backed rate limits shared by replicas.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, loadMigrations } from '../src/db/migrate';
import { openPgDb } from '../src/db/pg-db';
import type { Db } from '../src/db/db';
import { bearer, login, seedOrg, seedUser, startApp } from './helpers';
import { openTestPg } from './pg-context';
import { startTestRedis, type TestRedis } from './services';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

let pg: Awaited<ReturnType<typeof openTestPg>>;
let redis: TestRedis;
beforeAll(async () => {
  pg = await openTestPg();
  redis = await startTestRedis();
});
afterAll(async () => {
  await pg?.cleanup();
  await redis?.stop();
});

const cli = (script: string, args: string[] = []) =>
  run('npx', ['tsx', `cloud-api/src/scripts/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: pg.url, LOG_LEVEL: 'silent' } })
    .then((r) => ({ code: 0, out: r.stdout, err: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));

describe('migrations', () => {
  it('apply once even when three replicas start together, and the command reports up to date', async () => {
    const dbs: Db[] = await Promise.all([1, 2, 3].map(() => openPgDb(pg.url, 2)));
    const applied = await Promise.all(dbs.map((d) => migrate(d)));
    expect(applied.flat().sort()).toEqual(loadMigrations().map((m) => m.version).sort());
    await Promise.all(dbs.map((d) => d.close()));
    const r = await cli('migrate');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('up to date');
  });
});

describe('audit-verify command', () => {
  it('exits 0 on an intact chain and 1 after tampering', async () => {
    const app = await startApp(pg.db);
    const u = await seedUser(pg.db, await seedOrg(pg.db), 'company_admin');
    await login(app, pg.db, u.email);
    await login(app, pg.db, u.email);
    await app.close();
    const ok = await cli('audit-verify');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/audit chain intact: \d+ rows/);
    await pg.db.tx(async (q) => {
      await q.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await q.query("DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'auth.login')");
      await q.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    const bad = await cli('audit-verify');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/sequence gap|broken link/);
  });
});

describe('rate limits in Redis', () => {
  it('share one budget across two replicas and limit API keys by tier', async () => {
    const env = { REDIS_URL: redis.url, RATE_LIMIT_USER_PER_MIN: '5' };
    const a = await startApp(pg.db, env);
    const b = await startApp(pg.db, env);
    try {
      const u = await seedUser(pg.db, await seedOrg(pg.db), 'company_admin');
      const t = await login(a, pg.db, u.email);
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) codes.push((await (i % 2 ? a : b).inject({ url: '/api/v1/me', headers: bearer(t) })).statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(5);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
      const limited = await a.inject({ url: '/api/v1/me', headers: bearer(t) });
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      const admin2 = await seedUser(pg.db, u.orgId, 'company_admin');
      const t2 = await login(a, pg.db, admin2.email);
      const key = (await a.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(t2), payload: { name: 'free', scopes: ['product.read'], tier: 'free' } })).json().key;
      const keyCodes: number[] = [];
      for (let i = 0; i < 62; i++) keyCodes.push((await (i % 2 ? a : b).inject({ url: '/api/v1/products?limit=1', headers: { 'x-api-key': key } })).statusCode);
      expect(keyCodes.filter((c) => c === 200)).toHaveLength(60);
      expect(keyCodes.slice(60)).toEqual([429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reports readiness with the pg driver', async () => {
    const app = await startApp(pg.db);
    expect((await app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', driver: 'pg' });
    await app.close();
  });
});
