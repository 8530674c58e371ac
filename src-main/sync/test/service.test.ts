// The sync channels end to end through the contract dispatcher against the real cloud API: two-step sign-in with
// the emailed code, offline orders, payments refused until the order has synced and the device is online, the
// rejections list and retry, sign-out.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lastCode, PASSWORD } from '../../../cloud-api/test/helpers';
import { openDatabase } from '../../store/database';
import { dispatch } from '../../services/dispatch';
import type { CoreDeps } from '../../services/core-deps';
import { TaskRegistry } from '../../services/task-registry';
import { createSyncHandlers } from '../handlers';
import { FileSecretStore } from '../secret-store';
import { SyncService } from '../sync-service';
import { startCloud, type CloudFixture } from './cloud-fixture';
import type { Handlers } from '../../../src-shared/contract/index';
import { seedUser } from '../../../cloud-api/test/helpers';

let cloud: CloudFixture;
beforeAll(async () => {
  cloud = await startCloud({ listen: true });
});
afterAll(() => cloud?.close());

it('signs in, takes an order offline, refuses payment until synced, reports and retries a rejection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ah-sync-service-'));
  const db = openDatabase(join(dir, 'acrylichub.db'));
  const closers: (() => unknown)[] = [];
  const events: unknown[] = [];
  const deps: CoreDeps = { db, dataDir: dir, shell: 'browser', appVersion: 't', now: () => new Date(), tasks: new TaskRegistry(), broadcast: (_e, p) => events.push(p), onClose: (fn) => closers.push(fn) };
  const secrets = new FileSecretStore(join(dir, 'secrets.json'), { en: 'file fallback', id: 'berkas' });
  const service = new SyncService(db, dir, deps.now, { secrets: Promise.resolve(secrets), background: false });
  const handlers = createSyncHandlers(deps, service) as unknown as Handlers;
  const call = async (channel: string, input: unknown) => {
    const r = await dispatch(handlers, channel, input, { emit: () => {} });
    return r;
  };

  const status0 = await call('sync.status', {});
  expect(status0).toMatchObject({ ok: true, result: { signedIn: false, pending: 0, secretStore: { kind: 'file', warning: { en: 'file fallback' } } } });

  const order = await call('orders.create', { customer: { name: 'Sari' }, lines: [{ description: 'Sign 60×40', quantity: 1, unitPriceIdr: 450_000 }] });
  expect(order).toMatchObject({ ok: true, result: { state: 'draft', synced: false, number: null, totalIdr: 499_500 } });
  const id = (order as { result: { id: string } }).result.id;
  expect(await call('orders.transition', { id, to: 'awaiting_payment' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/waits/) } });

  const user = await seedUser(cloud.db, cloud.orgId, 'designer');
  const step1 = await call('sync.login', { cloudUrl: cloud.url, email: user.email, password: PASSWORD });
  expect(step1).toMatchObject({ ok: true, result: { signedIn: false, factors: ['email_code'] } });
  const challengeId = (step1 as { result: { challengeId: string } }).result.challengeId;
  expect(await call('sync.login', { cloudUrl: cloud.url, email: user.email, challengeId, emailCode: await lastCode(cloud.db, user.email) })).toMatchObject({ ok: true, result: { signedIn: true } });
  expect(await secrets.get(`refresh:${user.email}@${new URL(cloud.url).host}`)).toMatch(/.{20,}/);

  await call('orders.transition', { id, to: 'confirmed' });
  const after = await call('sync.now', {});
  expect(after).toMatchObject({ ok: true, result: { signedIn: true, online: true, pending: 0, rejections: 0 } });
  expect(await call('orders.get', { id })).toMatchObject({ ok: true, result: { state: 'confirmed', synced: true, pendingState: null, number: expect.stringMatching(/^AH-/) } });
  // A designer may confirm (order.create) but not cancel a confirmed order (order.process): rejected, reported.
  await call('orders.transition', { id, to: 'cancelled' });
  expect(await call('orders.get', { id })).toMatchObject({ ok: true, result: { state: 'confirmed', pendingState: 'cancelled' } });
  await call('sync.now', {});
  const rej = await call('sync.rejections', {});
  expect(rej).toMatchObject({ ok: true, result: [{ type: 'order.transition', code: 'forbidden', recordId: id, message: { en: expect.stringMatching(/order.process/), id: expect.any(String) } }] });
  expect(await call('orders.get', { id })).toMatchObject({ ok: true, result: { state: 'confirmed', pendingState: null } });
  // Online and synced: the payment step goes through the online order API, not the queue (designer: forbidden).
  expect(await call('orders.transition', { id, to: 'awaiting_payment' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const mutationId = (rej as { result: { mutationId: number }[] }).result[0].mutationId;
  expect(await call('sync.retry', { mutationId })).toMatchObject({ ok: true, result: { mutationId: expect.any(Number) } });
  expect(await call('sync.retry', { mutationId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(events.length).toBeGreaterThan(0);

  expect(await call('sync.logout', {})).toMatchObject({ ok: true, result: { signedOut: true } });
  expect(await secrets.get(`refresh:${user.email}@${new URL(cloud.url).host}`)).toBeNull();
  expect(await call('sync.now', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  for (const fn of closers) await fn();
  db.close();
});
