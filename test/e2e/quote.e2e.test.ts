// Issue 8 flow 2 in a real browser: quote a saved design, change material and quantity and see the price
// change, save the quote and export its PDF (a browser download in browser mode).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startBrowserModeProcess, type BrowserModeProcess } from '../support/browser-mode-process';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'dxf', 'vzbot_back_acrylic_panel_inkscape.dxf');
let app: BrowserModeProcess;
let browser: Browser;

async function invoke(channel: string, input: unknown) {
  const res = await fetch(new URL(`/api/invoke/${channel}`, app.url), { method: 'POST', body: JSON.stringify(input) });
  const body = await res.json();
  if (!body.ok) throw new Error(body.error.message);
  return body.result;
}

beforeAll(async () => {
  app = await startBrowserModeProcess();
  browser = await launchChromium();
  const imported = await invoke('files.import', { path: fixture });
  await invoke('designs.save', { name: 'VZBot panel', paths: imported.paths, layers: imported.layers, units: imported.units, findings: imported.findings });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('quote flow', () => {
  it('prices live, reacts to material and quantity, saves and exports a PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await page.goto(`${app.url}#quote`);
    const total = page.getByTestId('quote-total');
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).toMatch(/IDR|Rp/);
    const first = await total.textContent();

    await page.getByTestId('quote-qty').fill('10');
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).not.toBe(first);
    const ten = await total.textContent();

    const materials = await page.getByTestId('quote-material').locator('option').allTextContents();
    expect(materials.length).toBeGreaterThan(1);
    await page.getByTestId('quote-material').selectOption({ index: 1 });
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).not.toBe(ten);
    expect(await page.getByTestId('quote-lines').textContent()).toMatch(/waste.*×.*Rp/);
    expect(await page.locator('main').textContent()).toMatch(/PPN\sIDR\s[\d,]+/);
    await page.screenshot({ path: 'test-results/quote-live.png', fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByTestId('quote-pdf').click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.getByTestId('quotes-list').textContent()).toMatch(/Q-\d{4}-\d{6}/);
  });
});
