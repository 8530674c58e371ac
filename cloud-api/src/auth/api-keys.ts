// API keys for integrations: `ahk_<prefix>_<secret>`, shown once, stored as SHA-256 of the whole key (the key is
// 256-bit random, so a fast hash suffices). Each key carries scopes (a subset of its creator's permissions) and a
// rate-limit tier.
import type { Queryable } from '../db/db';
import { randomToken, safeEqual, sha256Hex } from './crypto';
import { randomBytes } from 'node:crypto';

export const API_KEY_TIERS = { free: 60, standard: 600, enterprise: 6000 } as const;
export type ApiKeyTier = keyof typeof API_KEY_TIERS;

export interface ApiKeyIdentity {
  id: string;
  orgId: string;
  scopes: string[];
  tier: ApiKeyTier;
  createdBy: string;
}

const FORMAT = /^ahk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(8).toString('hex');
  const key = `ahk_${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: sha256Hex(key) };
}

export async function findApiKey(q: Queryable, presented: string): Promise<ApiKeyIdentity | null> {
  const m = FORMAT.exec(presented);
  if (!m) return null;
  const [row] = await q.query<{ id: string; org_id: string; scopes: string[]; tier: ApiKeyTier; key_hash: string; created_by: string }>(
    'SELECT id, org_id, scopes, tier, key_hash, created_by FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL',
    [m[1]],
  );
  if (!row || !safeEqual(row.key_hash, sha256Hex(presented))) return null;
  return { id: row.id, orgId: row.org_id, scopes: row.scopes, tier: row.tier, createdBy: row.created_by };
}
