// Small persistent state of the sync client in sync_state: the device id (made once), the pull cursor, the last
// acknowledged mutation id, the hybrid logical clock, the cloud account and the time of the last full sync.
import { v7 as uuidv7 } from 'uuid';
import { decodeHlc, encodeHlc, initialHlc, receiveHlc, tickHlc, type Hlc } from '../../src-shared/sync/hlc';
import type { Db } from '../store/database';
import { stmt } from './statements';

export interface Account {
  cloudUrl: string;
  email: string;
}

export class SyncState {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  get(key: string): string | null {
    const row = stmt(this.db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) stmt(this.db, 'DELETE FROM sync_state WHERE key = ?').run(key);
    else stmt(this.db, 'INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  deviceId(): string {
    let id = this.get('device_id');
    if (!id) {
      id = uuidv7();
      this.set('device_id', id);
    }
    return id;
  }

  cursor(): string {
    return this.get('cursor') ?? '0';
  }

  lastAcked(): number {
    return Number(this.get('last_acked') ?? 0);
  }

  account(): Account | null {
    const raw = this.get('account');
    return raw ? (JSON.parse(raw) as Account) : null;
  }

  private hlc(): Hlc {
    const raw = this.get('hlc');
    return raw ? decodeHlc(raw) : initialHlc(this.deviceId());
  }

  /** The clock of a new local edit (call inside the edit's transaction). */
  tick(): string {
    const next = encodeHlc(tickHlc(this.hlc(), this.now().getTime()));
    this.set('hlc', next);
    return next;
  }

  /** Moves the clock past a clock seen in a pull. */
  observe(remote: string): void {
    this.set('hlc', encodeHlc(receiveHlc(this.hlc(), decodeHlc(remote), this.now().getTime())));
  }
}
