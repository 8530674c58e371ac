// MQTT client options shared by the bridge and the desktop's remote machine: credentials, TLS files, automatic
// reconnection, and the plain-words message for a broker that refuses the login.
import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';

export interface MqttLinkOptions {
  url: string;
  username?: string;
  password?: string;
  /** CA bundle, client certificate and key files for mqtts:// */
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** Accept a broker certificate that does not verify (self-signed test brokers only). */
  tlsInsecure?: boolean;
  clientId?: string;
}

export function clientOptions(o: MqttLinkOptions, extra: Partial<IClientOptions> = {}): IClientOptions {
  return {
    username: o.username,
    password: o.password,
    clientId: o.clientId,
    ca: o.tlsCa ? readFileSync(o.tlsCa) : undefined,
    cert: o.tlsCert ? readFileSync(o.tlsCert) : undefined,
    key: o.tlsKey ? readFileSync(o.tlsKey) : undefined,
    rejectUnauthorized: !o.tlsInsecure,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    queueQoSZero: false,
    protocolVersion: 4,
    ...extra,
  };
}

/** Turns a connection error into words (CONNACK 4/5 = refused credentials). */
export function describeMqttError(err: Error & { code?: number | string }, url: string): string {
  if (err.code === 4 || err.code === 5 || /not authori[sz]ed|bad user ?name or password/i.test(err.message)) {
    return `the MQTT broker at ${url} refused the username/password`;
  }
  if (err.code === 'ECONNREFUSED') return `no MQTT broker answers at ${url}`;
  return `MQTT connection to ${url} failed: ${err.message}`;
}
