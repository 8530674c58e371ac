// SMS delivery through Twilio's Messages API with Twilio's own SDK (SMS_PROVIDER=twilio): TWILIO_ACCOUNT_SID and
// TWILIO_AUTH_TOKEN authenticate, TWILIO_FROM is the sending number (E.164), an alphanumeric sender ID, or a
// Messaging Service SID (MG…). TWILIO_API_URL replaces https://api.twilio.com for every request (a proxy, or the
// local fake of the Messages API the tests run against). A refused message throws the SDK's RestException
// (Twilio's error code and message), which the outbox records and retries with backoff.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { Transport } from './sender';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from: string;
  apiUrl?: string;
}

const TWILIO_API = 'https://api.twilio.com';
type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

/** The SDK's HTTP client with every request sent to `base` instead of api.twilio.com. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.base.replace(/\/$/, '') + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

export function twilioTransport(c: TwilioConfig): Transport {
  const client = twilio(c.accountSid, c.authToken, c.apiUrl ? { httpClient: new RebasedRequestClient(c.apiUrl) } : undefined);
  const sender = /^MG[0-9a-f]{32}$/i.test(c.from) ? { messagingServiceSid: c.from } : { from: c.from };
  return {
    channels: ['sms'],
    async deliver(m) {
      await client.messages.create({ to: m.recipient, body: m.body, ...sender });
    },
  };
}
