// The foundation flow in a real browser: browser mode starts, the app loads, the language switches to
// Indonesian through the contract, a setting is saved, and after a reload everything is still there.
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/browser-app';

const env = useBrowserApp();

describe('foundation in the browser', () => {
  it('loads, switches language, saves a setting and keeps both after a reload', async () => {
    const { page, errors } = await env.page({ width: 1280, height: 720 });
    await page.goto(env.app.url);
    await expect.poll(() => page.getByTestId('shell-kind').textContent()).toBe('Browser mode');
    await expect.poll(() => page.getByTestId('nav-designs').textContent()).toBe('Designs');
    await page.getByTestId('designs-empty').waitFor();

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('setting-language').selectOption('id');
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toBe('Pengaturan');
    await page.getByTestId('setting-company').fill('CV Akrilik Jaya');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Tersimpan');

    await page.reload();
    await expect.poll(() => page.getByTestId('nav-designs').textContent()).toBe('Desain');
    await page.getByTestId('nav-settings').click();
    expect(await page.getByTestId('setting-company').inputValue()).toBe('CV Akrilik Jaya');
    expect(await page.getByTestId('setting-language').inputValue()).toBe('id');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    await page.screenshot({ path: 'test-results/foundation-settings-id.png', fullPage: true });

    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByTestId('area-designs').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('answers the contract over HTTP for scripts, with the same validation', async () => {
    const ok = await fetch(new URL('/api/invoke/settings.get', env.app.url), { method: 'POST', body: '{}' });
    expect((await ok.json()).result.companyName).toBe('CV Akrilik Jaya');
    const bad = await fetch(new URL('/api/invoke/designs.get', env.app.url), { method: 'POST', body: '{"id":"nope"}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('BAD_INPUT');
  });
});
