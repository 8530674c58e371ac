// A local stand-in for Twilio's Messages API (the internet API cannot be reached here), following its documented
// contract: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth (Account SID : Auth Token)
// and a form-encoded body (To, From or MessagingServiceSid, Body); 201 with the Message resource as JSON, or
// Twilio's error body {code, message, more_info, status}: 20003 (authentication), 21604 (no To), 21211 (To not a
// valid E.164 number), 21602 (no Body), 21603 (no From or MessagingServiceSid).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export interface SentSms {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
}

export async function startFakeTwilio(accountSid: string, authToken: string): Promise<{ url: string; sent: SentSms[]; stop: () => Promise<void> }> {
  const sent: SentSms[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fail = (status: number, code: number, message: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
      };
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
      if (req.headers.authorization !== expected) return fail(401, 20003, 'Authenticate');
      if (req.method !== 'POST' || req.url !== path) return fail(404, 20404, `The requested resource ${req.url} was not found`);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const body = form.get('Body');
      const from = form.get('From') ?? undefined;
      const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
      if (!to) return fail(400, 21604, "A 'To' phone number is required.");
      if (!/^\+[1-9]\d{6,14}$/.test(to)) return fail(400, 21211, `Invalid 'To' Phone Number: ${to}`);
      if (!body) return fail(400, 21602, 'Message body is required.');
      if (!from && !messagingServiceSid) return fail(400, 21603, "A 'From' phone number is required.");
      const sid = `SM${randomBytes(16).toString('hex')}`;
      sent.push({ sid, to, from, messagingServiceSid, body });
      const now = new Date().toUTCString().replace('GMT', '+0000');
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        sid, account_sid: accountSid, to, from: from ?? null, messaging_service_sid: messagingServiceSid ?? null, body,
        status: messagingServiceSid ? 'accepted' : 'queued', num_segments: '1', num_media: '0', direction: 'outbound-api', api_version: '2010-04-01',
        price: null, price_unit: 'USD', error_code: null, error_message: null, date_created: now, date_updated: now, date_sent: null,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`, subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, sent, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
