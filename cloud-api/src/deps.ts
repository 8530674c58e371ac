// The services every route module receives. Built once per app by buildApp(); tests can pass their own Db.
import type { AppConfig } from './config';
import type { Db } from './db/db';
import type { OutboxDelivery } from './auth/delivery';
import type { SigningKeys } from './auth/signing-keys';
import type { RefreshTokens } from './auth/refresh-tokens';
import type { AccessTokenVerifier } from './auth/access-tokens';
import type { SessionCache } from './auth/session-cache';
import type { NotifiedCache } from './http/notified-cache';
import type { OrderScope } from './orders/order-cache';

export interface AppDeps {
  config: AppConfig;
  db: Db;
  keys: SigningKeys;
  refresh: RefreshTokens;
  accessTokens: AccessTokenVerifier;
  /** Checked sessions; call `forgetUser` after committing a change to a user's sessions, role or status. */
  sessions: SessionCache;
  /** Serialized product list pages by organisation; call `forget(orgId)` after committing a product change. */
  productPages: NotifiedCache<null>;
  /** Serialized orders by order id; call `forget(orderId)` after committing a change to an order or its lines. */
  orderViews: NotifiedCache<OrderScope>;
  /** Call `kick()` after queueing a message so this process delivers it now (when it delivers at all). */
  delivery: OutboxDelivery;
}
