// Signing keys for access tokens (Ed25519, EdDSA) kept in the database so every replica signs and verifies with
// the same set. The newest key signs; older keys stay valid for verification until every token they signed has
// expired, then they are retired. Private keys are sealed with TOKEN_SECRET at rest.
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { seal, unseal } from './crypto';

export const JWT_ALG = 'EdDSA';
const SEAL_PURPOSE = 'jwt-signing-key';
const CACHE_MS = 60_000;

interface KeyRow {
  kid: string;
  public_jwk: JWK;
  private_jwk: string;
  created_at: Date;
  retired_at: Date | null;
}

interface LoadedKey {
  kid: string;
  createdAt: Date;
  publicKey: CryptoKey;
  privateSealed: string;
}

export class SigningKeys {
  private keys: LoadedKey[] = [];
  private loadedAt = 0;
  private signer?: { kid: string; key: CryptoKey };

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly maxAgeS: number,
    private readonly accessTtlS: number,
  ) {}

  /** Creates a key when none is fresh enough; retires keys no token can still need. */
  async ensureCurrent(): Promise<void> {
    await this.load(true);
    const newest = this.keys[0];
    if (!newest || Date.now() - newest.createdAt.getTime() > this.maxAgeS * 1000) await this.rotate();
  }

  /** Adds a new signing key; the previous ones keep verifying until retired. */
  async rotate(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(JWT_ALG, { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: JWT_ALG, use: 'sig' };
    const privateJwk = JSON.stringify(await exportJWK(privateKey));
    await this.db.tx(async (q) => {
      await q.query('INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk) VALUES ($1, $2, $3::jsonb, $4)', [
        kid, JWT_ALG, JSON.stringify(publicJwk), seal(this.secret, SEAL_PURPOSE, privateJwk),
      ]);
      // Keys older than the newest-but-one can retire once their last token expired: retire with a delay.
      await q.query(
        `UPDATE signing_keys SET retired_at = now() + make_interval(secs => $2)
         WHERE kid <> $1 AND retired_at IS NULL`,
        [kid, this.accessTtlS + 60],
      );
    });
    await this.load(true);
    return kid;
  }

  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    await this.load(false);
    const newest = this.keys[0];
    if (!newest) throw new Error('no signing key: call ensureCurrent() at start');
    if (this.signer?.kid !== newest.kid) {
      const jwk = JSON.parse(unseal(this.secret, SEAL_PURPOSE, newest.privateSealed)) as JWK;
      this.signer = { kid: newest.kid, key: (await importJWK(jwk, JWT_ALG)) as CryptoKey };
    }
    return this.signer;
  }

  /** Public key for `kid`, reloading once if another replica rotated meanwhile. */
  async verificationKey(kid: string | undefined): Promise<CryptoKey | undefined> {
    if (!kid) return undefined;
    await this.load(false);
    let k = this.keys.find((x) => x.kid === kid);
    if (!k) {
      await this.load(true);
      k = this.keys.find((x) => x.kid === kid);
    }
    return k?.publicKey;
  }

  async publicJwks(): Promise<{ keys: JWK[] }> {
    const rows = await this.db.query<{ public_jwk: JWK }>(
      'SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL OR retired_at > now() ORDER BY created_at DESC',
    );
    return { keys: rows.map((r) => r.public_jwk) };
  }

  private async load(force: boolean): Promise<void> {
    if (!force && Date.now() - this.loadedAt < CACHE_MS) return;
    const rows = await this.db.query<KeyRow>(
      `SELECT kid, public_jwk, private_jwk, created_at, retired_at FROM signing_keys
       WHERE retired_at IS NULL OR retired_at > now() ORDER BY created_at DESC, kid`,
    );
    this.keys = await Promise.all(
      rows.map(async (r) => ({
        kid: r.kid,
        createdAt: new Date(r.created_at),
        publicKey: (await importJWK(r.public_jwk, JWT_ALG)) as CryptoKey,
        privateSealed: r.private_jwk,
      })),
    );
    this.loadedAt = Date.now();
  }
}
