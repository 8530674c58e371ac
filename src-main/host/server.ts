// Browser mode: serves the built renderer and the same typed contract the Electron preload exposes, over
// HTTP (POST /api/invoke/<channel>, for scripts and curl) and a WebSocket (/ws: invoke + server pushes). Every
// call goes through dispatch(), so validation and errors are identical to Electron's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload, HandlerContext, Handlers } from '../../src-shared/contract/index';
import { dispatch } from '../services/dispatch';
import { checkApiAccess, isLoopback, newToken, type AccessPolicy } from './access';
import { wsMessageSchema, type WsServerMessage } from '../../src-shared/contract/ws-protocol';

export interface HostOptions {
  handlers: Handlers;
  /** Folder with the built renderer (index.html). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Token required on non-loopback addresses; generated when not given. */
  token?: string;
  /** Largest request body accepted, bytes. */
  maxBodyBytes?: number;
}

export interface RunningHost {
  url: string;
  /** The URL to open, with the token when one is needed. */
  openUrl: string;
  token: string | null;
  server: Server;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  const policy: AccessPolicy = { loopback, token: loopback ? null : (opts.token ?? newToken()) };
  const maxBody = opts.maxBodyBytes ?? 256 * 1024 * 1024;
  const sockets = new Set<WebSocket>();

  const send = (ws: WebSocket, msg: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const broadcast = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const ws of sockets) send(ws, { type: 'event', event, payload });
  };
  const ctx: HandlerContext = { emit: broadcast };

  const staticFiles = existsSync(opts.staticDir)
    ? sirv(opts.staticDir, { single: true, dev: false, etag: true, gzip: false })
    : null;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      void handleApi(req, res, url.pathname);
      return;
    }
    if (!staticFiles) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The renderer is not built (${opts.staticDir} is missing). Run: npm run build:renderer\n`);
      return;
    }
    setSecurityHeaders(res);
    staticFiles(req, res, () => {
      res.writeHead(404).end('Not found');
    });
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const denied = checkApiAccess(req, policy);
    if (denied) return json(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: denied } });
    const match = /^\/api\/invoke\/([\w.-]+)$/.exec(pathname);
    if (!match || req.method !== 'POST') {
      return json(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `Use POST /api/invoke/<channel>` } });
    }
    let body: unknown;
    try {
      body = await readJson(req, maxBody);
    } catch (err) {
      res.setHeader('connection', 'close');
      return json(res, err instanceof TooLarge ? 413 : 400, { ok: false, error: { code: 'BAD_INPUT', message: (err as Error).message } });
    }
    const result = await dispatch(opts.handlers, match[1], body, ctx);
    json(res, result.ok ? 200 : statusOf(result.error.code), result);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBody });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const denied = url.pathname === '/ws' ? checkApiAccess(req, policy) : 'Not found';
    if (denied) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\n${denied}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void onMessage(ws, data.toString()));
    });
  });

  async function onMessage(ws: WebSocket, text: string): Promise<void> {
    let msg;
    try {
      msg = wsMessageSchema.parse(JSON.parse(text));
    } catch {
      send(ws, { type: 'result', id: null, ok: false, error: { code: 'BAD_INPUT', message: 'Malformed message' } });
      return;
    }
    const result = await dispatch(opts.handlers, msg.channel, msg.input, ctx);
    send(ws, { type: 'result', id: msg.id, ...result });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    openUrl: policy.token ? `${url}?token=${policy.token}` : url,
    token: policy.token,
    server,
    broadcast,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function statusOf(code: string): number {
  return { BAD_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, UNAVAILABLE: 503, CANCELLED: 499 }[code] ?? 500;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

class TooLarge extends Error {}

function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep reading so the client gets the answer instead of a reset connection.
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge(`Request body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('Request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}
