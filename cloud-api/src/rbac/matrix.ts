// The role → permission matrix as data. cloud-api/README.md shows the same table; rbac tests check both agree.
// Every route names one permission (route config `permission`), checked by the auth hook in rbac/guard.ts.

export const ROLES = ['super_admin', 'company_admin', 'designer', 'manufacturer', 'customer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'organisation.manage',
  'user.create',
  'user.read',
  'user.update',
  'apikey.manage',
  'product.read',
  'product.create',
  'product.manage',
  'order.read',
  'order.create',
  'order.process',
  'manufacturing.plan',
  'manufacturing.track',
  'analytics.view',
  'analytics.export',
  'audit.read',
  'personal_data.self',
  'file.upload',
  'file.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL = PERMISSIONS.filter((p) => p !== 'organisation.manage');

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  super_admin: PERMISSIONS,
  company_admin: ALL,
  designer: ['user.read', 'product.read', 'product.create', 'order.read', 'order.create', 'manufacturing.track', 'personal_data.self', 'file.upload', 'file.read'],
  manufacturer: ['user.read', 'product.read', 'order.read', 'manufacturing.track', 'personal_data.self', 'file.read'],
  customer: ['product.read', 'order.read', 'order.create', 'personal_data.self', 'file.upload'],
  viewer: ['user.read', 'product.read', 'order.read', 'analytics.view', 'personal_data.self', 'file.read'],
};

/** Roles that only see their own orders (rows where they are the customer). */
export const OWN_ORDERS_ONLY: ReadonlySet<Role> = new Set(['customer']);

/** A role may only grant roles at or below its own rank (mass-assignment guard for user create/update). */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  super_admin: 100,
  company_admin: 80,
  designer: 40,
  manufacturer: 40,
  customer: 10,
  viewer: 10,
};

const SETS = Object.fromEntries(ROLES.map((r) => [r, new Set<string>(ROLE_PERMISSIONS[r])])) as unknown as Record<Role, ReadonlySet<string>>;

export function permissionsOf(role: Role): ReadonlySet<string> {
  return SETS[role];
}

export function roleHas(role: Role, permission: Permission): boolean {
  return SETS[role].has(permission);
}
