import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from './db/pglite-db';
import { migrate } from './db/migrate';
import type { Db } from './db/db';
import type { ZodApp } from './http/zod-app';
import { bearer, login, seedOrg, seedUser, startApp } from '../test/helpers';

let db: Db;
let app: ZodApp;

beforeAll(async () => {
  db = await openPgliteDb('memory://');
  await migrate(db);
  app = await startApp(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('server skeleton', () => {
  it('answers health, readiness and metrics, and echoes request ids', async () => {
    const h = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(h.statusCode).toBe(200);
    expect(h.headers['x-request-id']).toBe('abc-123');
    expect((await app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', driver: 'pglite' });
    const m = await app.inject({ url: '/metrics' });
    expect(m.body).toContain('http_request_duration_seconds_bucket');
    expect(m.body).toMatch(/db_pool_connections\{state="total"\} 1/);
    expect(m.body).toMatch(/route="\/healthz",status_code="200"/);
  });

  it('signs in with password and email code, then reads /me', async () => {
    const org = await seedOrg(db);
    const u = await seedUser(db, org, 'designer');
    const t = await login(app, db, u.email);
    const me = await app.inject({ url: '/api/v1/me', headers: bearer(t) });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ id: u.id, role: 'designer', orgId: org });
    expect(me.json().permissions).toContain('product.create');
  });
});
