// Process-kill tests with real processes and the real PostgreSQL: SIGKILL of a desktop sync process in the middle
// of pushing, and SIGKILL of the cloud API while it applies (commits) a push; after restarting, every order is on
// the server exactly once, the device's outbox is empty and the device holds the server's data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, testConfig } from '../../../cloud-api/test/helpers';
import { openDatabase } from '../../store/database';
import { startCloud, type CloudFixture } from './cloud-fixture';
import { makeDevice, syncOnce } from './device-fixture';
import { FileSecretStore } from '../secret-store';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let cloud: CloudFixture;
beforeAll(async () => {
  cloud = await startCloud({ listen: true });
});
afterAll(() => cloud?.close());

const tsx = (script: string, args: string[], env: Record<string, string> = {}): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => p.once('exit', (code) => resolve(code)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function orderStats(orgId: string) {
  const [r] = await cloud.db.query<{ orders: number; distinct_ids: number; created_events: number }>(
    `SELECT count(*)::int AS orders, count(DISTINCT id)::int AS distinct_ids,
       (SELECT count(*)::int FROM order_events e WHERE e.org_id = $1 AND e.kind = 'created') AS created_events
     FROM orders WHERE org_id = $1`, [orgId]);
  return r;
}

describe('kill -9', () => {
  it('of a desktop process mid-push loses nothing and duplicates nothing', async () => {
    const org = await seedOrg(cloud.db);
    const user = await cloud.user('company_admin', org);
    const dir = mkdtempSync(join(tmpdir(), 'ah-kill-desktop-'));
    await new FileSecretStore(join(dir, 'sync-secrets.json'), { en: '', id: '' }).set('sync', user.tokens.refreshToken);
    const N = 120;
    const first = tsx('src-main/sync/test/desktop-process.ts', [dir, 'create', String(N), cloud.url]);
    const firstExit = exited(first);
    // Wait until the server has applied some but not all of the pushes, then kill the process.
    let applied = 0;
    for (let i = 0; i < 600; i++) {
      applied = (await orderStats(org)).orders;
      if (applied > 0) break;
      await sleep(10);
    }
    first.kill('SIGKILL');
    await firstExit;
    expect(applied).toBeGreaterThan(0);
    expect((await orderStats(org)).orders).toBeLessThan(N);

    const second = tsx('src-main/sync/test/desktop-process.ts', [dir, 'resume', '0', cloud.url]);
    let out = '';
    second.stdout!.on('data', (b) => (out += b));
    second.stderr!.on('data', (b) => (out += b));
    expect(await exited(second), out).toBe(0);
    expect(out).toContain('done pending=0');
    expect(await orderStats(org)).toEqual({ orders: N, distinct_ids: N, created_events: N });
    const db = openDatabase(join(dir, 'acrylichub.db'));
    expect(db.prepare('SELECT count(*) AS n, sum(synced) AS s FROM orders').get()).toEqual({ n: N, s: N });
    db.close();
  });

  it('of the cloud API while it commits loses nothing and duplicates nothing', async () => {
    const org = await seedOrg(cloud.db);
    const user = await cloud.user('company_admin', org);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const cfg = testConfig();
    const env = { DATABASE_URL: cloud.pg.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', TOKEN_SECRET: cfg.tokenSecret, RATE_LIMIT_ANON_PER_MIN: '100000', RATE_LIMIT_USER_PER_MIN: '100000' };
    const startServer = async () => {
      const p = tsx('cloud-api/src/server.ts', [], env);
      for (let i = 0; i < 300; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        if (ok) return p;
        await sleep(50);
      }
      throw new Error('cloud API did not start');
    };
    const device = await makeDevice('killcloud', `http://127.0.0.1:${port}`, user.tokens.refreshToken);
    const N = 400;
    for (let i = 0; i < N; i++) {
      device.store.createOrder({ customer: { name: `Cloud kill ${i}` }, lines: [{ description: 'Acrylic 2 mm', quantity: 1, unitPriceIdr: 10_000 }], customerId: null, quoteId: null, shippingAddress: null, dueAt: null });
    }
    const killDelays = [150, 400, 800];
    const seen: number[] = [];
    for (const delay of killDelays) {
      const server = await startServer();
      const serverExit = exited(server);
      device.engine.setTransport(device.transport);
      const cycle = device.engine.syncNow();
      await sleep(delay);
      server.kill('SIGKILL');
      await serverExit;
      await cycle;
      seen.push((await orderStats(org)).orders);
    }
    // The batches committed before each kill stay, the one in flight is rolled back as a whole.
    expect(seen.some((n) => n < N)).toBe(true);
    const server = await startServer();
    expect(await syncOnce(device)).toBe(true);
    server.kill('SIGTERM');
    await exited(server);
    expect(await orderStats(org)).toEqual({ orders: N, distinct_ids: N, created_events: N });
    expect(device.store.outbox.count()).toBe(0);
    expect(device.db.prepare('SELECT count(*) AS n, sum(synced) AS s FROM orders').get()).toEqual({ n: N, s: N });
    const [dev] = await cloud.db.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM sync_devices WHERE device_id = $1', [device.store.state.deviceId()]);
    expect(Number(dev.last_mutation_id)).toBe(N);
    device.db.close();
  });
});
