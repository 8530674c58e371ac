// JWT access tokens (15 minutes by default) signed with the current EdDSA key and a `kid` header. Verification
// pins the algorithm, issuer, audience and token type, so `alg: none`, HMAC-with-public-key confusion, foreign
// keys, expired and wrong-audience tokens are all refused. A verified token is remembered until it expires, so
// its signature is checked once, not on every request.
import { LRUCache } from 'lru-cache';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Role } from '../rbac/matrix';
import { JWT_ALG, type SigningKeys } from './signing-keys';

export interface AccessClaims {
  userId: string;
  orgId: string;
  role: Role;
  sessionId: string;
}

export interface AccessTokenOptions {
  issuer: string;
  audience: string;
  ttlS: number;
}

const TYP = 'at+jwt';

export async function issueAccessToken(keys: SigningKeys, opts: AccessTokenOptions, c: AccessClaims): Promise<string> {
  const { kid, key } = await keys.signingKey();
  return new SignJWT({ org: c.orgId, role: c.role, sid: c.sessionId })
    .setProtectedHeader({ alg: JWT_ALG, kid, typ: TYP })
    .setSubject(c.userId)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt()
    .setExpirationTime(`${opts.ttlS}s`)
    .setJti(randomUUID())
    .sign(key);
}

export class InvalidAccessToken extends Error {}

interface Verified {
  claims: AccessClaims;
  expiresAtMs: number;
}

/** Verifies access tokens, remembering the valid ones (at most 5 minutes, never past their `exp`). */
export class AccessTokenVerifier {
  private readonly memo = new LRUCache<string, Verified>({ max: 20_000 });

  constructor(
    private readonly keys: SigningKeys,
    private readonly opts: AccessTokenOptions,
  ) {}

  async verify(token: string): Promise<AccessClaims> {
    const hit = this.memo.get(token);
    if (hit && hit.expiresAtMs > Date.now()) return hit.claims;
    const v = await verifyAccessToken(this.keys, this.opts, token);
    this.memo.set(token, v, { ttl: Math.max(1, Math.min(v.expiresAtMs - Date.now(), 300_000)) });
    return v.claims;
  }
}

async function verifyAccessToken(keys: SigningKeys, opts: AccessTokenOptions, token: string): Promise<Verified> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(
      token,
      async (header) => {
        const key = await keys.verificationKey(header.kid);
        if (!key) throw new InvalidAccessToken('unknown signing key');
        return key;
      },
      { algorithms: [JWT_ALG], issuer: opts.issuer, audience: opts.audience, typ: TYP, requiredClaims: ['sub', 'exp', 'iat'] },
    ));
  } catch (err) {
    if (err instanceof InvalidAccessToken) throw err;
    const why = err instanceof joseErrors.JWTExpired ? 'token expired' : err instanceof joseErrors.JOSEError ? err.code : 'malformed token';
    throw new InvalidAccessToken(why);
  }
  const { sub, org, role, sid, exp } = payload as JWTPayload & { org?: unknown; role?: unknown; sid?: unknown };
  if (typeof sub !== 'string' || typeof org !== 'string' || typeof role !== 'string' || typeof sid !== 'string') {
    throw new InvalidAccessToken('token is missing claims');
  }
  return { claims: { userId: sub, orgId: org, role: role as Role, sessionId: sid }, expiresAtMs: exp! * 1000 };
}
