// `npm run bench:ui`: the browser-mode UI in Debian Chromium (SwiftShader WebGL, flags of test/support/chromium),
// driven by Playwright. (1) Time to first render: navigation start → the app shell visible, in a fresh browser
// context each round (nothing cached), beside the time the HTML document itself took (the floor any page pays).
// Goal (issue 8): < 2 s. (2) Frames per second while panning the largest DXF fixture in the 2D plan: a
// requestAnimationFrame loop calls the plan's `panBy()` every frame for BENCH_PAN_MS and counts the frames the
// plan scene actually rendered (its onFrame hook), beside the same loop on an empty plan in the same run.
// Goal: ≥ 30 fps. Medians of BENCH_ROUNDS page loads.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium';
import { startBrowserModeProcess } from '../test/support/browser-mode-process';
// @ts-expect-error plain ESM script without type declarations
import { ensureRenderer } from '../scripts/ensure-renderer.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PAN_MS = Number(process.env.BENCH_PAN_MS ?? 3000);
const root = join(import.meta.dirname, '..');
const dxfDir = join(root, 'test', 'fixtures', 'dxf');
const largest = readdirSync(dxfDir)
  .filter((f) => f.toLowerCase().endsWith('.dxf'))
  .map((f) => ({ f, size: statSync(join(dxfDir, f)).size }))
  .sort((a, b) => b.size - a.size)[0];

interface PanResult { fps: number; frames: number; seconds: number; worstFrameMs: number; p95FrameMs: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => `${v.toFixed(0)} ms`;

/** One cold load in a fresh context: ms from navigation start to the shell on screen, and to the HTML loaded. */
async function firstRender(browser: Browser, url: string): Promise<{ shell: number; html: number; fcp: number | null }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const shell = await (await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="area-designs"]');
    return el && (el as HTMLElement).offsetHeight > 0 ? performance.now() : null;
  }, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue() as number;
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { html: nav.responseEnd, fcp: fcp ? fcp.startTime : null };
  });
  await context.close();
  return { shell, ...timing };
}

/**
 * Pans the current plan every animation frame for `duration` ms and counts the frames the scene rendered. The page
 * code is a plain string: tsx (esbuild keepNames) would wrap inner functions of a TS callback in a `__name` helper
 * that does not exist in the page.
 */
const panScript = `async (duration) => {
  const scene = window.__acrylichubPlan;
  if (!scene) throw new Error('window.__acrylichubPlan is missing: the 2D plan is not on screen');
  const stamps = [];
  const previous = scene.onFrame;
  scene.onFrame = () => { stamps.push(performance.now()); if (previous) previous(); };
  const start = performance.now();
  await new Promise((done) => {
    function tick(now) {
      if (now - start >= duration) return done();
      scene.panBy(3, Math.sin(now / 250) * 3);
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  });
  const seconds = (performance.now() - start) / 1000;
  scene.onFrame = previous;
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  return {
    fps: stamps.length / seconds,
    frames: stamps.length,
    seconds,
    worstFrameMs: gaps.length ? gaps[gaps.length - 1] : 0,
    p95FrameMs: gaps.length ? gaps[Math.floor(gaps.length * 0.95)] : 0,
  };
}`;

/** How many animation frames the page gets at all in `duration` ms (no drawing): the frame budget of this browser. */
const rafScript = `(duration) => new Promise((done) => {
  let n = 0;
  const start = performance.now();
  function tick(now) {
    if (now - start >= duration) return done(n / ((now - start) / 1000));
    n++;
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})`;

/** Milliseconds one full redraw of the plan takes until its pixels can be read back (the GPU process, here SwiftShader, has drawn it). */
const drawCostScript = `(rounds) => {
  const s = window.__acrylichubPlan;
  const gl = s.renderer.getContext();
  const times = [];
  const pixel = new Uint8Array(4);
  for (let i = 0; i < rounds; i++) {
    s.panBy(3, 1);
    const t = performance.now();
    s.renderer.render(s.scene, s.camera);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    times.push(performance.now() - t);
  }
  const info = s.renderer.info.render;
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], calls: info.calls, lines: info.lines, width: gl.drawingBufferWidth, height: gl.drawingBufferHeight, samples: gl.getParameter(gl.SAMPLES) };
}`;

const rafRate = (page: Page, duration: number) => page.evaluate(`(${rafScript})(${Number(duration)})`) as Promise<number>;
interface DrawCost { ms: number; calls: number; lines: number; width: number; height: number; samples: number }
const drawCost = (page: Page, rounds: number) => page.evaluate(`(${drawCostScript})(${Number(rounds)})`) as Promise<DrawCost>;
const describeCost = (c: DrawCost) => `${ms(c.ms)} (${c.calls} draw calls, ${c.lines} line segments, ${c.width}×${c.height} px, ${c.samples}× MSAA)`;

function panPlan(page: Page, duration: number): Promise<PanResult> {
  return page.evaluate(`(${panScript})(${Number(duration)})`) as Promise<PanResult>;
}

/**
 * Pans with real input instead: middle-button drags by Playwright's mouse (events go through the page's own
 * pointer handlers), for `duration` ms, counting the frames the scene rendered meanwhile.
 */
