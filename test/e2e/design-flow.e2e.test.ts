// Issue 8 flow 1 in a real browser: import a real DXF, see its part count and warnings, edit it (move, rotate,
// add text), undo and redo, save, reload the app and find the saved design with its edits.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importFile, saveDesign, useBrowserApp } from '../support/browser-app';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'dxf', 'vzbot_back_acrylic_panel_inkscape.dxf');
const env = useBrowserApp();

const undoCount = (page: Page) => page.getByTestId('undo').isDisabled();

describe('designer flow', () => {
  it('imports, edits, undoes/redoes, saves and finds the design after a reload', async () => {
    const { page, errors } = await env.page({ height: 900 });
    await page.goto(env.app.url);
    await importFile(page, fixture, '2 parts');
    expect(await page.getByTestId('findings').locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/design-imported.png' });

    // Select everything, move it 10 mm right with the keyboard, rotate it 90°.
    await page.getByTestId('plan-view').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.getByTestId('editor-counts').textContent()).toMatch(/10 selected/);
    const sizeBefore = await page.getByTestId('editor-counts').textContent();
    await page.keyboard.press('Shift+ArrowRight');
    await page.getByTestId('rotate').click();
    const sizeAfter = await page.getByTestId('editor-counts').textContent();
    expect(sizeAfter).not.toBe(sizeBefore);
    expect(sizeBefore).toMatch(/500 mm × 328\.6\d* mm/);
    expect(sizeAfter).toMatch(/328\.6\d* mm × 500 mm/);

    // Undo the rotation, redo it.
    await page.getByTestId('undo').click();
    expect(await page.getByTestId('editor-counts').textContent()).toBe(sizeBefore);
    await page.getByTestId('redo').click();
    expect(await page.getByTestId('editor-counts').textContent()).toBe(sizeAfter);

    // Add text with the text tool (real font outlines).
    await page.getByTestId('tool-text').click();
    await page.getByTestId('plan-view').click({ position: { x: 300, y: 640 } });
    await page.getByTestId('text-input').fill('AKRILIK');
    await expect.poll(() => page.getByTestId('text-preview').locator('path').count()).toBeGreaterThan(0);
    await page.getByTestId('text-add').click();
    await expect.poll(() => page.getByTestId('editor-counts').textContent()).toMatch(/paths/);
    expect(await undoCount(page)).toBe(false);

    await saveDesign(page, 'VZBot back panel');
    await page.screenshot({ path: 'test-results/design-edited.png' });

    await page.reload();
    await page.getByTestId('designs-list').waitFor();
    expect(await page.getByTestId('designs-list').textContent()).toMatch(/VZBot back panel/);
    await page.getByTestId('design-open').first().click();
    await page.getByTestId('plan-view').waitFor();
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.getByTestId('editor-counts').textContent()).toMatch(/19 paths · 19 selected · 328\.6\d* mm × \d/);
    // The 3D acrylic preview renders the parts extruded (WebGL through SwiftShader).
    await page.getByTestId('toggle-3d').click();
    await page.getByTestId('preview-3d').locator('canvas').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/design-3d.png' });
    expect(errors).toEqual([]);
  });
});
