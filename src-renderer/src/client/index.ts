// Picks the transport once: the Electron preload bridge when present, otherwise the browser-mode WebSocket
// (with the LAN access token from the page URL, kept for the session). The UI only sees ContractClient.
import type { ContractClient } from '../../../src-shared/contract/index';
import { createBridgeClient, type PreloadBridge } from './bridge-client';
import { createWsClient } from './ws-client';

declare global {
  interface Window {
    acrylichub?: PreloadBridge;
  }
}

function browserModeUrl(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) sessionStorage.setItem('acrylichub.token', fromUrl);
  const token = fromUrl ?? sessionStorage.getItem('acrylichub.token');
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function createClient(): ContractClient {
  return window.acrylichub ? createBridgeClient(window.acrylichub) : createWsClient(browserModeUrl());
}
