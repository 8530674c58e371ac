// HTTP client of the cloud API for the sync engine (axios, with timeouts). It signs in with the two-step login
// (password, then the emailed/TOTP code), keeps the access token in memory and the refresh token in the
// SecretStore, refreshes once on a 401 (one refresh in flight at a time; refresh tokens rotate on every use) and
// retries the call. Errors become SyncHttpError with a kind the engine acts on: offline (retry with backoff),
// auth (sign in again), too_large (split the batch), conflict (a pipelined push batch overtook its predecessor:
// send it again), server.
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { pullResponseSchema, pushResponseSchema, type PullQuery, type PullResponse, type PushResponse } from '../../src-shared/sync/protocol';
import type { EncodedBatch } from './outbox';
import type { SecretStore } from './secret-store';

export type SyncErrorKind = 'offline' | 'auth' | 'too_large' | 'conflict' | 'server' | 'bad_request';

export class SyncHttpError extends Error {
  constructor(readonly kind: SyncErrorKind, message: string, readonly status?: number) {
    super(message);
  }
}

/** A push request whose mutations are already JSON text (an outbox batch): sent as they are. */
export interface EncodedPush extends EncodedBatch {
  deviceId: string;
  after?: number;
}

/** The body of an encoded push, the JSON of a PushRequest. */
export function pushBody(req: EncodedPush): string {
  const after = req.after === undefined ? '' : `"after":${req.after},`;
  return `{"deviceId":${JSON.stringify(req.deviceId)},${after}"mutations":${req.mutations}}`;
}

export interface SyncTransport {
  push(req: EncodedPush): Promise<PushResponse>;
  pull(q: PullQuery): Promise<PullResponse>;
}

export interface LoginChallenge {
  challengeId: string;
  factors: string[];
}

export interface LoginCodes {
  emailCode: string;
  totpCode?: string;
  smsCode?: string;
  recoveryCode?: string;
}

const TIMEOUT_MS = 20_000;

export function classify(err: unknown): SyncHttpError {
  if (err instanceof SyncHttpError) return err;
  const e = err as AxiosError<{ error?: { message?: string } }>;
  const status = e.response?.status;
  const msg = e.response?.data?.error?.message ?? e.message;
  if (!status) return new SyncHttpError('offline', `cloud unreachable: ${e.code ?? e.message}`);
  if (status === 401) return new SyncHttpError('auth', msg, status);
  if (status === 413) return new SyncHttpError('too_large', msg, status);
  if (status === 409) return new SyncHttpError('conflict', msg, status);
  if (status >= 500 || status === 429) return new SyncHttpError('server', `cloud error ${status}: ${msg}`, status);
  return new SyncHttpError('bad_request', `cloud refused the request (${status}): ${msg}`, status);
}

export class CloudClient implements SyncTransport {
  private readonly http: AxiosInstance;
  private accessToken: string | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(readonly baseUrl: string, private readonly secrets: SecretStore, private readonly account: string, timeoutMs = TIMEOUT_MS) {
    this.http = axios.create({ baseURL: baseUrl.replace(/\/+$/, ''), timeout: timeoutMs, maxBodyLength: 64 * 1024 * 1024, maxContentLength: 256 * 1024 * 1024 });
  }

  async startLogin(email: string, password: string): Promise<LoginChallenge> {
    try {
      const r = await this.http.post('/api/v1/auth/login', { email, password });
      return r.data as LoginChallenge;
    } catch (err) {
      throw classify(err);
    }
  }

  async finishLogin(challengeId: string, codes: LoginCodes): Promise<void> {
    try {
      const r = await this.http.post('/api/v1/auth/login/verify', { challengeId, ...codes });
      await this.keep(r.data as { accessToken: string; refreshToken: string });
    } catch (err) {
      throw classify(err);
    }
  }

  async signedIn(): Promise<boolean> {
    return this.accessToken !== null || (await this.secrets.get(this.account)) !== null;
  }

  async logout(): Promise<void> {
    try {
      if (this.accessToken || (await this.secrets.get(this.account))) await this.call((h) => this.http.post('/api/v1/auth/logout', undefined, { headers: h }));
    } catch {
      /* signing out locally must work offline too */
    } finally {
      this.accessToken = null;
      await this.secrets.delete(this.account);
    }
  }

  async push(req: EncodedPush): Promise<PushResponse> {
    // The body is JSON text already: no transform (axios would parse a JSON string to check it).
    const body = pushBody(req);
    const r = await this.call((h) => this.http.post('/api/v1/sync/push', body, { headers: { ...h, 'content-type': 'application/json' }, transformRequest: [(d: string) => d] }));
    return pushResponseSchema.parse(r.data);
  }

  async pull(q: PullQuery): Promise<PullResponse> {
    const r = await this.call((h) => this.http.get('/api/v1/sync/pull', { params: q, headers: h }));
    return pullResponseSchema.parse(r.data);
  }

  /** Moves an order into a payment state through the online order API (never through the offline queue). */
  async transitionOnline(orderId: string, to: string, note?: string): Promise<unknown> {
    const r = await this.call((h) => this.http.post(`/api/v1/orders/${orderId}/transitions`, { to, ...(note ? { note } : {}) }, { headers: h }));
    return r.data;
  }

  private async keep(t: { accessToken: string; refreshToken: string }): Promise<void> {
    this.accessToken = t.accessToken;
    await this.secrets.set(this.account, t.refreshToken);
  }

  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const token = await this.secrets.get(this.account);
      if (!token) throw new SyncHttpError('auth', 'not signed in');
      try {
        const r = await this.http.post('/api/v1/auth/refresh', { refreshToken: token });
        await this.keep(r.data as { accessToken: string; refreshToken: string });
      } catch (err) {
        const e = classify(err);
        if (e.kind === 'auth') {
          this.accessToken = null;
          await this.secrets.delete(this.account);
        }
        throw e;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async call<T>(fn: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    if (!this.accessToken) await this.refresh();
    try {
      return await fn({ authorization: `Bearer ${this.accessToken}` });
    } catch (err) {
      const e = classify(err);
      if (e.kind !== 'auth') throw e;
      await this.refresh();
      try {
        return await fn({ authorization: `Bearer ${this.accessToken}` });
      } catch (again) {
        throw classify(again);
      }
    }
  }
}
