// Email over SMTP (SENDER=smtp) against a real local SMTP server (smtp-server from npm) with authentication: a
// sign-in code travels through SMTP and signs the user in; while the server is down the message is retried with
// backoff (and SMS rows are left for an SMS worker), and it goes out once the server is back.
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import type { Db } from '../db/db';
import type { ZodApp } from '../http/zod-app';
import { PASSWORD, seedOrg, seedUser, startApp, until } from '../../test/helpers';
import { deliverPending } from './sender';
import { smtpTransport } from './smtp-transport';

interface Received {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

/** An SMTP server on `port` (0 = any) that accepts user "mailer" / password "secret" and keeps what it receives. */
async function startSmtp(port = 0): Promise<{ port: number; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, cb) => (auth.username === 'mailer' && auth.password === 'secret' ? cb(null, { user: auth.username }) : cb(new Error('bad credentials'))),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port: (server.server.address() as { port: number }).port, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let app: ZodApp;

beforeAll(async () => {
  db = await openPgliteDb('memory://');
  await migrate(db);
  smtp = await startSmtp();
  app = await startApp(db, { SENDER: 'smtp', SMTP_URL: `smtp://mailer:secret@127.0.0.1:${smtp.port}`, SMTP_FROM: 'AcrylicHub <no-reply@acrylichub.test>' });
});
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
  await db?.close();
});

describe('SMTP sender', () => {
  it('mails the sign-in code through an authenticated SMTP server, and the code signs the user in', async () => {
    const u = await seedUser(db, await seedOrg(db), 'designer');
    const r1 = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: PASSWORD } });
    expect(r1.statusCode).toBe(200);
    const mail = await until(() => smtp.received.find((m) => m.to.includes(u.email)));
    expect(mail).toMatchObject({ from: 'no-reply@acrylichub.test', user: 'mailer' });
    expect(mail.raw).toMatch(/^Subject: AcrylicHub sign-in code/m);
    const code = /code is (\d{6})/.exec(mail.raw)![1];
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/auth/login/verify', payload: { challengeId: r1.json().challengeId, emailCode: code } });
    expect(r2.statusCode, r2.body).toBe(200);
    const [row] = await db.query<{ sent_at: Date | null; attempts: number }>('SELECT sent_at, attempts FROM sender_outbox WHERE recipient = $1', [u.email]);
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(0);
  });

  it('retries with backoff while the server is down, leaves SMS for an SMS worker, and delivers once it is back', async () => {
    const down = await startSmtp();
    const port = down.port;
    await down.stop();
    const transport = smtpTransport(`smtp://mailer:secret@127.0.0.1:${port}`, 'no-reply@acrylichub.test');
    await db.query("INSERT INTO sender_outbox (channel, recipient, subject, body) VALUES ('email', 'later@example.test', 'Hello', 'code 000111'), ('sms', '+62 812 0000 0001', 'code', '000222')");
    expect(await deliverPending(db, transport)).toBe(0);
    const pending = await db.query<{ channel: string; attempts: number; last_error: string | null; due_in_s: number }>(
      "SELECT channel, attempts, last_error, extract(epoch FROM next_attempt_at - now())::float8 AS due_in_s FROM sender_outbox WHERE recipient IN ('later@example.test', '+62 812 0000 0001') ORDER BY channel");
    expect(pending[0]).toMatchObject({ channel: 'email', attempts: 1 });
    expect(pending[0].last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(pending[0].due_in_s).toBeGreaterThan(5);
    expect(pending[1]).toMatchObject({ channel: 'sms', attempts: 0, last_error: null });
    expect(await deliverPending(db, transport)).toBe(0); // not due yet: nothing is tried

    const back = await startSmtp(port);
    try {
      await db.query("UPDATE sender_outbox SET next_attempt_at = now() WHERE recipient = 'later@example.test'");
      expect(await deliverPending(db, transport)).toBe(1);
      expect(back.received.map((m) => m.to)).toEqual([['later@example.test']]);
    } finally {
      transport.close();
      await back.stop();
    }
  });
});
