// Channels of offline-first sync: status and "sync now", sign-in to the cloud (two steps: password, then the
// emailed/TOTP code) and sign-out, the list of rejected mutations with a retry, and orders taken offline (list,
// create, get, transition). Entering a payment state needs a live connection: offline it answers UNAVAILABLE and
// the order waits. The `sync.status` event carries every status change.
import { z } from 'zod';
import { channel, event } from '../define';
import { ORDER_STATES } from '../../orders/state-machine';
import { addressSchema, orderCustomerSchema, quoteLineSchema } from '../../sync/mutations';

const bilingual = z.object({ en: z.string(), id: z.string() });

export const syncStatusSchema = z.object({
  signedIn: z.boolean(),
  online: z.boolean(),
  syncing: z.boolean(),
  pending: z.number().int(),
  rejections: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  nextRetryAt: z.string().nullable(),
  account: z.object({ cloudUrl: z.string(), email: z.string() }).nullable(),
  deviceId: z.string(),
  /** Where the sign-in token is kept; `warning` explains a fallback to a private file. */
  secretStore: z.object({ kind: z.enum(['keychain', 'file']), warning: bilingual.nullable() }),
});
export type SyncStatusView = z.infer<typeof syncStatusSchema>;

export const rejectionSchema = z.object({
  mutationId: z.number().int(),
  type: z.string(),
  recordKind: z.string().nullable(),
  recordId: z.string().nullable(),
  code: z.string(),
  message: bilingual,
  at: z.string(),
  retriedAs: z.number().int().nullable(),
});

export const localOrderSchema = z.object({
  id: z.string().uuid(),
  number: z.string().nullable(),
  /** The state the server confirmed (draft for an order not yet synced). */
  state: z.enum(ORDER_STATES),
  /** A transition queued offline and not yet confirmed by the server. */
  pendingState: z.enum(ORDER_STATES).nullable(),
  synced: z.boolean(),
  customer: orderCustomerSchema,
  customerId: z.string().nullable(),
  quoteId: z.string().nullable(),
  subtotalIdr: z.number().int().nullable(),
  taxIdr: z.number().int().nullable(),
  totalIdr: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LocalOrder = z.infer<typeof localOrderSchema>;

export const localOrderDetailSchema = localOrderSchema.extend({
  shippingAddress: addressSchema.nullable(),
  dueAt: z.string().nullable(),
  lines: z.array(z.object({ position: z.number().int(), description: z.string(), quantity: z.number().int(), unitPriceIdr: z.number().int(), lineTotalIdr: z.number().int().nullable() })),
  events: z.array(z.object({ kind: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), note: z.string().nullable(), at: z.string() })),
});
export type LocalOrderDetail = z.infer<typeof localOrderDetailSchema>;

const empty = z.object({}).strict();

export const syncChannels = {
  'sync.status': channel({ description: 'Sync status: signed in, online, pending changes, last sync, errors.', input: empty, output: syncStatusSchema }),
  'sync.now': channel({ description: 'Push and pull now; resolves when the cycle ends.', input: empty, output: syncStatusSchema }),
  'sync.login': channel({
    description: 'Sign in to the cloud. Step 1 (password) returns a challenge; step 2 (challengeId + codes) stores the token.',
    input: z
      .object({
        cloudUrl: z.string().url().max(500),
        email: z.string().email().max(254),
        password: z.string().min(1).max(1024).optional(),
        challengeId: z.string().uuid().optional(),
        emailCode: z.string().regex(/^\d{6}$/).optional(),
        totpCode: z.string().regex(/^\d{6}$/).optional(),
        smsCode: z.string().regex(/^\d{6}$/).optional(),
        recoveryCode: z.string().max(32).optional(),
      })
      .strict()
      .refine((i) => (i.challengeId ? Boolean(i.emailCode) : Boolean(i.password)), 'give the password (step 1) or challengeId and emailCode (step 2)'),
    output: z.object({ signedIn: z.boolean(), challengeId: z.string().optional(), factors: z.array(z.string()).optional() }),
  }),
  'sync.logout': channel({ description: 'Sign out of the cloud and forget the stored token (queued changes stay).', input: empty, output: z.object({ signedOut: z.boolean() }) }),
  'sync.rejections': channel({
    description: 'Changes the cloud refused, newest first, with the reason.',
    input: z.object({ includeRetried: z.boolean().default(false) }).strict(),
    output: z.array(rejectionSchema),
  }),
  'sync.retry': channel({
    description: 'Queue a refused change again (an edit gets a new clock).',
    input: z.object({ mutationId: z.number().int().positive() }).strict(),
    output: z.object({ mutationId: z.number().int() }),
  }),
  'orders.list': channel({
    description: 'Orders on this device (taken offline or synced), newest first.',
    input: z.object({ state: z.enum(ORDER_STATES).optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(localOrderSchema),
  }),
  'orders.create': channel({
    description: 'Create a draft order (works offline; the cloud assigns its number when it syncs).',
    input: z
      .object({
        customer: orderCustomerSchema,
        customerId: z.string().uuid().nullable().default(null),
        quoteId: z.string().uuid().nullable().default(null),
        lines: z.array(quoteLineSchema).min(1).max(200),
        shippingAddress: addressSchema.nullable().default(null),
        dueAt: z.string().datetime().nullable().default(null),
      })
      .strict(),
    output: localOrderDetailSchema,
  }),
  'orders.get': channel({ description: 'One order with its lines and history.', input: z.object({ id: z.string().uuid() }).strict(), output: localOrderDetailSchema }),
  'orders.transition': channel({
    description: 'Move an order to another state (queued offline; payment states only online, once the order is synced).',
    input: z.object({ id: z.string().uuid(), to: z.enum(ORDER_STATES), note: z.string().max(1000).optional() }).strict(),
    output: localOrderDetailSchema,
  }),
};

export const syncEvents = {
  'sync.status': event({ description: 'The sync status changed.', payload: syncStatusSchema }),
};
