// Issue 8 flow 4 in a real browser: with no cloud reachable, create an order and confirm it (both queued, "not
// synced yet"); then start the real cloud API (in-process, fresh PostgreSQL database), sign in through the sync
// panel with the password and the emailed code (read from the sender outbox like a mail catcher), sync, and see
// the order get its number and server state; finally move it on the server and see that state come back.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserApp } from '../support/browser-app';
import { startCloud, type CloudFixture } from '../../src-main/sync/test/cloud-fixture';
import { PASSWORD, bearer, lastCode, seedUser } from '../../cloud-api/test/helpers';

let cloud: CloudFixture | undefined;
const env = useBrowserApp({ teardown: async () => void (await cloud?.close()) });

const row = (page: Page) => page.getByTestId('orders-list').locator('tr').filter({ hasText: 'Toko Akrilik Jaya' });

describe('offline order and sync', () => {
  it('creates an order offline, signs in to the cloud, syncs it and shows its server number and state', async () => {
    const { page, errors } = await env.page();
    await page.goto(env.app.url);
    await page.getByTestId('nav-orders').click();

    // Offline: the order is kept locally, without a number, and the confirmation waits as a pending change.
    await page.getByTestId('order-customer').fill('Toko Akrilik Jaya');
    await page.getByTestId('order-line').first().fill('Acrylic sign 300 × 200 mm, 5 mm clear');
    await page.getByTestId('order-price').first().fill('150000');
    await page.getByTestId('order-create').click();
    // Attached, not visible: the "New order" panel closes itself once the first order exists, hiding this message.
    await page.getByTestId('order-status').waitFor({ state: 'attached' });
    expect(await page.getByTestId('order-status').textContent()).toBe('Order saved on this computer; it syncs when online.');
    await row(page).waitFor();
    expect(await row(page).textContent()).toMatch(/not synced yet/);
    expect(await row(page).getByTestId('order-state').textContent()).toBe('Draft');
    await page.getByTestId('order-detail').getByRole('button', { name: 'Confirmed' }).click();
    await expect.poll(() => row(page).getByTestId('order-state').textContent()).toMatch(/^Draft.*Confirmed/);
    await page.screenshot({ path: 'test-results/order-offline.png', fullPage: true });

    // The cloud comes up; a designer of the organisation signs in through the sync panel (password, then code).
    cloud = await startCloud({ listen: true });
    const user = await seedUser(cloud.db, cloud.orgId, 'designer');
    await page.getByTestId('sync-url').fill(cloud.url);
    await page.getByTestId('sync-email').fill(user.email);
    await page.getByTestId('sync-password').fill(PASSWORD);
    await page.getByTestId('sync-signin').click();
    await page.getByTestId('sync-code').waitFor();
    await page.getByTestId('sync-code').fill(await lastCode(cloud.db, user.email));
    await page.getByTestId('sync-signin').click();
    await page.getByTestId('sync-now').waitFor();

    // Sync: the server numbers the order and applies the confirmation.
    await page.getByTestId('sync-now').click();
    await expect.poll(() => row(page).textContent(), { timeout: 20_000 }).not.toMatch(/not synced yet/);
    expect(await row(page).getByTestId('order-state').textContent()).toBe('Confirmed');
    const [server] = await cloud.db.query<{ id: string; number: string; state: string }>('SELECT id, number, state FROM orders WHERE org_id = $1', [cloud.orgId]);
    expect(server.state).toBe('confirmed');
    expect(await row(page).locator('td').first().textContent()).toBe(server.number);
    await page.screenshot({ path: 'test-results/order-synced.png', fullPage: true });

    // The office moves the order on the server; the next sync brings the new state to the desktop.
    const admin = await cloud.user('company_admin');
    const moved = await fetch(`${cloud.url}/api/v1/orders/${server.id}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(admin.tokens) },
      body: JSON.stringify({ to: 'awaiting_payment' }),
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => row(page).getByTestId('order-state').textContent(), { timeout: 20_000 }).toBe('Awaiting payment');
    expect(await page.getByTestId('sync-indicator').textContent()).not.toMatch(/not signed in/i);
    await page.screenshot({ path: 'test-results/order-state-from-server.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
