// Outgoing email and SMS go through the sender_outbox table, written in the same transaction as the change that
// needs them. A delivery pass claims pending rows (SKIP LOCKED, so replicas do not double-send) and hands them to
// a transport: the console transport logs them (development); production plugs in a real provider.
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../db/db';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
}

export interface Transport {
  deliver(m: OutgoingMessage & { id: number }): Promise<void>;
}

export async function queueMessage(q: Queryable, m: OutgoingMessage): Promise<void> {
  await q.query('INSERT INTO sender_outbox (channel, recipient, subject, body) VALUES ($1, $2, $3, $4)', [
    m.channel, m.recipient, m.subject, m.body,
  ]);
}

export function consoleTransport(log: FastifyBaseLogger): Transport {
  return {
    async deliver(m) {
      log.info({ outbox: m.id, channel: m.channel, to: m.recipient, subject: m.subject, body: m.body }, 'sender (console)');
    },
  };
}

/** Delivers up to `limit` pending messages; a failed delivery stays pending for the next pass. */
export async function deliverPending(db: Db, transport: Transport, limit = 50): Promise<number> {
  return db.tx(async (q) => {
    const rows = await q.query<OutgoingMessage & { id: number }>(
      `SELECT id, channel, recipient, subject, body FROM sender_outbox WHERE sent_at IS NULL
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    let sent = 0;
    for (const m of rows) {
      try {
        await transport.deliver(m);
        await q.query('UPDATE sender_outbox SET sent_at = now() WHERE id = $1', [m.id]);
        sent++;
      } catch {
        /* stays pending */
      }
    }
    return sent;
  });
}
