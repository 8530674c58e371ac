// Account lockout with exponential backoff: after `maxFailures` consecutive failed logins the account locks for
// base · 2^(extra failures) seconds, capped at one day. Pure so the schedule is unit-tested directly.

export interface LockoutPolicy {
  maxFailures: number;
  lockBaseS: number;
}

export const MAX_LOCK_S = 24 * 3600;

/** Seconds to lock after reaching `failures` consecutive failures (0 = no lock). */
export function lockSeconds(failures: number, p: LockoutPolicy): number {
  if (failures < p.maxFailures) return 0;
  return Math.min(MAX_LOCK_S, p.lockBaseS * 2 ** Math.min(20, failures - p.maxFailures));
}
