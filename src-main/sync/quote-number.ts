// Quote numbers that stay unique across the devices of an organisation without a connection. Once a device has
// been linked to a cloud account it numbers its quotes Q-YYYY-CCCC-NNNNNN: CCCC is the device's code, four
// Crockford base-32 characters taken from the random part of its UUIDv7 device id (kept in sync_state from the
// first sign-in on, also after signing out), and NNNNNN its own sequence of the year. A number is final the
// moment the quote is saved (offline too), so a PDF already sent to a customer never changes number. Two devices
// share a code with probability about n²/2 million for n devices (0.005 % for ten). A device that was never
// linked keeps the plain Q-YYYY-NNNNNN of a one-device shop.
import type { Db } from '../store/database';
import { SyncState } from './sync-state';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Four base-32 characters from the last 20 bits of a UUID (random bits in a UUIDv7). */
export function deviceCode(deviceId: string): string {
  const bits = parseInt(deviceId.replace(/-/g, '').slice(-5), 16);
  if (!Number.isFinite(bits)) throw new RangeError(`not a device id: "${deviceId.slice(0, 40)}"`);
  let code = '';
  for (let shift = 15; shift >= 0; shift -= 5) code += CROCKFORD[(bits >> shift) & 31];
  return code;
}

const CODE_KEY = 'quote_device_code';

/** Called when the device is linked to an account: from now on its quote numbers carry its code. */
export function adoptDeviceCode(state: SyncState): string {
  const code = state.get(CODE_KEY) ?? deviceCode(state.deviceId());
  state.set(CODE_KEY, code);
  return code;
}

/** The number of the `seq`-th quote of `year` saved on this device. */
export function quoteNumber(db: Db, year: number, seq: number): string {
  const code = new SyncState(db, () => new Date()).get(CODE_KEY);
  const n = String(seq).padStart(6, '0');
  return code ? `Q-${year}-${code}-${n}` : `Q-${year}-${n}`;
}
