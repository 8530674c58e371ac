// SMS through Twilio (SMS_PROVIDER=twilio) against a local fake of Twilio's Messages API: the SMS sign-in code
// travels through the SDK and, with the email code, signs the user in; a number Twilio refuses and wrong
// credentials leave the message queued with Twilio's error and a backoff, never sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import type { Db } from '../db/db';
import type { ZodApp } from '../http/zod-app';
import { PASSWORD, lastCode, seedOrg, seedUser, startApp, until } from '../../test/helpers';
import { startFakeTwilio } from '../../test/fake-twilio';
import { ConfigError, loadConfig } from '../config';
import { deliverPending } from './sender';
import { twilioTransport } from './twilio-transport';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'fake-twilio-auth-token-0123';
let db: Db;
let queue: Db; // an outbox no app delivers from, for the transport on its own
let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
let app: ZodApp;

beforeAll(async () => {
  db = await openPgliteDb('memory://');
  await migrate(db);
  queue = await openPgliteDb('memory://');
  await migrate(queue);
  twilio = await startFakeTwilio(SID, TOKEN);
  app = await startApp(db, { SENDER: 'console', SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: '+15005550006', TWILIO_API_URL: twilio.url });
});
afterAll(async () => {
  await app?.close();
  await twilio?.stop();
  await db?.close();
  await queue?.close();
});

describe('Twilio SMS sender', () => {
  it('texts the SMS sign-in code through Twilio, and it signs the user in with the email code', async () => {
    const phone = '+6281234567890';
    const u = await seedUser(db, await seedOrg(db), 'designer', { phone });
    await db.query('UPDATE users SET sms_mfa = true WHERE id = $1', [u.id]);
    const r1 = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: PASSWORD } });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().factors).toContain('sms_code');
    const sms = await until(() => twilio.sent.find((m) => m.to === phone));
    expect(sms).toMatchObject({ from: '+15005550006' });
    const smsCode = /(\d{6})/.exec(sms.body)![1];
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload: { challengeId: r1.json().challengeId, emailCode: await lastCode(db, u.email), smsCode } });
    expect(r2.statusCode, r2.body).toBe(200);
    const [row] = await db.query<{ sent_at: Date | null }>("SELECT sent_at FROM sender_outbox WHERE recipient = $1 AND channel = 'sms'", [phone]);
    expect(row.sent_at).not.toBeNull();
  });

  it('keeps a message Twilio refuses queued with its error, and sends from a Messaging Service', async () => {
    await queue.query("INSERT INTO sender_outbox (channel, recipient, subject, body) VALUES ('sms', '0812-not-e164', 'code', 'AcrylicHub: 111222')");
    const transport = twilioTransport({ accountSid: SID, authToken: TOKEN, from: `MG${'ab'.repeat(16)}`, apiUrl: twilio.url });
    expect(await deliverPending(queue, transport)).toBe(0);
    const [bad] = await queue.query<{ attempts: number; last_error: string; sent_at: Date | null }>("SELECT attempts, last_error, sent_at FROM sender_outbox WHERE recipient = '0812-not-e164'");
    expect(bad).toMatchObject({ attempts: 1, sent_at: null });
    expect(bad.last_error).toMatch(/Invalid 'To' Phone Number/);

    await queue.query("INSERT INTO sender_outbox (channel, recipient, subject, body) VALUES ('sms', '+6289876543210', 'code', 'AcrylicHub: 333444')");
    expect(await deliverPending(queue, transport)).toBe(1);
    expect(twilio.sent.find((m) => m.to === '+6289876543210')).toMatchObject({ messagingServiceSid: `MG${'ab'.repeat(16)}`, body: 'AcrylicHub: 333444' });
  });

  it('records a refused authentication and does not send', async () => {
    await queue.query("INSERT INTO sender_outbox (channel, recipient, subject, body) VALUES ('sms', '+6281111111111', 'code', 'AcrylicHub: 555666')");
    const wrong = twilioTransport({ accountSid: SID, authToken: 'not-the-right-token-000', from: '+15005550006', apiUrl: twilio.url });
    expect(await deliverPending(queue, wrong)).toBe(0);
    const [row] = await queue.query<{ attempts: number; last_error: string }>("SELECT attempts, last_error FROM sender_outbox WHERE recipient = '+6281111111111'");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/Authenticate/);
    expect(twilio.sent.some((m) => m.to === '+6281111111111')).toBe(false);
  });

  it('is configured only with the account, the token and a sender', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID })).toThrow(ConfigError);
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: 'AcrylicHub' })).toThrow(/TWILIO_ACCOUNT_SID/);
    expect(loadConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: 'AcrylicHub' }).twilio).toMatchObject({ accountSid: SID, from: 'AcrylicHub' });
  });
});
