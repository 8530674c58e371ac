// A desktop device for sync tests: its own SQLite file with every migration, the sync store and engine, a real
// HTTP client of the cloud API (axios) signed in with a stored refresh token, a clock with an optional skew, and
// a transport wrapper that injects network faults: requests lost before or after the server handled them,
// duplicated deliveries, and stale requests replayed later (reordered delivery).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullQuery, PullResponse, PushResponse } from '../../../src-shared/sync/protocol';
import { openDatabase, type Db } from '../../store/database';
import { CloudClient, SyncHttpError, type EncodedPush, type SyncTransport } from '../cloud-client';
import { FileSecretStore } from '../secret-store';
import { SyncEngine } from '../sync-engine';
import { SyncStore } from '../sync-store';

export interface Faults {
  /** Probability that a request never reaches the server. */
  lostBefore: number;
  /** Probability that the server handles a request but the reply is lost. */
  lostAfter: number;
  /** Probability that a push is delivered twice. */
  duplicate: number;
  /** Probability that a copy of a push is kept and delivered later, after newer ones. */
  delay: number;
}
export const NO_FAULTS: Faults = { lostBefore: 0, lostAfter: 0, duplicate: 0, delay: 0 };

export class FaultyTransport implements SyncTransport {
  faults: Faults = NO_FAULTS;
  readonly stale: EncodedPush[] = [];
  constructor(private readonly inner: SyncTransport, private readonly random: () => number) {}

  private async deliver<T>(send: () => Promise<T>): Promise<T> {
    if (this.random() < this.faults.lostBefore) throw new SyncHttpError('offline', 'injected: request lost');
    const out = await send();
    if (this.random() < this.faults.lostAfter) throw new SyncHttpError('offline', 'injected: reply lost');
    return out;
  }

  push(req: EncodedPush): Promise<PushResponse> {
    if (this.random() < this.faults.delay) this.stale.push(structuredClone(req));
    return this.deliver(async () => {
      if (this.random() < this.faults.duplicate) await this.inner.push(req);
      return this.inner.push(req);
    });
  }

  pull(q: PullQuery): Promise<PullResponse> {
    return this.deliver(() => this.inner.pull(q));
  }

  /** Delivers the oldest delayed push now (its reply goes nowhere, like a late packet). */
  async replayStale(): Promise<void> {
    const req = this.stale.shift();
    if (req) await this.inner.push(req).catch(() => undefined);
  }
}

export interface Device {
  name: string;
  db: Db;
  store: SyncStore;
  engine: SyncEngine;
  client: CloudClient;
  transport: FaultyTransport;
  dir: string;
}

export async function makeDevice(name: string, cloudUrl: string, refreshToken: string, opts: { skewMs?: number; random?: () => number; dir?: string } = {}): Promise<Device> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), `ah-sync-${name}-`));
  const now = () => new Date(Date.now() + (opts.skewMs ?? 0));
  const db = openDatabase(join(dir, 'acrylichub.db'));
  const store = new SyncStore(db, now);
  const secrets = new FileSecretStore(join(dir, 'sync-secrets.json'), { en: 'test', id: 'tes' });
  if (refreshToken) await secrets.set('sync', refreshToken);
  const client = new CloudClient(cloudUrl, secrets, 'sync', 10_000);
  const random = opts.random ?? Math.random;
  const transport = new FaultyTransport(client, random);
  const engine = new SyncEngine(store, { now, random, batchSize: 50, pullLimit: 40, background: false });
  return { name, db, store, engine, client, transport, dir };
}

/** One sync cycle; returns false when it failed (injected fault), like the background engine would see it. */
export async function syncOnce(d: Device): Promise<boolean> {
  d.engine.setTransport(d.transport);
  const s = await d.engine.syncNow();
  return s.lastError === null;
}
