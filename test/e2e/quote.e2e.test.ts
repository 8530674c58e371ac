// Issue 8 flow 2 in a real browser: quote a saved design, change material and quantity and see the price
// change, save the quote and export its PDF (a browser download in browser mode).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/browser-app';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'dxf', 'vzbot_back_acrylic_panel_inkscape.dxf');
const env = useBrowserApp({
  setup: async () => {
    const imported = await env.invoke('files.import', { path: fixture });
    await env.invoke('designs.save', { name: 'VZBot panel', paths: imported.paths, layers: imported.layers, units: imported.units, findings: imported.findings });
  },
});

describe('quote flow', () => {
  it('prices live, reacts to material and quantity, saves and exports a PDF', async () => {
    const { page } = await env.page({ acceptDownloads: true });
    await page.goto(`${env.app.url}#quote`);
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
