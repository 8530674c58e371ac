// The RBAC matrix test: every API route × every role (plus no token), allowed exactly when the documented matrix
// (the table in cloud-api/README.md) grants the route's permission; and cross-company access refused for every
// resource type. The route table must list every route of the OpenAPI document, so a new route cannot skip it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, type Role } from '../../src/rbac/matrix';
import { PASSWORD, bearer, login, seedOrg, seedUser, type SeededUser, type Tokens } from '../helpers';
import type { SuiteContext } from './context';

/** Parses the matrix table between the rbac-matrix markers of the README. */
export function readDocumentedMatrix(): Record<Role, string[]> {
  const md = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = md.split('<!-- rbac-matrix:start -->')[1].split('<!-- rbac-matrix:end -->')[0];
  const rows = block.trim().split('\n').map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const roles = rows[0].slice(1) as Role[];
  const out = Object.fromEntries(roles.map((r) => [r, [] as string[]])) as Record<Role, string[]>;
  for (const row of rows.slice(2)) {
    const perm = row[0].replace(/`/g, '');
    row.slice(1).forEach((cell, i) => cell === '✓' && out[roles[i]].push(perm));
  }
  return out;
}

interface Fixture {
  admin: SeededUser;
  viewerTarget: SeededUser;
  manufacturer: SeededUser;
  productId: string;
  orderId: string;
  apiKeyId: string;
  fileId: string;
}

type Perm = string | 'public' | 'authenticated';
interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  permission: Perm;
  url: (f: Fixture) => string;
  body?: (f: Fixture, role: Role) => unknown;
  /** Ends the caller's session: run with a token of its own. */
  endsSession?: boolean;
  /** A raw application/octet-stream body (file upload). */
  raw?: Buffer;
  /** Roles the guard lets through but the handler refuses by design (documented with the route). */
  deniedByHandler?: Role[];
}

const n = () => Math.random().toString(36).slice(2, 8);
const R = (method: RouteCase['method'], path: string, permission: Perm, extra: Partial<RouteCase> = {}): RouteCase => ({
  method, path, permission, url: (f) => path.replace(':id', path.startsWith('/api/v1/users') ? f.viewerTarget.id : path.startsWith('/api/v1/products') ? f.productId : path.startsWith('/api/v1/api-keys') ? f.apiKeyId : f.orderId), ...extra,
});

export const ROUTE_CASES: RouteCase[] = [
  R('POST', '/api/v1/auth/login', 'public', { body: () => ({ email: 'nobody@example.test', password: 'x' }) }),
  R('POST', '/api/v1/auth/login/verify', 'public', { body: () => ({ challengeId: '00000000-0000-4000-8000-000000000000', emailCode: '000000' }) }),
  R('POST', '/api/v1/auth/refresh', 'public', { body: () => ({ refreshToken: 'x'.repeat(43) }) }),
  R('POST', '/api/v1/auth/logout', 'authenticated', { endsSession: true }),
  R('POST', '/api/v1/auth/logout-all', 'authenticated', { endsSession: true }),
  R('GET', '/api/v1/auth/jwks.json', 'public'),
  R('POST', '/api/v1/auth/password-reset', 'public', { body: () => ({ email: 'nobody@example.test' }) }),
  R('POST', '/api/v1/auth/password-reset/confirm', 'public', { body: () => ({ email: 'nobody@example.test', code: '000000', newPassword: 'x'.repeat(12) }) }),
  R('POST', '/api/v1/auth/mfa/totp/enrol', 'authenticated'),
  R('POST', '/api/v1/auth/mfa/totp/activate', 'authenticated', { body: () => ({ code: '000000' }) }),
  R('POST', '/api/v1/auth/mfa/totp/disable', 'authenticated', { body: () => ({ password: PASSWORD, code: '000000' }) }),
  R('PUT', '/api/v1/auth/mfa/sms', 'authenticated', { body: () => ({ enabled: false }) }),
  R('POST', '/api/v1/api-keys', 'apikey.manage', { body: () => ({ name: 'k', scopes: ['product.read'] }) }),
  R('GET', '/api/v1/api-keys', 'apikey.manage'),
  R('DELETE', '/api/v1/api-keys/:id', 'apikey.manage'),
  R('POST', '/api/v1/organisations', 'organisation.manage', { body: () => ({ name: 'New co', slug: `co-${n()}`, admin: { email: `a-${n()}@example.test`, name: 'A', password: PASSWORD } }) }),
  R('GET', '/api/v1/organisations/current', 'authenticated'),
  R('GET', '/api/v1/me', 'authenticated'),
  R('GET', '/api/v1/users', 'user.read'),
  R('POST', '/api/v1/users', 'user.create', { body: () => ({ email: `u-${n()}@example.test`, name: 'U', password: PASSWORD, role: 'viewer' }) }),
  R('GET', '/api/v1/users/:id', 'user.read'),
  R('PATCH', '/api/v1/users/:id', 'user.update', { body: () => ({ name: `renamed ${n()}` }) }),
  R('GET', '/api/v1/categories', 'product.read'),
  R('POST', '/api/v1/categories', 'product.manage', { body: () => ({ name: 'Cat', slug: `cat-${n()}` }) }),
  R('GET', '/api/v1/products', 'product.read'),
  R('GET', '/api/v1/products/:id', 'product.read'),
  R('POST', '/api/v1/products', 'product.create', { body: () => ({ sku: `S-${n()}`, name: 'P', kind: 'sheet', priceIdr: 1000 }) }),
  R('PATCH', '/api/v1/products/:id', 'product.manage', { body: () => ({ name: `P ${n()}` }) }),
  R('POST', '/api/v1/orders', 'order.create', { body: (f) => ({ customer: { name: 'C' }, lines: [{ productId: f.productId, quantity: 1 }] }) }),
  R('GET', '/api/v1/orders', 'order.read'),
  R('GET', '/api/v1/orders/:id', 'order.read'),
  R('POST', '/api/v1/orders/:id/transitions', 'order.read', { body: () => ({ to: 'completed' }) }),
  R('PUT', '/api/v1/orders/:id/manufacturer', 'manufacturing.plan', { body: (f) => ({ manufacturerId: f.manufacturer.id }) }),
  R('GET', '/api/v1/orders/:id/events', 'order.read'),
  R('GET', '/api/v1/audit', 'audit.read'),
  R('GET', '/api/v1/analytics/kpis', 'analytics.view', { url: () => '/api/v1/analytics/kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z' }),
  R('GET', '/api/v1/analytics/kpis.csv', 'analytics.export', { url: () => '/api/v1/analytics/kpis.csv?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&bucket=week' }),
  R('POST', '/api/v1/files', 'file.upload', { url: () => '/api/v1/files?name=part.svg', raw: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }),
  R('GET', '/api/v1/files/:id', 'file.read', { url: (f) => `/api/v1/files/${f.fileId}` }),
  R('GET', '/api/v1/files/:id/content', 'file.read', { url: (f) => `/api/v1/files/${f.fileId}/content` }),
  R('POST', '/api/v1/files/:id/links', 'file.upload', { url: (f) => `/api/v1/files/${f.fileId}/links`, body: (f) => ({ targetType: 'order', targetId: f.orderId }) }),
  R('GET', '/api/v1/me/personal-data', 'personal_data.self'),
  R('PATCH', '/api/v1/me/personal-data', 'personal_data.self', { body: () => ({ name: `Name ${n()}` }) }),
  R('POST', '/api/v1/me/personal-data/erase', 'personal_data.self', { body: () => ({ password: 'wrong password', confirm: 'ERASE' }) }),
  // Sync (cloud-api/src/sync, issue 7): staff only — customers pass the guard but the handler refuses them.
  R('POST', '/api/v1/sync/push', 'authenticated', { body: () => ({ deviceId: '00000000-0000-4000-8000-000000000001', mutations: [] }) }),
  R('GET', '/api/v1/sync/pull', 'order.read', { url: () => '/api/v1/sync/pull?deviceId=00000000-0000-4000-8000-000000000001', deniedByHandler: ['customer'] }),
];

export function rbacSuite(ctx: SuiteContext): void {
  const cases = ROUTE_CASES;
  const documented = readDocumentedMatrix();
  let f: Fixture;
  const tokens = {} as Record<Role, Tokens>;
  const users = {} as Record<Role, SeededUser>;
  /** Separate users for logout routes, so "log out everywhere" does not end the shared sessions. */
  const sessionUsers = {} as Record<Role, SeededUser>;

  beforeAll(async () => {
    const org = await seedOrg(ctx.db);
    for (const role of ROLES) {
      users[role] = await seedUser(ctx.db, org, role);
      sessionUsers[role] = await seedUser(ctx.db, org, role);
      tokens[role] = await login(ctx.app, ctx.db, users[role].email);
    }
    const admin = users.company_admin;
    const t = tokens.company_admin;
    const product = await ctx.app.inject({ method: 'POST', url: '/api/v1/products', headers: bearer(t), payload: { sku: 'RBAC-1', name: 'Clear 3mm', kind: 'sheet', priceIdr: 50_000 } });
    const order = await ctx.app.inject({ method: 'POST', url: '/api/v1/orders', headers: bearer(t), payload: { customer: { name: 'C' }, lines: [{ productId: product.json().id, quantity: 1 }] } });
    const key = await ctx.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(t), payload: { name: 'k', scopes: ['product.read'] } });
    const file = await ctx.app.inject({ method: 'POST', url: '/api/v1/files?name=plate.svg', headers: { ...bearer(t), 'content-type': 'application/octet-stream' }, payload: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" id="rbac"/>') });
    f = { admin, viewerTarget: await seedUser(ctx.db, org, 'viewer'), manufacturer: users.manufacturer, productId: product.json().id, orderId: order.json().id, apiKeyId: key.json().id, fileId: file.json().id };
  });

  it('documents exactly the matrix the code enforces', () => {
    for (const role of ROLES) expect([...documented[role]].sort(), role).toEqual([...ROLE_PERMISSIONS[role]].sort());
    expect(new Set(Object.values(documented).flat())).toEqual(new Set(PERMISSIONS));
  });

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json();
    const documentedRoutes = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect([...new Set(cases.map((c) => `${c.method} ${c.path}`))].sort()).toEqual([...new Set(documentedRoutes)].sort());
  });

  describe.each(cases)('$method $path ($permission)', (c) => {
    it.each([...ROLES, 'anonymous' as const])('as %s', async (role) => {
      let headers = {};
      if (role !== 'anonymous') {
        const tok = c.endsSession ? await login(ctx.app, ctx.db, sessionUsers[role].email) : tokens[role];
        headers = bearer(tok);
      }
      const payload = c.raw ? { payload: c.raw, headers: { ...headers, 'content-type': 'application/octet-stream' } } : c.body ? { payload: c.body(f, role as Role) as object, headers } : { headers };
      const r = await ctx.app.inject({ method: c.method, url: c.url(f), ...payload });
      const allowed = c.permission === 'public' || (role !== 'anonymous' && !c.deniedByHandler?.includes(role) && (c.permission === 'authenticated' || documented[role].includes(c.permission)));
      // Public routes may still answer 401 from their own logic (a wrong password); the guard never runs there.
      if (allowed) expect(c.permission === 'public' ? [403] : [401, 403], `${role} should pass: ${r.statusCode} ${r.body}`).not.toContain(r.statusCode);
      else expect(r.statusCode, r.body).toBe(role === 'anonymous' ? 401 : 403);
      expect(r.statusCode, r.body).toBeLessThan(500);
    });
  });

  describe('cross-company access', () => {
    it('refuses every resource of another company, even to its admins', async () => {
      const other = await seedOrg(ctx.db);
      const oAdmin = await seedUser(ctx.db, other, 'company_admin');
      const ot = await login(ctx.app, ctx.db, oAdmin.email);
      const oProduct = (await ctx.app.inject({ method: 'POST', url: '/api/v1/products', headers: bearer(ot), payload: { sku: 'X-1', name: 'Other', kind: 'sheet', priceIdr: 1 } })).json();
      const oOrder = (await ctx.app.inject({ method: 'POST', url: '/api/v1/orders', headers: bearer(ot), payload: { customer: { name: 'O' }, lines: [{ productId: oProduct.id, quantity: 1 }] } })).json();
      const oKey = (await ctx.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(ot), payload: { name: 'k', scopes: ['product.read'] } })).json();
      const oCat = (await ctx.app.inject({ method: 'POST', url: '/api/v1/categories', headers: bearer(ot), payload: { name: 'C', slug: 'c' } })).json();
      const oMfr = await seedUser(ctx.db, other, 'manufacturer');
      const oFile = (await ctx.app.inject({ method: 'POST', url: '/api/v1/files?name=secret.svg', headers: { ...bearer(ot), 'content-type': 'application/octet-stream' }, payload: Buffer.from('<svg id="other-company"/>') })).json();
      for (const role of ['super_admin', 'company_admin'] as const) {
        const h = bearer(tokens[role]);
        const attempts = [
          { method: 'GET', url: `/api/v1/users/${oAdmin.id}` },
          { method: 'PATCH', url: `/api/v1/users/${oAdmin.id}`, payload: { name: 'pwned' } },
          { method: 'GET', url: `/api/v1/products/${oProduct.id}` },
          { method: 'PATCH', url: `/api/v1/products/${oProduct.id}`, payload: { priceIdr: 0 } },
          { method: 'POST', url: '/api/v1/products', payload: { sku: `Y-${n()}`, name: 'y', kind: 'sheet', priceIdr: 1, categoryId: oCat.id } },
          { method: 'POST', url: '/api/v1/categories', payload: { name: 'sub', slug: `s-${n()}`, parentId: oCat.id } },
          { method: 'GET', url: `/api/v1/orders/${oOrder.id}` },
          { method: 'GET', url: `/api/v1/orders/${oOrder.id}/events` },
          { method: 'POST', url: `/api/v1/orders/${oOrder.id}/transitions`, payload: { to: 'cancelled' } },
          { method: 'PUT', url: `/api/v1/orders/${oOrder.id}/manufacturer`, payload: { manufacturerId: f.manufacturer.id } },
          { method: 'PUT', url: `/api/v1/orders/${f.orderId}/manufacturer`, payload: { manufacturerId: oMfr.id } },
          { method: 'POST', url: '/api/v1/orders', payload: { customer: { name: 'x' }, lines: [{ productId: oProduct.id, quantity: 1 }] } },
          { method: 'DELETE', url: `/api/v1/api-keys/${oKey.id}` },
          { method: 'GET', url: `/api/v1/files/${oFile.id}` },
          { method: 'GET', url: `/api/v1/files/${oFile.id}/content` },
          { method: 'POST', url: `/api/v1/files/${oFile.id}/links`, payload: { targetType: 'order', targetId: f.orderId } },
          { method: 'POST', url: `/api/v1/files/${f.fileId}/links`, payload: { targetType: 'order', targetId: oOrder.id } },
        ] as const;
        for (const a of attempts) {
          const r = await ctx.app.inject({ method: a.method, url: a.url, headers: h, ...('payload' in a ? { payload: a.payload } : {}) });
          expect([403, 404], `${role} ${a.method} ${a.url}: ${r.body}`).toContain(r.statusCode);
        }
        const lists = ['/api/v1/users?limit=100', '/api/v1/products?limit=100', '/api/v1/orders?limit=100', '/api/v1/api-keys', '/api/v1/categories', '/api/v1/audit?limit=100'];
        for (const url of lists) {
          const body = (await ctx.app.inject({ url, headers: h })).body;
          for (const id of [oAdmin.id, oProduct.id, oOrder.id, oKey.id, oCat.id, oFile.id, other]) expect(body, `${role} ${url}`).not.toContain(id);
        }
      }
      const [{ name }] = await ctx.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [oAdmin.id]);
      expect(name).not.toBe('pwned');
    });

    it('refuses mass assignment of role and organisation', async () => {
      const h = bearer(tokens.company_admin);
      const withOrg = await ctx.app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { email: `m-${n()}@example.test`, name: 'M', password: PASSWORD, role: 'viewer', orgId: await seedOrg(ctx.db) } });
      expect(withOrg.statusCode).toBe(400);
      const superUser = await ctx.app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { email: `m-${n()}@example.test`, name: 'M', password: PASSWORD, role: 'super_admin' } });
      expect(superUser.statusCode).toBe(403);
      const selfPromote = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/users/${users.company_admin.id}`, headers: h, payload: { role: 'super_admin' } });
      expect(selfPromote.statusCode).toBe(403);
      const promoteOther = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/users/${f.viewerTarget.id}`, headers: h, payload: { role: 'super_admin' } });
      expect(promoteOther.statusCode).toBe(403);
      const orgMove = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/users/${f.viewerTarget.id}`, headers: h, payload: { orgId: await seedOrg(ctx.db) } });
      expect(orgMove.statusCode).toBe(400);
      const meMove = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/users/${users.designer.id}`, headers: bearer(tokens.designer), payload: { role: 'company_admin' } });
      expect(meMove.statusCode).toBe(403);
    });
  });
}
