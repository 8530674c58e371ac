// Every API route module, in one list. Adding a module (e.g. sync) is one line here.
import type { ZodApp } from './http/zod-app';
import type { AppDeps } from './deps';
import { authRoutes } from './auth/auth-routes';
import { mfaRoutes } from './auth/mfa-routes';
import { apiKeyRoutes } from './auth/api-key-routes';
import { organisationRoutes } from './users/organisation-routes';
import { userRoutes } from './users/user-routes';
import { catalogRoutes } from './catalog/catalog-routes';
import { orderRoutes } from './orders/order-routes';
import { auditRoutes } from './audit/audit-routes';
import { analyticsRoutes } from './analytics/analytics-routes';
import { privacyRoutes } from './privacy/privacy-routes';
import { fileRoutes } from './files/file-routes';
import { syncRoutes } from './sync/sync-routes';

export type RouteModule = (app: ZodApp, deps: AppDeps) => void | Promise<void>;

export const ROUTE_MODULES: readonly RouteModule[] = [
  authRoutes,
  mfaRoutes,
  apiKeyRoutes,
  organisationRoutes,
  userRoutes,
  catalogRoutes,
  orderRoutes,
  auditRoutes,
  analyticsRoutes,
  privacyRoutes,
  fileRoutes,
  syncRoutes,
];
