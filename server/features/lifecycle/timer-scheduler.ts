import { randomUUID } from 'node:crypto';
import { applyTimer } from '../../../core';
import type { Logger } from '../../logger';
import { findTicketById } from '../../store/tickets-repository';
import { dueTimers, markTimerFired } from '../../store/timers-repository';
import { mergeChanges, type CommittedChange } from '../../sync/change-feed';
import type { CommitPath, FiredNotice } from '../tickets/commit-path';
import { persistApplied } from '../tickets/persist-change';

export type { FiredNotice };

const BATCH = 50;

/**
 * Fires the lifecycle timers kept in the database: SLA warnings and breaches, the end of a Hold,
 * the auto-close of Fixed tickets. Timers survive restarts (an overdue one fires at start) and
 * fire exactly once even with several processes on one database: each is marked fired in the
 * same write that applies its effect, and writes never overlap. Through the commit path: the
 * changes are published, then the notices (SLA warnings, Hold ended) go out.
 */
export class TimerScheduler {
  private interval: ReturnType<typeof setInterval> | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly commits: CommitPath,
    private readonly logger: Logger,
  ) {}

  start(everyMs = 1_000): void {
    void this.runDue();
    this.interval = setInterval(() => void this.runDue(), everyMs);
    this.interval.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    await this.running;
  }

  /** Fires everything due now; resolves with how many timers were spent. One run at a time. */
  runDue(): Promise<number> {
    if (this.running) return this.running.then(() => this.runDue());
    this.running = this.fireAllDue()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'lifecycle timers failed; retrying on the next tick');
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async fireAllDue(): Promise<number> {
    let spent = 0;
    for (;;) {
      const count = await this.commits.commit(async (trx, now) => {
        const due = await dueTimers(trx, now, BATCH);
        const changes: CommittedChange[] = [];
        const notices: FiredNotice[] = [];
        for (const timer of due) {
          await markTimerFired(trx, timer.id, now);
          const ticket = await findTicketById(trx, timer.ticketId);
          const effect = ticket && applyTimer(ticket, timer.kind, now, randomUUID());
          if (!ticket || !effect) continue;
          const change = await persistApplied(trx, ticket, effect.applied, { type: 'system', id: null }, now);
          changes.push(change);
          const updated = change.tickets[0]?.doc;
          if (effect.notice && updated) notices.push({ notice: effect.notice, ticket: updated });
        }
        return { value: due.length, change: mergeChanges(changes), notices };
      });
      spent += count;
      if (count < BATCH) return spent;
    }
  }
}
