// Saving a file the app produced (PDF, G-code, DXF, SVG): in the desktop app the native save dialog returns a
// path the service writes to; in browser mode the browser downloads it.
import type { ContractClient } from '../../../src-shared/contract/index';

export async function chooseSavePath(client: ContractClient, defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null | 'browser'> {
  try {
    const res = await client.invoke('dialog.save', { defaultName, filters: [filter] });
    return res.path;
  } catch {
    return 'browser';
  }
}

export function downloadBytes(name: string, data: Uint8Array | string, mime: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(bin);
}
