// TOTP (RFC 6238, SHA-1, 6 digits, 30 s) through `otpauth`, with replay protection: a code is accepted only for
// a time step later than the last accepted one. Recovery codes are random, shown once, stored as hashes.
import { Secret, TOTP } from 'otpauth';
import { randomInt } from 'node:crypto';
import { sha256Hex } from './crypto';

const PERIOD = 30;
const ISSUER = 'AcrylicHub Pro';

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export function totpUri(secretB32: string, account: string): string {
  return new TOTP({ issuer: ISSUER, label: account, secret: Secret.fromBase32(secretB32), period: PERIOD }).toString();
}

/** Returns the accepted time step, or null when the code is wrong or was already used (step ≤ lastStep). */
export function acceptTotp(secretB32: string, code: string, lastStep: number, nowMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secretB32), period: PERIOD });
  const delta = totp.validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(nowMs / 1000 / PERIOD) + delta;
  return step > lastStep ? step : null;
}

export const RECOVERY_CODE_COUNT = 10;

/** Ten codes like `k3f9q-2mx7d`: about 49 bits each from an unambiguous 31-letter alphabet. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export const hashRecoveryCode = (code: string): string => sha256Hex(code.trim().toLowerCase());
