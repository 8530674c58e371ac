// Opaque refresh tokens (7 days) stored only as SHA-256 hashes, grouped in families (one per login). Every use
// rotates: the child token is derived as HMAC(TOKEN_SECRET, parent), so a retry of the same parent inside the
// grace window can be answered with the very same child without storing any plaintext. Presenting a used token
// after the grace window (or after its child was used) is reuse: the whole family is revoked and audited.
import type { Db, Queryable } from '../db/db';
import { appendAudit } from '../audit/audit';
import { hmacB64url, randomToken, sha256Hex } from './crypto';

export interface RefreshConfig {
  ttlS: number;
  graceS: number;
  secret: string;
}

export type RotateResult =
  | { ok: true; token: string; familyId: string; userId: string; orgId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  | { ok: false; reason: 'reuse_detected'; /** whose family was revoked */ userId: string };

interface TokenRow {
  id: string;
  family_id: string;
  used_at: Date | null;
  expires_at: Date;
  user_id: string;
  org_id: string;
  revoked_at: Date | null;
}

const childOf = (secret: string, parent: string) => hmacB64url(secret, `refresh-child:${parent}`);

export class RefreshTokens {
  constructor(
    private readonly db: Db,
    private readonly cfg: RefreshConfig,
  ) {}

  /** Starts a new family (a login) and returns its first token. */
  async startFamily(q: Queryable, userId: string, orgId: string): Promise<{ token: string; familyId: string }> {
    const [fam] = await q.query<{ id: string }>('INSERT INTO refresh_families (user_id, org_id) VALUES ($1, $2) RETURNING id', [userId, orgId]);
    const token = randomToken(32);
    await this.insert(q, fam.id, token, null);
    return { token, familyId: fam.id };
  }

  async rotate(presented: string, ctx: { ip?: string; requestId?: string }): Promise<RotateResult> {
    return this.db.tx(async (q) => {
      const [row] = await q.query<TokenRow>(
        `SELECT t.id, t.family_id, t.used_at, t.expires_at, f.user_id, f.org_id, f.revoked_at
         FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
         WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [sha256Hex(presented)],
      );
      if (!row) return { ok: false, reason: 'unknown' } as const;
      if (row.revoked_at) return { ok: false, reason: 'revoked' } as const;
      if (new Date(row.expires_at).getTime() <= Date.now()) return { ok: false, reason: 'expired' } as const;
      const child = childOf(this.cfg.secret, presented);
      const ok = { ok: true, token: child, familyId: row.family_id, userId: row.user_id, orgId: row.org_id } as const;
      if (!row.used_at) {
        await q.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
        await this.insert(q, row.family_id, child, row.id);
        return ok;
      }
      const [c] = await q.query<{ used_at: Date | null }>('SELECT used_at FROM refresh_tokens WHERE parent_id = $1', [row.id]);
      const withinGrace = Date.now() - new Date(row.used_at).getTime() <= this.cfg.graceS * 1000;
      if (withinGrace && c && !c.used_at) return ok;
      await this.revokeFamilies(q, 'family_id', row.family_id, 'reuse_detected');
      await appendAudit(q, {
        orgId: row.org_id, actorId: row.user_id, actorKind: 'user', action: 'auth.refresh_reuse_detected',
        targetType: 'refresh_family', targetId: row.family_id, ip: ctx.ip, requestId: ctx.requestId,
      });
      return { ok: false, reason: 'reuse_detected', userId: row.user_id } as const;
    });
  }

  /** Revokes one family (logout) or every family of a user (log out everywhere); returns how many. */
  revokeFamilies(q: Queryable, by: 'family_id' | 'user_id', id: string, reason: string): Promise<number> {
    const where = by === 'family_id' ? 'id = $1' : 'user_id = $1';
    return q
      .query(`UPDATE refresh_families SET revoked_at = now(), revoke_reason = $2 WHERE ${where} AND revoked_at IS NULL RETURNING id`, [id, reason])
      .then((r) => r.length);
  }

  private async insert(q: Queryable, familyId: string, token: string, parentId: string | null): Promise<void> {
    await q.query(
      `INSERT INTO refresh_tokens (family_id, token_hash, parent_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [familyId, sha256Hex(token), parentId, this.cfg.ttlS],
    );
  }
}
