// Runs outbox delivery in this process when it has a transport (SENDER=console or smtp): a pass right after a
// message is queued (kick) and one every 15 s for retries. With SENDER=outbox a separate worker delivers and this
// does nothing.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db';
import { deliverPending, type Transport } from './sender';

const RETRY_PASS_MS = 15_000;

export class OutboxDelivery {
  private running: Promise<void> | null = null;
  private again = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly transport: Transport | null,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    if (!this.transport) return;
    this.timer = setInterval(() => this.kick(), RETRY_PASS_MS);
    this.timer.unref();
  }

  /** Starts a delivery pass (or one more after the running pass). */
  kick(): void {
    if (!this.transport) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = deliverPending(this.db, this.transport)
      .then(() => undefined, (err: unknown) => this.log.warn({ err }, 'sender delivery failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops the retry timer and waits for a running pass. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.again = false;
    await this.running;
  }
}
