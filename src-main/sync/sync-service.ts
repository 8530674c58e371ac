// The sync area of one app instance: the replicated store, the background engine, the secret store and the
// signed-in cloud client. Sign-in is two steps (password → challenge; codes → tokens). Payment states are entered
// only through the online order API, and only for an order the cloud already has: offline, the order waits.
import { ContractError } from '../../src-shared/contract/define';
import type { LocalOrderDetail, SyncStatusView } from '../../src-shared/contract/channels/sync';
import type { OrderState } from '../../src-shared/orders/state-machine';
import { PAYMENT_STATES, type MutationArgs } from '../../src-shared/sync/mutations';
import type { Db } from '../store/database';
import { CloudClient, type LoginCodes, SyncHttpError } from './cloud-client';
import { getOrder } from './order-queries';
import { openSecretStore, type SecretStore } from './secret-store';
import { adoptDeviceCode } from './quote-number';
import { SyncEngine, type EngineOptions } from './sync-engine';
import { SyncStore } from './sync-store';

const accountKey = (cloudUrl: string, email: string) => `refresh:${email.toLowerCase()}@${new URL(cloudUrl).host}`;

export interface LoginInput extends Partial<LoginCodes> {
  cloudUrl: string;
  email: string;
  password?: string;
  challengeId?: string;
}

export class SyncService {
  readonly store: SyncStore;
  readonly engine: SyncEngine;
  private client: CloudClient | null = null;
  private pendingLogin: { client: CloudClient; cloudUrl: string; email: string } | null = null;
  private readonly ready: Promise<SecretStore>;

  constructor(db: Db, dataDir: string, now: () => Date, opts: EngineOptions & { secrets?: Promise<SecretStore> } = {}) {
    this.store = new SyncStore(db, now);
    this.engine = new SyncEngine(this.store, { now, ...opts });
    this.ready = (opts.secrets ?? openSecretStore(dataDir)).then(async (secrets) => {
      const account = this.store.state.account();
      if (account && (await secrets.get(accountKey(account.cloudUrl, account.email)))) {
        this.client = new CloudClient(account.cloudUrl, secrets, accountKey(account.cloudUrl, account.email));
        this.engine.setTransport(this.client);
      }
      return secrets;
    });
  }

  async status(): Promise<SyncStatusView> {
    const secrets = await this.ready;
    return { ...this.engine.snapshot(), account: this.store.state.account(), deviceId: this.store.state.deviceId(), secretStore: { kind: secrets.kind, warning: secrets.warning } };
  }

  async syncNow(): Promise<SyncStatusView> {
    await this.ready;
    if (!this.client) throw new ContractError('UNAVAILABLE', 'Sign in to the cloud first / Masuk ke cloud terlebih dahulu');
    await this.engine.syncNow();
    return this.status();
  }

  async login(input: LoginInput): Promise<{ signedIn: boolean; challengeId?: string; factors?: string[] }> {
    const secrets = await this.ready;
    const key = accountKey(input.cloudUrl, input.email);
    try {
      if (!input.challengeId) {
        const client = new CloudClient(input.cloudUrl, secrets, key);
        const ch = await client.startLogin(input.email, input.password!);
        this.pendingLogin = { client, cloudUrl: input.cloudUrl, email: input.email };
        return { signedIn: false, challengeId: ch.challengeId, factors: ch.factors };
      }
      const pending = this.pendingLogin?.email === input.email && this.pendingLogin.cloudUrl === input.cloudUrl ? this.pendingLogin.client : new CloudClient(input.cloudUrl, secrets, key);
      await pending.finishLogin(input.challengeId, { emailCode: input.emailCode!, totpCode: input.totpCode, smsCode: input.smsCode, recoveryCode: input.recoveryCode });
      this.pendingLogin = null;
      this.client = pending;
      this.store.state.set('account', JSON.stringify({ cloudUrl: input.cloudUrl, email: input.email }));
      adoptDeviceCode(this.store.state);
      this.engine.setTransport(pending);
      return { signedIn: true };
    } catch (err) {
      throw toContractError(err);
    }
  }

  async logout(): Promise<{ signedOut: boolean }> {
    await this.ready;
    await this.client?.logout();
    this.client = null;
    this.engine.setTransport(null);
    this.store.state.set('account', null);
    return { signedOut: true };
  }

  createOrder(args: Omit<MutationArgs<'order.create'>, 'id'>): LocalOrderDetail {
    const id = this.store.createOrder(args);
    this.engine.trigger();
    return this.order(id);
  }

  order(id: string): LocalOrderDetail {
    const o = getOrder(this.store.db, id);
    if (!o) throw new ContractError('NOT_FOUND', `No order ${id} / Pesanan ${id} tidak ditemukan`);
    return o;
  }

  async transition(id: string, to: OrderState, note?: string): Promise<LocalOrderDetail> {
    const o = this.order(id);
    if (!PAYMENT_STATES.has(to)) {
      this.store.transitionOrder({ orderId: id, to, ...(note ? { note } : {}) });
      this.engine.trigger();
      return this.order(id);
    }
    if (!o.synced || o.pendingState) {
      throw new ContractError('UNAVAILABLE', 'The order waits: payment starts only after it has synced with the cloud / Pesanan menunggu: pembayaran dimulai setelah tersinkron dengan cloud');
    }
    if (!this.client) throw new ContractError('UNAVAILABLE', 'Payments start only online: sign in to the cloud / Pembayaran hanya dimulai saat online: masuk ke cloud');
    try {
      await this.client.transitionOnline(id, to, note);
    } catch (err) {
      throw toContractError(err);
    }
    await this.engine.syncNow();
    return this.order(id);
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}

function toContractError(err: unknown): ContractError {
  if (err instanceof ContractError) return err;
  if (err instanceof SyncHttpError) {
    if (err.kind === 'offline') return new ContractError('UNAVAILABLE', `Offline: ${err.message} / Luring: cloud tidak terjangkau`);
    if (err.kind === 'auth') return new ContractError('FORBIDDEN', `Sign-in refused: ${err.message} / Masuk ditolak`);
    if (err.status === 409) return new ContractError('CONFLICT', err.message);
    if (err.status === 403) return new ContractError('FORBIDDEN', err.message);
    return new ContractError('BAD_INPUT', err.message);
  }
  return new ContractError('INTERNAL', (err as Error).message);
}
