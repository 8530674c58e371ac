import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { channels } from '../../src-shared/contract/index';
import { createHandlers } from '../services/handlers';
import { openDatabase } from '../store/database';
import { TaskRegistry } from '../services/task-registry';
import { invokeChannel, isTrustedSender, registerIpc } from './ipc';
import { resolveInside } from './resolve-inside';
import { contentSecurityPolicy, isAllowedNavigation, mainWindowOptions } from './window-options';

function fakeIpc() {
  const map = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return { handle: (name: string, fn: (event: unknown, ...args: unknown[]) => unknown) => void map.set(name, fn), map };
}

function handlers() {
  const db = openDatabase(':memory:');
  return createHandlers({ db, dataDir: '/tmp/x', shell: 'electron', appVersion: '0.0.0', now: () => new Date(0), tasks: new TaskRegistry(), broadcast: () => {}, onClose: () => {} });
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent }, sender: {} });

describe('Electron shell security', () => {
  it('creates windows isolated, sandboxed, without Node, with only our preload', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval/);
  });

  it('allows navigation only inside app://acrylichub', () => {
    expect(isAllowedNavigation('app://acrylichub/index.html#quote')).toBe(true);
    expect(isAllowedNavigation('https://evil.example/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });

  it('serves only files inside the renderer folder', () => {
    const root = '/opt/app/dist/renderer';
    expect(resolveInside(root, '/assets/index.js')).toBe(join(root, 'assets/index.js'));
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/../../etc/passwd')).toBeNull();
    expect(resolveInside(root, '/%2e%2e/%2e%2e/secret.txt')).toBeNull();
  });

  it('rejects calls from untrusted senders and bad input, and answers good calls', async () => {
    const ipc = fakeIpc();
    registerIpc(ipc as never, handlers(), () => {});
    const invoke = ipc.map.get(invokeChannel)!;
    expect(await invoke(frame('https://evil.example/'), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(frame('app://acrylichub/index.html', { url: 'app://acrylichub/' }), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke({ senderFrame: null, sender: {} }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const trusted = frame('app://acrylichub/index.html');
    expect(await invoke(trusted, 'no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invoke(trusted, 'settings.set', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await invoke(trusted, 'settings.set', { language: 'id', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await invoke(trusted, 42, {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await invoke(trusted, 'settings.set', { language: 'id' })).toMatchObject({ ok: true, result: { language: 'id' } });
    expect(isTrustedSender(trusted as never)).toBe(true);
  });

  it('has a handler for every channel of the contract', () => {
    const h = handlers();
    for (const name of Object.keys(channels)) expect(typeof (h as Record<string, unknown>)[name], name).toBe('function');
  });
});
