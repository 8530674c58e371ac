// Who may talk to the browser-mode host. On loopback only this machine can connect, but a web page in any
// browser tab could still try (DNS rebinding, cross-site requests), so the Host and Origin headers must name the
// host itself. On any other address a workshop LAN can reach it, so every API call must also carry the token
// printed at start.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\./.test(host);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface AccessPolicy {
  /** null when no token is needed (loopback binding). */
  token: string | null;
  loopback: boolean;
}

function tokenFrom(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const url = new URL(req.url ?? '/', 'http://x');
  return url.searchParams.get('token');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Returns null when the request may reach the API, otherwise the reason it may not. */
export function checkApiAccess(req: IncomingMessage, policy: AccessPolicy): string | null {
  const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (policy.loopback && !isLoopback(hostHeader)) return `Host "${req.headers.host}" is not this machine`;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'Malformed Origin header';
    }
    if (originHost !== req.headers.host) return `Cross-origin request from ${origin} refused`;
  }
  if (policy.token) {
    const given = tokenFrom(req);
    if (!given || !sameToken(given, policy.token)) return 'Missing or wrong access token';
  }
  return null;
}
