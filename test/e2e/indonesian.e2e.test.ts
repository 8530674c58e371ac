// Issue 8 check 5: with the UI in Indonesian, no English UI string is left on the main screens. Every visible
// text on each area is compared with the English strings that differ from their Indonesian translation.
import { describe, expect, it } from 'vitest';
import { resources } from '../../src-renderer/src/i18n/resources';
import { useBrowserApp } from '../support/browser-app';

const env = useBrowserApp();

const english = new Set(
  Object.entries(resources.en)
    .filter(([key, en]) => resources.id[key] !== en && !en.includes('{{') && en.length > 2)
    .map(([, en]) => en),
);

describe('Indonesian UI', () => {
  it('shows no English UI string on the main screens', async () => {
    await env.invoke('settings.set', { language: 'id' });
    const { page } = await env.page({ width: 1280, height: 720 });
    await page.goto(env.app.url);
    await expect.poll(() => page.getByTestId('nav-designs').textContent()).toBe('Desain');
    const leftovers: string[] = [];
    for (const area of ['designs', 'quote', 'nest', 'machines', 'orders', 'settings']) {
      await page.getByTestId(`nav-${area}`).click();
      await page.getByTestId(`area-${area}`).waitFor();
      await page.waitForTimeout(300);
      const texts = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const el = walker.currentNode.parentElement;
          const text = walker.currentNode.textContent?.trim();
          if (text && el && el.offsetParent !== null) out.push(text);
        }
        for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
          for (const attr of ['placeholder', 'aria-label', 'title']) {
            const v = el.getAttribute(attr);
            if (v) out.push(v);
          }
        }
        return out;
      });
      for (const text of texts) if (english.has(text)) leftovers.push(`${area}: "${text}"`);
      await page.screenshot({ path: `test-results/id-${area}.png`, fullPage: true });
    }
    expect(leftovers).toEqual([]);
  });
});
