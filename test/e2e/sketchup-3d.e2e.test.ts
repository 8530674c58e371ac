// Issue 8 item 3: a SketchUp COLLADA export opens with its panels laid out flat for cutting, and the 3D preview
// shows them assembled in place.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/browser-app';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'sketchup', 'tqec_logical_cnot_su8.dae');
const env = useBrowserApp();

describe('SketchUp import', () => {
  it('lays the panels out flat and shows the model assembled in 3D', async () => {
    const { page, errors } = await env.page();
    await page.goto(env.app.url);
    await page.getByTestId('import-file').setInputFiles(fixture);
    await page.getByTestId('plan-view').waitFor();
    await expect.poll(() => page.getByTestId('editor-counts').textContent()).toMatch(/paths/);
    await page.getByTestId('toggle-3d').click();
    expect(await page.getByTestId('assembled').isChecked()).toBe(true);
    await page.getByTestId('preview-3d').locator('canvas').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/sketchup-assembled.png' });
    expect(errors).toEqual([]);
  });
});
