import type { Delivery } from '../../../../core';
import type { Clock } from '../../../clock';
import type { Logger } from '../../../logger';
import { nextCounterValue } from '../../../store/counters';
import { claimOutbound, dueOutbound, settleOutbound, type OutboxRow } from '../../../store/mail-repository';
import { findMessageById, findTicketById, updateMessageDoc } from '../../../store/tickets-repository';
import type { CommitPath } from '../../tickets/commit-path';
import { PermanentMailError, type MailTransport } from './mail-transport';

const BATCH = 20;
/** A claimed mail not settled within this is taken again (its sender died mid-send). */
const CLAIM_MS = 120_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

export type SenderSettings = { giveUpMs: number; everyMs?: number };

/** Seconds at first, doubling, capped at a minute, with jitter so retries of many mails spread out. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Sends the durable outbox through the relay. Each mail is claimed in a write (so two server
 * processes never send the same one), sent outside any transaction, and settled through the
 * commit path: its message's `delivery` changes (sent; queued again with the attempt counted;
 * failed with the relay's reason) and reaches the consoles like any change. A temporary failure
 * is retried with backoff until `giveUpMs` after it was queued; a 5xx is final. Without a relay,
 * mail waits queued and only the give-up rule runs. A crash between the relay's acceptance and
 * the settle sends that mail again after the claim expires, with the same Message-ID.
 */
export class MailSender {
  private interval: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly commits: CommitPath,
    private readonly clock: Clock,
    private readonly transport: MailTransport | null,
    private readonly settings: SenderSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.kick();
    this.interval = setInterval(() => this.kick(), this.settings.everyMs ?? 1_000);
    this.interval.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    this.interval = undefined;
    await this.running;
    this.transport?.close();
  }

  /** Something was queued, or it is time to look: one run at a time, one more if asked meanwhile. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue()
      .catch((error: unknown) => this.logger.error({ err: error }, 'mail outbox run failed; retrying on the next tick'))
      .finally(() => {
        this.running = null;
        if (this.again && this.interval) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Until the outbox has nothing due (tests and shutdown wait on it). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.kick();
    await this.running;
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const due = await this.commits.commit(async (trx) => ({ value: await dueOutbound(trx, now, BATCH) }));
      if (due.length === 0) return;
      let settled = 0;
      await Promise.all(due.map(async (id) => (settled += (await this.sendOne(id)) ? 1 : 0)));
      if (due.length < BATCH || settled === 0) return;
    }
  }

  private async sendOne(id: string): Promise<boolean> {
    const claimedAt = this.clock.now();
    const row = await this.commits.commit(async (trx) => ({ value: await claimOutbound(trx, id, claimedAt, claimedAt + CLAIM_MS) }));
    if (!row) return false;
    const attempts = row.attempts + 1;
    const tooLate = (now: number) => now - row.createdAt >= this.settings.giveUpMs;
    if (!this.transport) {
      if (tooLate(claimedAt)) await this.settle(row, { state: 'failed', attempts: row.attempts, error: 'no mail relay is configured (TIERDESK_SMTP_RELAY_URL)' }, null);
      else await this.settle(row, null, claimedAt + MAX_RETRY_MS);
      return true;
    }
    try {
      await this.transport.send(row.envelope);
      await this.settle(row, { state: 'sent', attempts }, null);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const now = this.clock.now();
      if (error instanceof PermanentMailError) await this.settle(row, { state: 'failed', attempts, error: reason }, null);
      else if (tooLate(now)) await this.settle(row, { state: 'failed', attempts, error: `not delivered within ${Math.round(this.settings.giveUpMs / 3_600_000)} h: ${reason}` }, null);
      else await this.settle(row, { state: 'queued', attempts, error: reason }, now + retryDelayMs(attempts));
      this.logger.warn({ mail: row.id, attempts, reason }, 'outbound mail not sent');
    }
    return true;
  }

  /**
   * Records the outcome on the outbox row and on the message's document (a new feed position, so
   * consoles see it). `delivery` null: nothing to tell (no relay yet), only the next look is set.
   */
  private async settle(row: OutboxRow, delivery: Delivery | null, nextAttemptAt: number | null): Promise<void> {
    await this.commits.commit(async (trx, now) => {
      const state = delivery?.state ?? 'queued';
      await settleOutbound(trx, row.id, { state, attempts: delivery?.attempts ?? row.attempts, nextAttemptAt: nextAttemptAt ?? now, error: delivery?.error ?? null, sentAt: state === 'sent' ? now : null });
      if (!delivery) return { value: undefined };
      const [message, ticket] = [await findMessageById(trx, row.id), await findTicketById(trx, row.ticketId)];
      if (!message || !ticket) return { value: undefined };
      const seq = await nextCounterValue(trx, 'seq');
      const updated = { ...message, delivery };
      await updateMessageDoc(trx, updated, seq);
      return { value: undefined, change: { tickets: [], messages: [{ doc: updated, seq, ticket }], losses: [], audit: [] } };
    });
  }
}
