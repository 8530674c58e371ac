// Email delivery over SMTP with nodemailer (SENDER=smtp): SMTP_URL names the server (smtp:// upgrades with
// STARTTLS when offered, smtps:// is TLS from the start; credentials in the URL), SMTP_FROM the sender address.
// SMS is not handled here: SMS rows stay pending for an SMS provider's worker.
import nodemailer from 'nodemailer';
import type { Transport } from './sender';

export function smtpTransport(url: string, from: string): Transport & { close(): void } {
  const mailer = nodemailer.createTransport(url);
  return {
    channels: ['email'],
    async deliver(m) {
      await mailer.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body });
    },
    close: () => mailer.close(),
  };
}
