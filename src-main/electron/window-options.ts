// The security settings of every AcrylicHub window, in one place so a test can assert them: isolated, sandboxed,
// no Node in the page, only our preload, no remote content.
import type { BrowserWindowConstructorOptions } from 'electron';

export const appScheme = 'app';
export const appHost = 'acrylichub';
export const appOrigin = `${appScheme}://${appHost}`;

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'AcrylicHub Pro',
    show: false,
    backgroundColor: '#15181c',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** Only our own app:// pages may navigate, and only to themselves (hash changes). */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${appScheme}:` && u.host === appHost;
  } catch {
    return false;
  }
}
