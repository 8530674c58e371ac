// What the order cache (GET /api/v1/orders/:id, deps.orderViews) needs beyond the generic NotifiedCache: the
// topic migration 009 announces order changes on, the key (the view differs only by what the caller may do:
// allowedTransitions), and the scope check a cached order must pass, the same rules as the SQL of a read.
import type { Principal } from '../rbac/principal';

export const ORDER_TOPIC = 'order';

export interface OrderScope {
  orgId: string;
  customerUserId: string | null;
}

/** Users by role (one permission set per role), API keys by their scopes. */
export const orderViewKey = (orderId: string, p: Principal): string =>
  `${orderId} ${p.role ? `role:${p.role}` : `scopes:${[...p.permissions].join(',')}`}`;

/** Same organisation, and customers only their own orders. */
export const orderInScope = (s: OrderScope, p: Principal): boolean =>
  s.orgId === p.orgId && (!p.ownOrdersOnly || s.customerUserId === p.userId);