async function dragPlan(page: Page, duration: number): Promise<{ fps: number; frames: number; moves: number }> {
  await page.evaluate(`(() => {
    const s = window.__acrylichubPlan;
    window.__benchFrames = 0;
    window.__benchPrevious = s.onFrame;
    s.onFrame = () => { window.__benchFrames++; if (window.__benchPrevious) window.__benchPrevious(); };
  })()`);
  const box = (await page.getByTestId('plan-view').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  const start = Date.now();
  let moves = 0;
  while (Date.now() - start < duration) {
    moves++;
    await page.mouse.move(cx + 120 * Math.sin(moves / 15), cy + 60 * Math.cos(moves / 15));
  }
  await page.mouse.up({ button: 'middle' });
  const seconds = (Date.now() - start) / 1000;
  const frames = (await page.evaluate(`(() => {
    const s = window.__acrylichubPlan;
    s.onFrame = window.__benchPrevious;
    return window.__benchFrames;
  })()`)) as number;
  return { fps: frames / seconds, frames, moves };
}

async function openEmptyPlan(page: Page): Promise<void> {
  await page.getByTestId('design-new').click();
  await page.getByTestId('plan-view').waitFor();
}

async function openLargestFixture(page: Page): Promise<string> {
  await page.getByTestId('import-file').setInputFiles(join(dxfDir, largest.f));
  const units = page.getByTestId('units-ok');
  await Promise.race([page.getByTestId('plan-view').waitFor({ timeout: 120_000 }), units.waitFor({ timeout: 120_000 })]);
  if (await units.isVisible()) await units.click();
  await page.getByTestId('plan-view').waitFor();
  await page.waitForTimeout(500);
  return (await page.getByTestId('editor-counts').textContent()) ?? '';
}

const describePan = (r: PanResult) =>
  `${r.fps.toFixed(1)} fps (${r.frames} frames in ${r.seconds.toFixed(2)} s, p95 frame ${r.p95FrameMs.toFixed(1)} ms, worst ${r.worstFrameMs.toFixed(1)} ms)`;

ensureRenderer(root);
const app = await startBrowserModeProcess();
app.child.stderr!.on('data', (d) => process.stderr.write(`[host] ${d}`));
let stopping = false;
app.child.once('exit', (code, signal) => stopping || console.error(`browser-mode host exited early (${code ?? signal})`));
const browser = await launchChromium();
try {
  console.log(`UI benchmark: Chromium ${browser.version()} (SwiftShader), browser-mode host at ${app.url}, ${ROUNDS} rounds`);

  await firstRender(browser, app.url); // warm the host's file cache and the browser's code cache
  const loads: Awaited<ReturnType<typeof firstRender>>[] = [];
  for (let i = 0; i < ROUNDS; i++) loads.push(await firstRender(browser, app.url));
  const shell = median(loads.map((l) => l.shell));
  const html = median(loads.map((l) => l.html));
  const fcps = loads.map((l) => l.fcp).filter((v): v is number => v !== null);
  console.log(`\nTime to first render (navigation start → app shell visible), median of ${ROUNDS} fresh contexts:`);
  console.log(`  app shell         ${ms(shell)}  (min ${ms(Math.min(...loads.map((l) => l.shell)))}, max ${ms(Math.max(...loads.map((l) => l.shell)))})`);
  if (fcps.length) console.log(`  first paint (FCP) ${ms(median(fcps))}`);
  console.log(`  baseline: HTML document loaded ${ms(html)}; shell / HTML = ${(shell / Math.max(html, 1)).toFixed(1)}×`);
  console.log(`  goal < 2000 ms: ${shell < 2000 ? 'met' : 'NOT met'} (${(shell / 2000 * 100).toFixed(0)} % of the budget)`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(app.url);
  const raf = await rafRate(page, 1000);
  await openEmptyPlan(page);
  const empty = await panPlan(page, PAN_MS);
  const emptyDrag = await dragPlan(page, PAN_MS);
  const emptyCost = await drawCost(page, 15);
  await page.goto(app.url);
  await page.getByTestId('import-file').waitFor({ state: 'attached' });
  const t0 = Date.now();
  const counts = await openLargestFixture(page);
  const importSeconds = (Date.now() - t0) / 1000;
  const big = await panPlan(page, PAN_MS);
  const bigDrag = await dragPlan(page, PAN_MS);
  const bigCost = await drawCost(page, 15);
  await page.screenshot({ path: join(root, 'test-results', 'bench-ui-pan.png') });
  await context.close();

  console.log(`\nPanning the 2D plan (panBy every animation frame for ${(PAN_MS / 1000).toFixed(1)} s):`);
  console.log(`  largest fixture   ${largest.f} (${(largest.size / 1e6).toFixed(2)} MB; ${counts}; import to plan ${importSeconds.toFixed(1)} s)`);
  console.log(`                    ${describePan(big)}`);
  console.log(`  baseline: empty   ${describePan(empty)}`);
  console.log(`  ratio largest / empty = ${(big.fps / Math.max(empty.fps, 1e-9) * 100).toFixed(0)} %`);
  console.log(`  with middle-button mouse drags: largest ${bigDrag.fps.toFixed(1)} fps (${bigDrag.frames} frames, ${bigDrag.moves} moves), empty ${emptyDrag.fps.toFixed(1)} fps (${emptyDrag.frames} frames, ${emptyDrag.moves} moves)`);
  console.log(`  frame budget: the page gets ${raf.toFixed(1)} animation frames/s with nothing to draw`);
  console.log(`  one redraw (render + 1-pixel readback, median of 15):`);
  console.log(`    largest ${describeCost(bigCost)} → at most ${(1000 / bigCost.ms).toFixed(1)} fps from drawing alone`);
  console.log(`    empty   ${describeCost(emptyCost)} → at most ${(1000 / emptyCost.ms).toFixed(1)} fps`);
  console.log(`  machine load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} on ${cpus().length} cores (other work shares the CPU with SwiftShader)`);
  console.log(`  goal ≥ 30 fps: ${big.fps >= 30 ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  stopping = true;
  await app.stop();
}
