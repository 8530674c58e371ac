// The mutation types a desktop may queue offline, with the zod schema of each one's arguments. Quotes and
// customers merge last-writer-wins per field (every upsert carries the hybrid logical clock of the edit); orders
// are server-authoritative (create, then state transitions checked by the shared state machine on the server);
// designs only ever gain revisions. Payment states are never entered through the offline queue.
import { addressSchema, orderCustomerSchema } from '../orders/schemas';
import { z } from 'zod';
import { ORDER_STATES, type OrderState } from '../orders/state-machine';
import { isHlc } from './hlc';

const hlc = z.string().refine(isHlc, 'not a hybrid logical clock');
const nullableText = (max: number) => z.string().max(max).nullable();

export const customerFieldsSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.string().email().max(254).nullable(),
    phone: nullableText(30),
    company: nullableText(200),
    address: nullableText(1000),
    notes: nullableText(5000),
    deleted: z.boolean(),
  })
  .partial()
  .strict();
export type CustomerFields = z.infer<typeof customerFieldsSchema>;

export const quoteLineSchema = z
  .object({
    description: z.string().trim().min(1).max(500),
    quantity: z.number().int().min(1).max(100_000),
    unitPriceIdr: z.number().int().min(0).max(1e12),
  })
  .strict();
export type QuoteLine = z.infer<typeof quoteLineSchema>;

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined'] as const;

export const quoteFieldsSchema = z
  .object({
    /** The quote number shown to the customer (Q-YYYY-CCCC-NNNNNN from the quote service, see quote-number.ts). */
    number: z.string().max(40),
    /** When the quote was saved on its device, and whether its price needs a manual review. */
    createdAt: z.string().datetime(),
    manualReview: z.boolean(),
    title: z.string().trim().min(1).max(200),
    customerId: z.string().uuid().nullable(),
    customerName: z.string().max(200),
    designName: z.string().max(200),
    machineId: nullableText(100),
    currency: z.string().length(3),
    designId: z.string().uuid().nullable(),
    materialId: nullableText(100),
    thicknessMm: z.number().positive().max(100).nullable(),
    quantity: z.number().int().min(1).max(100_000),
    finishing: nullableText(200),
    notes: nullableText(5000),
    lines: z.array(quoteLineSchema).max(200),
    totalIdr: z.number().int().min(0).max(1e13).nullable(),
    status: z.enum(QUOTE_STATUSES),
    validUntil: z.string().datetime().nullable(),
    deleted: z.boolean(),
  })
  .partial()
  .strict();
export type QuoteFields = z.infer<typeof quoteFieldsSchema>;

const lwwArgs = <T extends z.ZodTypeAny>(fields: T) =>
  z
    .object({ id: z.string().uuid(), hlc, fields })
    .strict()
    .refine((a) => Object.keys(a.fields as object).length > 0, 'an upsert must change at least one field');

export { addressSchema, orderCustomerSchema };

/** Entering these states moves money: only online, never from the offline queue. */
export const PAYMENT_STATES: ReadonlySet<OrderState> = new Set(['awaiting_payment', 'paid', 'refunded']);

export const mutationArgSchemas = {
  'customer.upsert': lwwArgs(customerFieldsSchema),
  'quote.upsert': lwwArgs(quoteFieldsSchema),
  'order.create': z
    .object({
      id: z.string().uuid(),
      customerId: z.string().uuid().nullable().default(null),
      customer: orderCustomerSchema,
      quoteId: z.string().uuid().nullable().default(null),
      lines: z.array(quoteLineSchema).min(1).max(200),
      shippingAddress: addressSchema.nullable().default(null),
      dueAt: z.string().datetime().nullable().default(null),
    })
    .strict(),
  'order.transition': z
    .object({ orderId: z.string().uuid(), to: z.enum(ORDER_STATES), note: z.string().max(1000).optional() })
    .strict()
    .refine((a) => !PAYMENT_STATES.has(a.to), { message: 'payment states are never entered offline', path: ['to'] }),
  'design.addRevision': z
    .object({
      designId: z.string().uuid(),
      revisionId: z.string().uuid(),
      name: z.string().trim().min(1).max(200),
      /** The design body (paths, layers, units) as saved by the design library. */
      body: z.record(z.unknown()),
    })
    .strict(),
} as const;

/** The field schemas of the last-writer-wins upserts (validated field by field on the server, see validate.ts). */
export const lwwFieldSchemas = { 'customer.upsert': customerFieldsSchema, 'quote.upsert': quoteFieldsSchema } as const;

export type MutationType = keyof typeof mutationArgSchemas;
export const MUTATION_TYPES = Object.keys(mutationArgSchemas) as MutationType[];
export type MutationArgs<T extends MutationType> = z.output<(typeof mutationArgSchemas)[T]>;

export function isMutationType(t: string): t is MutationType {
  return Object.prototype.hasOwnProperty.call(mutationArgSchemas, t);
}

/** Record kinds a pull returns. */
export const RECORD_KINDS = ['customer', 'quote', 'design_revision', 'order'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
