// What every browser test needs: the real browser-mode host process on a fresh data folder and Debian Chromium,
// started before the file's tests and stopped after; plus a page that records uncaught page errors.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startBrowserModeProcess, type BrowserModeProcess } from './browser-mode-process';

export interface BrowserApp {
  app: BrowserModeProcess;
  browser: Browser;
  /** A new page (1440 × 1000 unless given) and the list its uncaught errors go to. */
  page(opts?: { width?: number; height?: number; acceptDownloads?: boolean }): Promise<{ page: Page; errors: string[] }>;
  /** Calls a contract channel over HTTP, throwing the contract error's message. */
  invoke(channel: string, input: unknown): Promise<any>;
}

export function useBrowserApp(extra: { setup?: () => Promise<void>; teardown?: () => Promise<void> } = {}): BrowserApp {
  const env = {} as BrowserApp;
  beforeAll(async () => {
    env.app = await startBrowserModeProcess();
    env.browser = await launchChromium();
    await extra.setup?.();
  });
  afterAll(async () => {
    await extra.teardown?.();
    await env.browser?.close();
    await env.app?.stop();
  });
  env.page = async (opts = {}) => {
    const page = await env.browser.newPage({ viewport: { width: opts.width ?? 1440, height: opts.height ?? 1000 }, acceptDownloads: opts.acceptDownloads });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  };
  env.invoke = async (channel, input) => {
    const res = await fetch(new URL(`/api/invoke/${channel}`, env.app.url), { method: 'POST', body: JSON.stringify(input) });
    const body = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(body.error!.message);
    return body.result;
  };
  return env;
}

/** Imports a file through the Designs area's file input and waits for the editor to show its part count. */
export async function importFile(page: Page, file: string, parts: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('plan-view').waitFor();
  await expect.poll(() => page.getByTestId('editor-parts').textContent()).toBe(parts);
}

/** Names the open design and saves it as its first revision. */
export async function saveDesign(page: Page, name: string): Promise<void> {
  await page.getByTestId('design-name').fill(name);
  await page.getByTestId('editor-save').click();
  await expect.poll(() => page.getByTestId('editor-status').textContent()).toMatch(/revision 1/);
}
