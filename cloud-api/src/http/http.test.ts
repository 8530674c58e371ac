// The HTTP layer on a real listening socket (ephemeral port): OpenAPI document validity and completeness,
// oversized bodies, request ids, metrics, the docs UI, and readiness during shutdown.
import { Validator } from '@seriousme/openapi-schema-validator';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import type { Db } from '../db/db';
import type { ZodApp } from './zod-app';
import { bearer, endlessDxf, login, seedOrg, seedUser, startApp, type Tokens } from '../../test/helpers';

let db: Db;
let app: ZodApp;
let base: string;
const filesDir = mkdtempSync(join(tmpdir(), 'ah-files-'));
const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'dxf', 'discipline_plate_acad.dxf');
const UPLOAD_LIMIT = 2 * 1024 * 1024;

beforeAll(async () => {
  db = await openPgliteDb('memory://');
  await migrate(db);
  app = await startApp(db, { BODY_LIMIT_BYTES: '65536', FILE_STORAGE_DIR: filesDir, MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(filesDir, { recursive: true, force: true });
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
      const expectedType = path.endsWith('.csv') ? 'text/csv' : path.endsWith('/content') ? 'application/octet-stream' : 'application/json';
      expect(Object.keys(content), where).toEqual([expectedType]);
      expect(Object.values<{ schema?: unknown }>(content)[0].schema, where).toBeDefined();
      if (op.parameters?.length || op.requestBody) expect(op.responses['400']?.content?.['application/json']?.schema, where).toBeDefined();
      if (['post', 'put', 'patch'].includes(m) && !path.endsWith('/logout') && !path.endsWith('/logout-all') && !path.endsWith('/enrol')) {
        expect(op.requestBody?.content?.[path === '/api/v1/files' ? 'application/octet-stream' : 'application/json']?.schema, where).toBeDefined();
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

describe('file uploads', () => {
  const upload = (t: Tokens, name: string, body: BodyInit, extra: RequestInit = {}) =>
    fetch(`${base}/api/v1/files?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { ...bearer(t), 'content-type': 'application/octet-stream' }, body, ...extra });

  it('stores a real DXF once under its SHA-256, links it to an order and serves it back', async () => {
    const org = await seedOrg(db);
    const u = await seedUser(db, org, 'company_admin');
    const t = await login(app, db, u.email);
    const bytes = readFileSync(FIXTURE);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const first = await upload(t, 'plate.dxf', bytes);
    expect(first.status, await first.clone().text()).toBe(201);
    const f = await first.json();
    expect(f).toMatchObject({ sha256: sha, sizeBytes: bytes.length, mediaType: 'image/vnd.dxf', name: 'plate.dxf', deduplicated: false });
    const again = await (await upload(t, 'plate-copy.dxf', bytes)).json();
    expect(again).toMatchObject({ id: f.id, deduplicated: true });
    expect(readdirSync(join(filesDir, sha.slice(0, 2)))).toEqual([sha]);
    expect(readdirSync(join(filesDir, 'tmp'))).toEqual([]);

    const product = (await app.inject({ method: 'POST', url: '/api/v1/products', headers: bearer(t), payload: { sku: 'F-1', name: 'Cut', kind: 'service', priceIdr: 10 } })).json();
    const order = (await app.inject({ method: 'POST', url: '/api/v1/orders', headers: bearer(t), payload: { customer: { name: 'F' }, lines: [{ productId: product.id, quantity: 1 }] } })).json();
    const link = await app.inject({ method: 'POST', url: `/api/v1/files/${f.id}/links`, headers: bearer(t), payload: { targetType: 'order', targetId: order.id } });
    expect(link.json().links).toEqual([{ targetType: 'order', targetId: order.id }]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/files/${f.id}/links`, headers: bearer(t), payload: { targetType: 'design', targetId: order.id } })).statusCode).toBe(404);

    const dl = await fetch(`${base}/api/v1/files/${f.id}/content`, { headers: bearer(t) });
    expect(dl.headers.get('content-type')).toBe('image/vnd.dxf');
    expect(createHash('sha256').update(Buffer.from(await dl.arrayBuffer())).digest('hex')).toBe(sha);

    const other = await login(app, db, (await seedUser(db, await seedOrg(db), 'company_admin')).email);
    expect((await fetch(`${base}/api/v1/files/${f.id}/content`, { headers: bearer(other) })).status).toBe(404);
  });

  it('streams: refuses an upload past the limit with 413 mid-stream, and content that is not a design file', async () => {
    const t = await login(app, db, (await seedUser(db, await seedOrg(db), 'designer')).email);
    const endless = endlessDxf(64 * 1024, 50 * UPLOAD_LIMIT);
    const big = await upload(t, 'huge.dxf', endless.body, { duplex: 'half' } as RequestInit);
    expect(big.status).toBe(413);
    expect(endless.sent()).toBeLessThan(10 * UPLOAD_LIMIT);
    const exe = await upload(t, 'design.dxf', Buffer.from('MZ\x90\x00 this is a windows executable'));
    expect(exe.status).toBe(415);
    const renamed = await upload(t, 'photo.dxf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(renamed.status).toBe(415);
    const svg = await upload(t, 'logo.svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'));
    expect(svg.status).toBe(201);
    expect((await upload(t, '../../etc/passwd.svg', Buffer.from('<svg/>'))).status).toBe(400);
    expect(readdirSync(join(filesDir, 'tmp'))).toEqual([]);
  });
});
