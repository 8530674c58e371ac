// Password hashing with argon2id at the OWASP minimum (m = 19 MiB, t = 2, p = 1) via @node-rs/argon2 (prebuilt,
// runs off the event loop). A fixed dummy hash keeps "no such user" as slow as "wrong password".
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

let dummy: Promise<string> | undefined;

/** Verifies `password` against `stored`; with no stored hash it still spends the same time and returns false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('dummy password for timing');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

export const PASSWORD_MIN_LENGTH = 12;
