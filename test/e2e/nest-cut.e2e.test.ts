// Issue 8 flow 3 in a real browser: import a real DXF and save it, nest copies of it on a sheet, accept the nest,
// add a serial machine on a real pty (socat) whose other end is the Grbl emulator (accelerated clock), connect,
// generate G-code from the accepted nest, start the job, watch its progress reach done and find it in history.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, saveDesign, useBrowserApp } from '../support/browser-app';
import { startEmulator } from '../../src-main/machines/test/harness';
import type { PtyPair } from '../grbl-emulator/pty-pair';
import type { GrblEmulator } from '../grbl-emulator/emulator';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'dxf', 'vzbot_back_acrylic_panel_inkscape.dxf');
let rig: { pty: PtyPair; emulator: GrblEmulator };
const env = useBrowserApp({
  setup: async () => {
    rig = await startEmulator({ timeScale: 400 });
  },
  teardown: async () => {
    await rig?.emulator.close();
    await rig?.pty.dispose();
  },
});

describe('nest and cut flow', () => {
  it('nests a saved design, accepts the nest, cuts sheet 1 on the emulated laser and lists the job in history', async () => {
    const { page, errors } = await env.page();
    await page.goto(env.app.url);

    // A saved design to nest.
    await importFile(page, fixture, '2 parts');
    await saveDesign(page, 'VZBot back panel');

    // Nest 2 copies (4 parts) on 1000 × 800 mm sheets for 2 s, then accept the nest.
    await page.getByTestId('nav-nest').click();
    await page.getByTestId('nest-qty').first().fill('2');
    await page.getByTestId('nest-width').fill('1000');
    await page.getByTestId('nest-height').fill('800');
    await page.getByTestId('nest-seconds').fill('2');
    await page.getByTestId('nest-start').click();
    await expect.poll(() => page.getByTestId('nest-status').textContent(), { timeout: 30_000 }).toMatch(/^Done: \d+(\.\d)? % of the used sheets covered, \d+ sheet/);
    expect(await page.getByTestId('nest-check').textContent()).toBe('No overlaps.');
    expect(await page.getByTestId('nest-sheet').count()).toBeGreaterThan(0);
    await page.getByTestId('nest-use').click();
    await page.screenshot({ path: 'test-results/nest-accepted.png' });

    // The emulated laser on the pty.
    await page.getByTestId('nav-machines').click();
    await page.locator('summary').filter({ hasText: /add/i }).click();
    await page.getByTestId('machine-port').fill(rig.pty.hostPath);
    await page.getByTestId('machine-add').click();
    await page.getByTestId('machine-card').waitFor();
    await page.getByTestId('machine-connect').click();
    await expect.poll(() => page.getByTestId('machine-state').textContent(), { timeout: 15_000 }).toMatch(/Idle/);

    // G-code from the accepted nest, then the job to done.
    await page.getByTestId('gcode-from-nest').click();
    await page.getByTestId('gcode-info').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('gcode-info').textContent()).toMatch(/^\d+ lines · ≈ /);
    await expect.poll(() => page.getByTestId('gcode-loaded').textContent()).toMatch(/nest-sheet-1\.gcode · \d+/);
    const lines = Number((await page.getByTestId('gcode-loaded').textContent())!.match(/· (\d+)/)![1]);
    expect(lines).toBeGreaterThan(20);
    await page.getByTestId('job-start').click();
    await page.getByTestId('job-progress').waitFor();
    await page.screenshot({ path: 'test-results/job-running.png' });
    const progress = () => page.getByTestId('job-progress').textContent();
    await expect.poll(progress, { timeout: 60_000, interval: 250 }).toMatch(/done|selesai/i);
    const [, acked, total] = (await progress())!.match(/100 % · (\d+)\/(\d+) lines/)!;
    expect(Number(acked)).toBe(Number(total));

    const history = page.getByTestId('jobs-table').last();
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toMatch(/nest-sheet-1\.gcode/);
    const row = history.locator('tr').filter({ hasText: 'nest-sheet-1.gcode' }).first();
    expect(await row.textContent()).toMatch(/(\d+)\/\1/);
    await page.screenshot({ path: 'test-results/job-done.png', fullPage: true });

    // The emulated controller took every line of the job exactly once, without an error or an RX overflow.
    expect(rig.emulator.gcodeLineCount).toBe(Number(total));
    expect(rig.emulator.errorCount).toBe(0);
    expect(rig.emulator.overflows).toBe(0);
    // Known, reported defect: machines.ports rejects with "spawn udevadm ENOENT" where udev is absent (this
    // machine) and AddMachineForm does not catch it; the port is typed in instead. Any other page error fails.
    expect(errors).toEqual([]);
  });
});
