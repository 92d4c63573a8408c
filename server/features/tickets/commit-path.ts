import type { Ticket, TimerNotice } from '../../../core';
import type { Clock } from '../../clock';
import type { Database, Executor } from '../../store/database';
import { NO_CHANGES, type ChangeFeed, type CommittedChange } from '../../sync/change-feed';

/** A lifecycle timer's effect worth telling people about (an SLA warning, the end of a Hold). */
export type FiredNotice = { notice: Exclude<TimerNotice, null>; ticket: Ticket };

/** What one write did, besides its result: what the path announces once it is committed. */
export type Written<T> = {
  value: T;
  /** Documents written, with their feed positions: streamed to consoles, folded into live KPIs. */
  change?: CommittedChange;
  /** Tickets given to an agent by someone else (routing, a supervisor): pushed to the assignee. */
  assigned?: readonly Ticket[];
  /** Lifecycle timers that fired. */
  notices?: readonly FiredNotice[];
  /** Agents whose groups or role changed: their consoles start a new sync epoch. */
  viewersChanged?: readonly string[];
  /** Agents, memberships, capacities or settings changed: live KPIs reload the team. */
  teamChanged?: boolean;
};

/**
 * A last step inside every write's transaction, after its own work: it may add to what the write
 * stored and announces (the mail outbox queues the public messages it wrote). It runs for every
 * write, so no path can store a reply without queueing its mail.
 */
export type CommitStep = (trx: Executor, change: CommittedChange, now: number) => Promise<CommittedChange>;

/** Who hears about committed writes (the transport, wired by the composition root). */
export type CommitListeners = {
  assigned(tickets: Ticket[]): void;
  notice(fired: FiredNotice): void;
  viewersChanged(agentIds: string[]): void;
  teamChanged(): void;
};

/**
 * The one way every write reaches the database: agent intents, intake from every channel,
 * customer messages, timers, routing passes, team and settings changes. The work validates and
 * applies (core's rules), persists, plans timers and routes, then runs the commit steps (the mail
 * outbox), inside one transaction (shared with
 * concurrent writes: see GroupCommit). Only after the commit, and always in this order:
 *
 * 1. viewers whose visibility changed are refreshed (before any document reaches them under the
 *    old rule);
 * 2. the change is published to the feed: consoles' streams (written on the next turn) and the
 *    live KPIs, which fold it in;
 * 3. assignments are pushed, naming each ticket as it ended up: an assignment that a later step of
 *    the same write undid (assigned, then moved away) is not announced;
 * 4. lifecycle notices go out;
 * 5. the team's KPIs reload, if the team changed.
 *
 * A write that fails announces nothing: its caller gets the error and nothing was stored.
 */
export class CommitPath {
  constructor(
    private readonly database: Database,
    private readonly feed: ChangeFeed,
    private readonly clock: Clock,
    private readonly listeners: CommitListeners,
    private readonly steps: readonly CommitStep[] = [],
  ) {}

  async commit<T>(work: (trx: Executor, now: number) => Promise<Written<T>>): Promise<T> {
    const written = await this.database.writeTransaction(async (trx) => {
      const now = this.clock.now();
      const done = await work(trx, now);
      if (!done.change || this.steps.length === 0) return done;
      let change = done.change;
      for (const step of this.steps) change = await step(trx, change, now);
      return { ...done, change };
    });
    this.announce(written);
    return written.value;
  }

  private announce(written: Written<unknown>): void {
    const change = written.change ?? NO_CHANGES;
    if (written.viewersChanged?.length) this.listeners.viewersChanged([...written.viewersChanged]);
    this.feed.publish(change);
    const pushes = finalAssignments(change, written.assigned ?? []);
    if (pushes.length > 0) this.listeners.assigned(pushes);
    written.notices?.forEach((fired) => this.listeners.notice(fired));
    if (written.teamChanged) this.listeners.teamChanged();
  }
}

/** Each assigned ticket in the state the write left it, if it is still with that assignee. */
function finalAssignments(change: CommittedChange, assigned: readonly Ticket[]): Ticket[] {
  const finalState = new Map(change.tickets.map((row) => [row.doc.id, row.doc]));
  const pushes = new Map<string, Ticket>();
  for (const ticket of assigned) {
    const final = finalState.get(ticket.id) ?? ticket;
    if (final.assigneeId !== null && final.assigneeId === ticket.assigneeId) pushes.set(final.id, final);
  }
  return [...pushes.values()];
}
