// The warnings follow the drawing: after an edit they are checked again in a worker and the list changes with
// the geometry (deleting everything clears the duplicate-segment warnings; undo brings them back), while the
// file's own findings stay.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, useBrowserApp } from '../support/browser-app';

const env = useBrowserApp();
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'dxf');

describe('findings after edits', () => {
  it('rechecks the warnings when the drawing changes, and again on undo', async () => {
    const { page, errors } = await env.page({ height: 900 });
    await page.goto(env.app.url);
    await importFile(page, join(fixtures, 'vzbot_back_acrylic_panel_inkscape.dxf'), '2 parts');
    const title = page.locator('#findings-title');
    expect(await title.textContent()).toMatch(/\(8\)/);

    await page.getByTestId('plan-view').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect.poll(() => title.textContent()).toMatch(/\(0\)/);
    expect(await page.getByTestId('findings-checking').count()).toBe(0);

    await page.keyboard.press('Control+z');
    await expect.poll(() => title.textContent()).toMatch(/\(8\)/);
    expect(await page.getByTestId('findings').locator('li').first().textContent()).toMatch(/DUPLICATE_SEGMENT/);
    expect(errors).toEqual([]);
  });
});
