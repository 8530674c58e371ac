// `npm run bench:api`: autocannon against the API on a real PostgreSQL with 10,000 products. The server runs in
// a child process (so the load generator does not share its event loop); a bare Fastify "hello" route in the same
// child gives the ceiling. Prints p50/p99 for the product list and order get at a fixed 1,000 requests/s
// (open-loop, evenly spaced: paced-load.ts says why not autocannon's overallRate) beside the hello route at the
// same rate (what the machine and the load generator alone add), each route's maximum throughput (autocannon)
// as a ratio of the hello ceiling, and the load average, since the 2 cores are shared.
// Product pages and orders are served from the API's response cache (invalidated by NOTIFY) once read, after a
// round trip on the LISTEN session (shared by the hits that wait for the same one; counted in queries/req): the
// fixed URLs measure that. "new page" asks for a different page
// each time (all misses: a query per request), and RESPONSE_CACHE_MB=0 runs the whole bench with the caches off.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { startTestPostgres } from '../test/services';
import { CpuMeter } from './cpu-meter';
import { pacedLoad } from './paced-load';

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
  /** completed requests */
  count: number;
  /** per request: CPU ms in the API process, its PostgreSQL backends and this load generator; database transactions */
  cpu?: { server: number; postgres: number; generator: number; transactions: number };
}

const meter = await CpuMeter.open(child.pid!, pg.url);
async function measured(run: () => Promise<Omit<Row, 'cpu'>>): Promise<Row> {
  const stop = await meter.start();
  const generator0 = process.cpuUsage();
  const row = await run();
  const generator = process.cpuUsage(generator0);
  const used = await stop();
  const n = Math.max(1, row.count);
  return {
    ...row,
    cpu: { server: used.server / n, postgres: used.postgres / n, generator: (generator.user + generator.system) / 1000 / n, transactions: used.transactions / n },
  };
}

const headersFor = (url: string | ((i: number) => string)): Record<string, string> =>
  ((typeof url === 'string' ? url : url(0)).includes('/api/') ? { authorization: `Bearer ${info.token}` } : {});

const load = (name: string, url: string, connections: number) => measured(async () => {
  const r = await autocannon({ url, connections, duration: DURATION_S, headers: headersFor(url) });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, count: r.requests.total };
});

const RATE = 1000;
/** The runs the goal is about (the "new page" run is shown beside them). */
const GOAL_RUNS = ['products list @1000/s', 'order get @1000/s'];
const paced = (name: string, url: string | ((i: number) => string)) => measured(async () => ({ name, ...(await pacedLoad(url, headersFor(url), RATE, DURATION_S)) }));
const load1 = () => loadavg()[0].toFixed(2);

try {
  const products = `${info.base}/api/v1/products?limit=20&kind=sheet&sort=-price`;
  const order = `${info.base}/api/v1/orders/${info.orderId}`;
  const loadBefore = load1();
  await load('warm-up', products, 10);
  const ceiling = await load('hello (ceiling, max)', info.hello, 10);
  const rows = [
    ceiling,
    await paced('hello @1000/s', info.hello),
    await paced('products list @1000/s', products),
    await paced('order get @1000/s', order),
    await paced('products, new page @1000/s', (i) => `${products}&maxPrice=${10_000_000 - i}`),
    await load('products list (max)', products, 10),
    await load('order get (max)', order, 10),
  ];
  console.log(`\ncloud API benchmark — ${DURATION_S} s per run, real PostgreSQL, 10,000 products; load average ${loadBefore} before, ${load1()} after (2 cores)`);
  console.log('run                          req/s    p50 ms  p99 ms  errors  vs hello  CPU ms/req: API  postgres  generator  queries/req');
  for (const r of rows) {
    const cpu = r.cpu ? `${r.cpu.server.toFixed(3).padStart(20)} ${r.cpu.postgres.toFixed(3).padStart(9)} ${r.cpu.generator.toFixed(3).padStart(10)} ${r.cpu.transactions.toFixed(2).padStart(12)}` : '';
    console.log(`${r.name.padEnd(28)} ${r.rps.toFixed(0).padStart(6)}  ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${String(r.errors).padStart(6)}  ${(r.rps / ceiling.rps).toFixed(3).padStart(8)}${cpu}`);
  }
  const goal = rows.filter((r) => GOAL_RUNS.includes(r.name)).every((r) => r.p99 < 20 && r.rps > 950 && r.errors === 0);
  console.log(`goal (p99 < 20 ms at 1,000 req/s, no errors): ${goal ? 'met' : 'NOT met'}`);
} finally {
  await meter.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await pg.stop();
}
