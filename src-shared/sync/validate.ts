// Turns one pushed mutation into typed arguments or a rejection reason (English and Indonesian). Pure: the server
// calls it per mutation so a malformed or unknown mutation is rejected alone while the queue continues.
import { formatZodError } from '../contract/define';
import { hlcDriftMs } from './hlc';
import { isMutationType, mutationArgSchemas, type MutationArgs, type MutationType } from './mutations';
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
  const parsed = mutationArgSchemas[m.type].safeParse(m.args);
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
