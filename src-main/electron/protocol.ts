// Serves the built renderer from app://acrylichub/ (a standard, secure custom scheme) instead of file://, so the
// page has a real origin, a strict CSP header, and cannot read arbitrary files: paths are resolved inside the
// renderer folder and anything outside it is refused.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveInside } from './resolve-inside';
import { appHost, appScheme, contentSecurityPolicy } from './window-options';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? resolveInside(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
