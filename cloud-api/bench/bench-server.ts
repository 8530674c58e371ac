// Child process of `npm run bench:api`: seeds a real PostgreSQL database with 10,000 products and an order,
// starts the API and a bare Fastify "hello" server (the ceiling), and prints one JSON line with ports and tokens.
import Fastify from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openPgDb } from '../src/db/pg-db';
import { migrate } from '../src/db/migrate';
import { hashPassword } from '../src/auth/passwords';

const url = process.env.DATABASE_URL!;
const db = await openPgDb(url, 10);
await migrate(db);
const [org] = await db.query<{ id: string }>("INSERT INTO organisations (name, slug) VALUES ('Bench', 'bench') RETURNING id");
const password = 'bench password 123456';
const [user] = await db.query<{ id: string; email: string }>(
  "INSERT INTO users (org_id, email, name, role, password_hash) VALUES ($1, 'bench@example.test', 'Bench', 'company_admin', $2) RETURNING id, email",
  [org.id, await hashPassword(password)]);
await db.query(
  `INSERT INTO products (org_id, sku, name, kind, price_idr, attributes, created_at)
   SELECT $1, 'SKU-' || g, 'Acrylic ' || (ARRAY['clear','black','opal','red'])[1 + g % 4] || ' ' || (2 + g % 4) || 'mm #' || g,
          (ARRAY['sheet','service','design'])[1 + g % 3], 1000 * (1 + g % 500),
          jsonb_build_object('thickness_mm', 2 + g % 4, 'color', (ARRAY['clear','black','opal','red'])[1 + g % 4]),
          now() - g * interval '1 second'
   FROM generate_series(1, 10000) g`, [org.id]);
await db.query('ANALYZE products');

const config = loadConfig({
  ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url, DATABASE_POOL_MAX: '10', SENDER: 'outbox',
  TOKEN_SECRET: 'bench-secret-0123456789-0123456789-0123456789', RATE_LIMIT_USER_PER_MIN: '100000000', RATE_LIMIT_LOGIN_PER_MIN: '1000',
  DOCS_ENABLED: 'false',
});
const app = await buildApp(config, { db, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const post = async (path: string, body: unknown, token?: string) => {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
};
const { challengeId } = await post('/api/v1/auth/login', { email: user.email, password });
const [msg] = await db.query<{ body: string }>('SELECT body FROM sender_outbox ORDER BY id DESC LIMIT 1');
const tokens = await post('/api/v1/auth/login/verify', { challengeId, emailCode: /(\d{6})/.exec(msg.body)![1] });
const products = await (await fetch(`${base}/api/v1/products?limit=3&sort=price`, { headers: { authorization: `Bearer ${tokens.accessToken}` } })).json();
const order = await post('/api/v1/orders', { customer: { name: 'Bench' }, lines: products.items.map((p: { id: string }) => ({ productId: p.id, quantity: 2 })) }, tokens.accessToken);

const hello = Fastify({ logger: false });
hello.get('/hello', async () => ({ hello: 'world' }));
await hello.listen({ host: '127.0.0.1', port: 0 });

console.log(JSON.stringify({ base, hello: `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/hello`, token: tokens.accessToken, orderId: order.id }));
process.on('SIGTERM', async () => {
  await hello.close();
  await app.close();
  await db.close();
  process.exit(0);
});
