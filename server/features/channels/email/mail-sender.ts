import type { Delivery } from '../../../../core';
import type { Clock } from '../../../clock';
import type { Logger } from '../../../logger';
import { nextCounterValue } from '../../../store/counters';
import { claimOutbound, dueOutbound, settleOutbound, unsentBefore, type OutboxRow } from '../../../store/mail-repository';
import { NO_CHANGES, type CommittedChange } from '../../../sync/change-feed';
import { findMessageById, findTicketById, updateMessageDoc } from '../../../store/tickets-repository';
import type { CommitPath } from '../../tickets/commit-path';
import { PermanentMailError, type MailTransport } from './mail-transport';

const BATCH = 20;
/** A claimed mail not settled within this is taken again (its sender died mid-send). */
const CLAIM_MS = 120_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
/** Without a relay, how often mail that waited too long is marked failed. */
const SWEEP_MS = 60_000;

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
 * is retried with backoff until `giveUpMs` after it was queued; a 5xx is final. Claims and
 * outcomes are written a batch at a time. Without a relay, mail waits queued (untouched: nothing
 * is claimed) and once a minute what waited past `giveUpMs` is marked failed. A crash between the relay's acceptance and
 * the settle sends that mail again after the claim expires, with the same Message-ID.
 */
export class MailSender {
  private interval: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private nextSweepAt = 0;

  constructor(
    private readonly commits: CommitPath,
    private readonly clock: Clock,
    /** The relay as it is set now (admins may change it while the desk runs). */
    private readonly transport: () => MailTransport | null,
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
      const transport = this.transport();
      if (!transport) return this.giveUpUnsent();
      const claimedAt = this.clock.now();
      // One write claims the batch and one settles it: two commits per batch, not per mail.
      const claimed = await this.commits.commit(async (trx) => {
        const rows: OutboxRow[] = [];
        for (const id of await dueOutbound(trx, claimedAt, BATCH)) {
          const row = await claimOutbound(trx, id, claimedAt, claimedAt + CLAIM_MS);
          if (row) rows.push(row);
        }
        return { value: rows };
      });
      if (claimed.length === 0) return;
      const outcomes = await Promise.all(claimed.map((row) => this.attempt(transport, row)));
      await this.settle(outcomes);
      if (claimed.length < BATCH) return;
    }
  }

  /** One delivery attempt: what the relay said, as the outcome to record. */
  private async attempt(transport: MailTransport, row: OutboxRow): Promise<Settlement> {
    const attempts = row.attempts + 1;
    try {
      await transport.send(row.envelope);
      return { row, delivery: { state: 'sent', attempts }, nextAttemptAt: null };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const now = this.clock.now();
      this.logger.warn({ mail: row.id, attempts, reason }, 'outbound mail not sent');
      if (error instanceof PermanentMailError) return { row, delivery: { state: 'failed', attempts, error: reason }, nextAttemptAt: null };
      if (now - row.createdAt >= this.settings.giveUpMs) {
        return { row, delivery: { state: 'failed', attempts, error: `not delivered within ${Math.round(this.settings.giveUpMs / 3_600_000)} h: ${reason}` }, nextAttemptAt: null };
      }
      return { row, delivery: { state: 'queued', attempts, error: reason }, nextAttemptAt: now + retryDelayMs(attempts) };
    }
  }

  /** Without a relay mail waits; only what has waited longer than the give-up time is marked failed. */
  private async giveUpUnsent(): Promise<void> {
    const now = this.clock.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_MS;
    const stale = await this.commits.commit(async (trx) => ({ value: await unsentBefore(trx, now - this.settings.giveUpMs, BATCH) }));
    if (stale.length === 0) return;
    await this.settle(stale.map((row) => ({ row, delivery: { state: 'failed', attempts: row.attempts, error: 'no mail relay is configured (TIERDESK_SMTP_RELAY_URL)' }, nextAttemptAt: null })));
    if (stale.length === BATCH) this.nextSweepAt = 0;
  }

  /**
   * Records the outcomes on the outbox rows and on the messages' documents (new feed positions, so
   * consoles see them), in one write.
   */
  private async settle(outcomes: readonly Settlement[]): Promise<void> {
    await this.commits.commit(async (trx, now) => {
      const messages: CommittedChange['messages'] = [];
      for (const { row, delivery, nextAttemptAt } of outcomes) {
        await settleOutbound(trx, row.id, { state: delivery.state, attempts: delivery.attempts, nextAttemptAt: nextAttemptAt ?? now, error: delivery.error ?? null, sentAt: delivery.state === 'sent' ? now : null });
        const [message, ticket] = [await findMessageById(trx, row.id), await findTicketById(trx, row.ticketId)];
        if (!message || !ticket) continue;
        const seq = await nextCounterValue(trx, 'seq');
        const updated = { ...message, delivery };
        await updateMessageDoc(trx, updated, seq);
        messages.push({ doc: updated, seq, ticket });
      }
      return { value: undefined, change: { ...NO_CHANGES, messages } };
    });
  }
}

type Settlement = { row: OutboxRow; delivery: Delivery; nextAttemptAt: number | null };
