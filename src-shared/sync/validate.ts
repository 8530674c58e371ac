// Turns one pushed mutation into typed arguments or a rejection reason (English and Indonesian). Pure: the server
// calls it per mutation so a malformed or unknown mutation is rejected alone while the queue continues.
import { formatZodError } from '../contract/define';
import { z } from 'zod';
import { hlcDriftMs, isHlc } from './hlc';
import { isMutationType, lwwFieldSchemas, mutationArgSchemas, type MutationArgs, type MutationType } from './mutations';
import type { MutationEnvelope, RejectionCode, RejectionReason } from './protocol';

/** A device clock may run ahead of the server by this much (covers ±1 day of skew with margin); beyond, the
 * edit would win every later merge, so it is refused. */
export const MAX_CLOCK_AHEAD_MS = 2 * 24 * 3600 * 1000;

export type ParsedMutation = { [T in MutationType]: { ok: true; type: T; args: MutationArgs<T> } }[MutationType];

export const reject = (code: RejectionCode, en: string, id: string): RejectionReason => ({ code, message: { en, id } });

export function parseMutation(m: MutationEnvelope, serverNowMs: number): ParsedMutation | { ok: false; reason: RejectionReason } {
  if (!isMutationType(m.type)) {
    return { ok: false, reason: reject('unknown_type', `unknown mutation type "${m.type}"`, `jenis mutasi tidak dikenal "${m.type}"`) };
  }
  const fast = m.type in lwwFieldSchemas ? parseLwwUpsert(m.type as keyof typeof lwwFieldSchemas, m.args) : null;
  const parsed = fast ? { success: true as const, data: fast } : mutationArgSchemas[m.type].safeParse(m.args);
  if (!parsed.success) {
    const detail = formatZodError(parsed.error);
    const payment = parsed.error.issues.some((i) => i.message === 'payment states are never entered offline');
    if (payment) {
      return { ok: false, reason: reject('payment_requires_online', 'payments never start offline: confirm the payment step online', 'pembayaran tidak pernah dimulai secara offline: lanjutkan pembayaran saat online') };
    }
    return { ok: false, reason: reject('bad_input', `${m.type}: ${detail}`, `${m.type}: data tidak valid (${detail})`) };
  }
  const args = parsed.data as { hlc?: string };
  if (args.hlc && hlcDriftMs(args.hlc, serverNowMs) > MAX_CLOCK_AHEAD_MS) {
    return { ok: false, reason: reject('clock_skew', 'the device clock is more than 2 days ahead; fix the date and time', 'jam perangkat lebih dari 2 hari di depan; perbaiki tanggal dan waktu') };
  }
  return { ok: true, type: m.type, args: parsed.data } as ParsedMutation;
}

/** What z.string().uuid() accepts (8-4-4-4-12 hex digits), tested without a zod parse per mutation. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ARG_KEYS = new Set(['id', 'hlc', 'fields']);

/** A quote or customer upsert checked field by field: zod validates only the fields the edit carries (about five
 * times faster than the whole partial schema over a 1,000-mutation push). Null when anything is off; the full
 * schema then decides and words the error, so both paths accept exactly the same arguments. */
function parseLwwUpsert(type: keyof typeof lwwFieldSchemas, args: unknown): MutationArgs<'quote.upsert'> | null {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return null;
  const a = args as Record<string, unknown>;
  if (Object.keys(a).some((k) => !ARG_KEYS.has(k)) || typeof a.id !== 'string' || !UUID_PATTERN.test(a.id) || typeof a.hlc !== 'string' || !isHlc(a.hlc)) return null;
  const f = a.fields;
  if (typeof f !== 'object' || f === null || Array.isArray(f) || !Object.keys(f).length) return null;
  const shape = lwwFieldSchemas[type].shape as Record<string, z.ZodTypeAny>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(f)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key) || value === undefined) return null;
    const r = shape[key].safeParse(value);
    if (!r.success) return null;
    fields[key] = r.data;
  }
  return { id: a.id as string, hlc: a.hlc, fields };
}
