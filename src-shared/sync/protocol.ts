// The wire protocol between a desktop and the cloud (Replicache-style push/pull). Push carries the device's
// mutations in order, each with a device-increasing mutationId and a globally unique idempotency key; the server
// answers one result per mutation (applied, duplicate or rejected with a reason) and the device's
// lastMutationId. Pull returns every record and tombstone whose per-organisation version is above the cursor,
// the device's lastMutationId (so the device drops acknowledged outbox rows) and the rejections it has not yet
// seen. A device may send its next batch while the previous one is in flight, naming the previous batch's last
// mutation id in `after`; the server applies it only after that one (device row lock, then the check).
// The first upsert of a record a device made carries `creates`, a hint that spares the server a look-up; the
// server never trusts it for correctness (a record that exists fails the insert, and the batch is applied again).
// The envelope is validated as a whole; each mutation's arguments are validated one by one on the server so
// one bad mutation is rejected with a reason while the rest of the batch goes through.
import { z } from 'zod';
import { RECORD_KINDS } from './mutations';

/** Mutations in one push request; a device whose batch is larger gets 413 and halves it. */
export const MAX_PUSH_MUTATIONS = 1000;
export const MAX_PULL_ROWS = 5000;
export const DEFAULT_PULL_ROWS = 1000;

export const bilingualSchema = z.object({ en: z.string(), id: z.string() });
export type Bilingual = z.infer<typeof bilingualSchema>;

export const REJECTION_CODES = [
  'bad_input',
  'unknown_type',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'payment_requires_online',
  'clock_skew',
  'too_large',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
export const rejectionReasonSchema = z.object({ code: z.enum(REJECTION_CODES), message: bilingualSchema });
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

export const mutationEnvelopeSchema = z.object({
  mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  idempotencyKey: z.string().min(8).max(100),
  type: z.string().max(100),
  args: z.unknown(),
  clientTime: z.string().max(40),
  /** The first change of a record the device made: the server may take the record for new without looking it up
   * (a wrong hint fails the insert, and the batch is applied again reading every record). */
  creates: z.boolean().optional(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export const pushRequestSchema = z.object({
  deviceId: z.string().uuid(),
  mutations: z.array(mutationEnvelopeSchema).min(1).max(MAX_PUSH_MUTATIONS),
  /** A pipelined batch, sent while the previous one is in flight: apply it only once the device's last_mutation_id
   * has reached this id, otherwise answer 409 (the previous batch has not been applied yet) and apply nothing. */
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.object({
  mutationId: z.number().int(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  reason: rejectionReasonSchema.optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema), lastMutationId: z.number().int() });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** The cursor is the organisation's version the device has seen (0 = nothing yet), written as a decimal string. */
export const cursorSchema = z.string().regex(/^\d{1,18}$/, 'cursor must be a version number');

export const pullQuerySchema = z.object({
  deviceId: z.string().uuid(),
  cursor: cursorSchema.default('0'),
  /** Rejections above this mutation id are returned (the device's last cleared outbox id). */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_ROWS).default(DEFAULT_PULL_ROWS),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pulledRowSchema = z.object({
  kind: z.enum(RECORD_KINDS),
  id: z.string().uuid(),
  version: z.number().int(),
  /** The record as the server holds it (fields for LWW kinds, the order document for orders). */
  doc: z.record(z.unknown()),
  /** Per-field clocks of LWW kinds. */
  clocks: z.record(z.string()).optional(),
});
export type PulledRow = z.infer<typeof pulledRowSchema>;

/** A deleted record. Deletion wins over concurrent edits: later upserts of a deleted record are rejected. */
export const tombstoneSchema = z.object({ kind: z.enum(RECORD_KINDS), id: z.string().uuid(), version: z.number().int() });
export type Tombstone = z.infer<typeof tombstoneSchema>;

export const pulledRejectionSchema = z.object({ mutationId: z.number().int(), type: z.string(), reason: rejectionReasonSchema });

export const pullResponseSchema = z.object({
  rows: z.array(pulledRowSchema),
  tombstones: z.array(tombstoneSchema),
  lastMutationId: z.number().int(),
  rejections: z.array(pulledRejectionSchema),
  cursor: cursorSchema,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
