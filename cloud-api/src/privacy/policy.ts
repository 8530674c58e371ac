// What personal data is kept how long (UU PDP No. 27/2022, GDPR) and what tax law forces us to keep: UU KUP
// art. 28 requires books and records, including invoices, for 10 years. Used by erasure and the retention job.

export const RETENTION = {
  /** Sent email/SMS (they contain sign-in codes and addresses). */
  senderOutboxDays: 7,
  /** Finished or expired sign-in challenges. */
  loginChallengeDays: 1,
  /** Expired or used password reset codes. */
  passwordResetDays: 1,
  /** Refresh tokens and families after they expired or were revoked. */
  refreshTokenDays: 30,
  /** Tax records: order amounts, lines and billing identity. */
  taxRecordYears: 10,
} as const;

/** Kept after a user asks for erasure, and why. */
export const KEPT_FOR_TAX = ['order numbers, dates, lines and amounts', 'billing name and address on orders'] as const;
/** Erased when a user asks. */
export const ERASED = ['name, email and phone on the account', 'password hash, TOTP secret, recovery codes and password reset codes', 'sessions and API keys',
  'contact email/phone and shipping address on orders', 'pending and sent messages'] as const;
