import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../services/handlers';
import { TaskRegistry } from '../services/task-registry';
import { openDatabase } from '../store/database';
import { checkApiAccess } from './access';
import { startHost, type RunningHost } from './server';

let host: RunningHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(maxBodyBytes?: number) {
  const db = openDatabase(':memory:');
  const handlers = createHandlers({ db, dataDir: '/tmp', shell: 'browser', appVersion: '1.2.3', now: () => new Date(), tasks: new TaskRegistry(), broadcast: () => {}, onClose: () => {} });
  host = await startHost({ handlers, staticDir: '/nonexistent', port: 0, maxBodyBytes });
  return host;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('browser-mode host', () => {
  it('serves the contract over HTTP with schema validation', async () => {
    const h = await start();
    const res = await post(`${h.url}api/invoke/app.info`, '{}');
    expect(await res.json()).toMatchObject({ ok: true, result: { version: '1.2.3', shell: 'browser' } });
    const bad = await post(`${h.url}api/invoke/settings.set`, '{"units":"furlong"}');
    expect(bad.status).toBe(400);
    expect((await post(`${h.url}api/invoke/nope`, '{}')).status).toBe(404);
    expect((await post(`${h.url}api/invoke/app.info`, '{not json')).status).toBe(400);
    expect(h.token).toBeNull();
  });

  it('refuses bodies over the limit and says why', async () => {
    const h = await start(1000);
    const res = await post(`${h.url}api/invoke/settings.set`, JSON.stringify({ companyName: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/larger than 1000 bytes/);
  });

  it('says how to build the renderer when it is missing', async () => {
    const h = await start();
    const res = await fetch(h.url);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build:renderer/);
  });

  it('carries invokes and events over the WebSocket', async () => {
    const h = await start();
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}ws`);
    await new Promise((r) => ws.once('open', r));
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'settings.set', input: { language: 'id' } }));
    ws.send('garbage');
    h.broadcast('task.progress', { taskId: 't', kind: 'import', fraction: 0.5, done: false });
    await expect.poll(() => messages.length).toBe(3);
    expect(messages).toContainEqual({ type: 'result', id: 7, ok: true, result: expect.objectContaining({ language: 'id' }) });
    expect(messages).toContainEqual(expect.objectContaining({ type: 'result', id: null, ok: false }));
    expect(messages).toContainEqual({ type: 'event', event: 'task.progress', payload: { taskId: 't', kind: 'import', fraction: 0.5, done: false } });
    ws.close();
  });

  it('refuses cross-origin pages and DNS-rebinding host names', async () => {
    const h = await start();
    expect((await post(`${h.url}api/invoke/app.info`, '{}', { origin: 'http://evil.example' })).status).toBe(403);
    const rebinding = { headers: { host: 'evil.example:5180' }, url: '/api/invoke/app.info' } as unknown as IncomingMessage;
    expect(checkApiAccess(rebinding, { loopback: true, token: null })).toMatch(/not this machine/);
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}ws`, { headers: { origin: 'http://evil.example' } });
    await expect(new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); })).rejects.toThrow(/403/);
  });

  it('requires the token on a LAN address', () => {
    const policy = { loopback: false, token: 'secret-token' };
    const req = (extra: Record<string, string>, url = '/api/invoke/app.info') =>
      ({ headers: { host: '192.0.2.10:5180', ...extra }, url }) as unknown as IncomingMessage;
    expect(checkApiAccess(req({}), policy)).toMatch(/token/);
    expect(checkApiAccess(req({ authorization: 'Bearer wrong' }), policy)).toMatch(/token/);
    expect(checkApiAccess(req({ authorization: 'Bearer secret-token' }), policy)).toBeNull();
    expect(checkApiAccess(req({}, '/ws?token=secret-token'), policy)).toBeNull();
  });
});
