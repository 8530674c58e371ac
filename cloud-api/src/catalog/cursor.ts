// Opaque keyset cursors: base64url JSON {sort, last sort value, last id, filter fingerprint} with an HMAC tag, so
// clients cannot forge or tamper with them, and a cursor from one filter set cannot be replayed on another.
import { hmacB64url, safeEqual, sha256Hex } from '../auth/crypto';
import { errors } from '../http/errors';

export interface CursorState {
  sort: string;
  value: string;
  id: string;
}

const fingerprint = (filters: unknown) => sha256Hex(JSON.stringify(filters)).slice(0, 16);

export function encodeCursor(secret: string, state: CursorState, filters: unknown): string {
  const body = Buffer.from(JSON.stringify({ s: state.sort, v: state.value, i: state.id, f: fingerprint(filters) })).toString('base64url');
  return `${body}.${hmacB64url(secret, `cursor:${body}`).slice(0, 22)}`;
}

export function decodeCursor(secret: string, cursor: string, sort: string, filters: unknown): CursorState {
  const invalid = () => errors.badInput('invalid cursor', 'kursor tidak valid');
  const [body, tag] = cursor.split('.');
  if (!body || !tag || !safeEqual(tag, hmacB64url(secret, `cursor:${body}`).slice(0, 22))) throw invalid();
  let parsed: { s?: unknown; v?: unknown; i?: unknown; f?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed.v !== 'string' || typeof parsed.i !== 'string') throw invalid();
  if (parsed.s !== sort || parsed.f !== fingerprint(filters)) {
    throw errors.badInput('cursor does not match this sort and filter', 'kursor tidak cocok dengan urutan dan filter ini');
  }
  return { sort, value: parsed.v, id: parsed.i };
}
