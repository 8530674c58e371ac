// `npm run bench:api`: autocannon against the API on a real PostgreSQL with 10,000 products. The server runs in
// a child process (so the load generator does not share its event loop); a bare Fastify "hello" route in the same
// child gives the ceiling. Prints throughput and p50/p99 for the product list and order get at a fixed 1,000
// requests/s, and each route's maximum throughput as a ratio of the hello ceiling.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startTestPostgres } from '../test/services';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const pg = await startTestPostgres();
const child = spawn(process.execPath, ['--import', 'tsx', new URL('./bench-server.ts', import.meta.url).pathname], {
  env: { ...process.env, DATABASE_URL: pg.url },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<{ base: string; hello: string; token: string; orderId: string }>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l)));
});

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(name: string, url: string, opts: { rate?: number; connections: number }): Promise<Row> {
  const r = await autocannon({
    url, connections: opts.connections, duration: DURATION_S, ...(opts.rate ? { overallRate: opts.rate } : {}),
    headers: url.includes('/api/') ? { authorization: `Bearer ${info.token}` } : {},
  });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

try {
  const products = `${info.base}/api/v1/products?limit=20&kind=sheet&sort=-price`;
  const order = `${info.base}/api/v1/orders/${info.orderId}`;
  await load('warm-up', products, { connections: 10 });
  const ceiling = await load('hello (ceiling, max)', info.hello, { connections: 10 });
  const rows = [
    ceiling,
    await load('products list @1000/s', products, { rate: 1000, connections: 20 }),
    await load('order get @1000/s', order, { rate: 1000, connections: 20 }),
    await load('products list (max)', products, { connections: 10 }),
    await load('order get (max)', order, { connections: 10 }),
  ];
  console.log(`\ncloud API benchmark — ${DURATION_S} s per run, real PostgreSQL, 10,000 products`);
  console.log('run                          req/s    p50 ms  p99 ms  errors  vs hello');
  for (const r of rows) {
    console.log(`${r.name.padEnd(28)} ${r.rps.toFixed(0).padStart(6)}  ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${String(r.errors).padStart(6)}  ${(r.rps / ceiling.rps).toFixed(3)}`);
  }
  const goal = rows.filter((r) => r.name.includes('@1000/s')).every((r) => r.p99 < 20 && r.rps > 950 && r.errors === 0);
  console.log(`goal (p99 < 20 ms at 1,000 req/s, no errors): ${goal ? 'met' : 'NOT met'}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await pg.stop();
}
