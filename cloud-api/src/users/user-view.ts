// The public shape of a user (never the password hash, MFA secrets or lockout counters).
import { z } from 'zod';
import { ROLES, type Role } from '../rbac/matrix';

export const UserView = z.object({
  id: z.string().uuid(),
  orgId: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  status: z.enum(['active', 'disabled', 'erased']),
  mfa: z.object({ totp: z.boolean(), sms: z.boolean() }),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  status: 'active' | 'disabled' | 'erased';
  totp_secret: string | null;
  sms_mfa: boolean;
  created_at: Date;
}

export const USER_COLUMNS = 'id, org_id, email, name, phone, role, status, totp_secret, sms_mfa, created_at';

export function userView(r: UserRow): UserView {
  return {
    id: r.id, orgId: r.org_id, email: r.email, name: r.name, phone: r.phone, role: r.role, status: r.status,
    mfa: { totp: Boolean(r.totp_secret), sms: r.sms_mfa }, createdAt: new Date(r.created_at).toISOString(),
  };
}
