// The HTTP layer on a real listening socket (ephemeral port): OpenAPI document validity and completeness,
// oversized bodies, request ids, metrics, the docs UI, and readiness during shutdown.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import type { Db } from '../db/db';
import type { ZodApp } from './zod-app';
import { bearer, login, seedOrg, seedUser, startApp } from '../../test/helpers';

let db: Db;
let app: ZodApp;
let base: string;

beforeAll(async () => {
  db = await openPgliteDb('memory://');
  await migrate(db);
  app = await startApp(db, { BODY_LIMIT_BYTES: '65536' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3 document', async () => {
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    const res = await new Validator().validate(doc);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it('describes every route with request and response schemas', async () => {
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, Record<string, any>>>).flatMap(([path, o]) => Object.entries(o).map(([m, op]) => ({ path, m, op })));
    expect(ops.length).toBeGreaterThan(30);
    for (const { path, m, op } of ops) {
      const where = `${m.toUpperCase()} ${path}`;
      const success = Object.keys(op.responses).find((c) => c.startsWith('2'));
      expect(success, where).toBeDefined();
      const content = op.responses[success!].content ?? {};
      expect(Object.keys(content), where).toEqual([path.endsWith('.csv') ? 'text/csv' : 'application/json']);
      expect(Object.values<{ schema?: unknown }>(content)[0].schema, where).toBeDefined();
      if (op.parameters?.length || op.requestBody) expect(op.responses['400']?.content?.['application/json']?.schema, where).toBeDefined();
      if (['post', 'put', 'patch'].includes(m) && !path.endsWith('/logout') && !path.endsWith('/logout-all') && !path.endsWith('/enrol')) {
        expect(op.requestBody?.content?.['application/json']?.schema, where).toBeDefined();
      }
      for (const param of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters?.some((p: { in: string; name: string }) => p.in === 'path' && `{${p.name}}` === param), `${where} ${param}`).toBe(true);
      }
      expect(op.summary, where).toBeTruthy();
    }
    const products = doc.paths['/api/v1/products'].get.parameters.map((p: { name: string }) => p.name);
    expect(products).toEqual(expect.arrayContaining(['q', 'kind', 'minPrice', 'maxPrice', 'attr', 'sort', 'limit', 'cursor']));
  });

  it('serves the docs UI', async () => {
    const r = await fetch(`${base}/api/v1/docs/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('swagger');
  });
});

describe('limits and plumbing', () => {
  it('answers 413 to oversized bodies before doing any work', async () => {
    const u = await seedUser(db, await seedOrg(db), 'company_admin');
    const t = await login(app, db, u.email);
    const r = await fetch(`${base}/api/v1/products`, {
      method: 'POST',
      headers: { ...bearer(t), 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'BIG', name: 'x'.repeat(70_000), kind: 'sheet', priceIdr: 1 }),
    });
    expect(r.status).toBe(413);
    expect((await r.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    const login413 = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@b.co', password: 'p'.repeat(100_000) }) });
    expect(login413.status).toBe(413);
  });

  it('refuses malformed JSON and wrong content types with 4xx, never 500', async () => {
    const bad = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(bad.status).toBe(400);
    const xml = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
  });

  it('makes a request id when the given one is unsafe, and counts requests by route', async () => {
    const r = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces\u00e9' } });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${base}/api/v1/products/00000000-0000-4000-8000-000000000000`);
    const m = await (await fetch(`${base}/metrics`)).text();
    expect(m).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/products\/:id",status_code="401"\} 1/);
  });
});
