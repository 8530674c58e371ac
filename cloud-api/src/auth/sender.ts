// Outgoing email and SMS go through the sender_outbox table, written in the same transaction as the change that
// needs them. A delivery pass claims due rows of the channels its transport handles (SKIP LOCKED, so replicas do
// not double-send) and hands them over: the console transport logs them (development), the SMTP transport
// (smtp-transport.ts) mails them, the Twilio transport (twilio-transport.ts) texts them. A failed message is retried with exponential backoff and given up after
// MAX_ATTEMPTS, so it never blocks the queue.
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../db/db';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
}

export interface Transport {
  /** The channels this transport delivers; messages of other channels stay pending for another worker. */
  readonly channels: readonly OutgoingMessage['channel'][];
  deliver(m: OutgoingMessage & { id: number }): Promise<void>;
}

export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_S = 15;
const BACKOFF_MAX_S = 3600;

export async function queueMessage(q: Queryable, m: OutgoingMessage): Promise<void> {
  await q.query('INSERT INTO sender_outbox (channel, recipient, subject, body) VALUES ($1, $2, $3, $4)', [
    m.channel, m.recipient, m.subject, m.body,
  ]);
}

export function consoleTransport(log: FastifyBaseLogger): Transport {
  return {
    channels: ['email', 'sms'],
    async deliver(m) {
      log.info({ outbox: m.id, channel: m.channel, to: m.recipient, subject: m.subject, body: m.body }, 'sender (console)');
    },
  };
}

/** One transport over several: each channel goes to the first transport that handles it. */
export function combineTransports(transports: readonly Transport[]): Transport {
  const byChannel = new Map<OutgoingMessage['channel'], Transport>();
  for (const t of transports) for (const c of t.channels) if (!byChannel.has(c)) byChannel.set(c, t);
  return {
    channels: [...byChannel.keys()],
    deliver: (m) => byChannel.get(m.channel)!.deliver(m),
  };
}

/** Delivers up to `limit` due messages; a failed delivery is retried later (backoff), at most MAX_ATTEMPTS times. */
export async function deliverPending(db: Db, transport: Transport, limit = 50): Promise<number> {
  return db.tx(async (q) => {
    const rows = await q.query<OutgoingMessage & { id: number; attempts: number }>(
      `SELECT id, channel, recipient, subject, body, attempts FROM sender_outbox
       WHERE sent_at IS NULL AND channel = ANY($2::text[]) AND attempts < $3 AND next_attempt_at <= now()
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, transport.channels, MAX_ATTEMPTS],
    );
    let sent = 0;
    for (const m of rows) {
      try {
        await transport.deliver(m);
        await q.query('UPDATE sender_outbox SET sent_at = now(), last_error = NULL WHERE id = $1', [m.id]);
        sent++;
      } catch (err) {
        await q.query(
          `UPDATE sender_outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => least($3::float8 * 2 ^ attempts, $4::float8))
           WHERE id = $1`,
          [m.id, String((err as Error)?.message ?? err).slice(0, 500), BACKOFF_BASE_S, BACKOFF_MAX_S],
        );
      }
    }
    return sent;
  });
}
