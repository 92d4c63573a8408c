import type { BusinessCalendar } from '../domain/calendar';
import { targetsFor, type SlaClock, type SlaSettings } from '../domain/sla';
import type { Ticket, TicketStatus } from '../domain/ticket';
import { addBusinessTime, businessTimeBetween } from './business-time';

const MINUTE_MS = 60_000;

/** The clocks run while somebody owes the customer work: New and In Progress. */
export const isSlaRunning = (status: TicketStatus): boolean => status === 'new' || status === 'in_progress';

/** The clocks of a ticket registered now. */
export function startSlaClock(settings: SlaSettings, ticket: Pick<Ticket, 'priority' | 'requester'>, now: number): SlaClock {
  const targets = targetsFor(settings, ticket.priority, ticket.requester.organization);
  const idle: SlaClock = {
    firstResponseTargetMs: targets.firstResponseMinutes * MINUTE_MS,
    resolutionTargetMs: targets.resolutionMinutes * MINUTE_MS,
    elapsedMs: 0,
    runningSince: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstResponseWarnedAt: null,
    resolutionWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
  };
  return resume(idle, settings.calendar, now, false);
}

/**
 * Brings the clocks of `after` up to date with a change from `before`, at `now`: business time
 * counted so far is banked, targets follow a new priority, and the clocks run again only in a
 * running status. The first-response due time is frozen once the first reply went out, so KPIs
 * can compare the two.
 */
export function advanceSlaClock(before: Ticket, after: Ticket, settings: SlaSettings, now: number): SlaClock {
  const calendar = settings.calendar;
  let clock = bank(after.sla, calendar, now);
  if (before.priority !== after.priority || before.requester.organization !== after.requester.organization) {
    const targets = targetsFor(settings, after.priority, after.requester.organization);
    clock = { ...clock, firstResponseTargetMs: targets.firstResponseMinutes * MINUTE_MS, resolutionTargetMs: targets.resolutionMinutes * MINUTE_MS };
  }
  const responded = after.firstResponseAt !== null;
  if (isSlaRunning(after.status)) return resume(clock, calendar, now, responded);
  return {
    ...clock,
    firstResponseDueAt: responded ? clock.firstResponseDueAt : null,
    resolutionDueAt: null,
  };
}

/** Counts the business time since the clock last started into `elapsedMs` and stops it. */
function bank(clock: SlaClock, calendar: BusinessCalendar, now: number): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, elapsedMs: clock.elapsedMs + businessTimeBetween(calendar, clock.runningSince, now), runningSince: null };
}

function resume(clock: SlaClock, calendar: BusinessCalendar, now: number, responded: boolean): SlaClock {
  const dueAfter = (targetMs: number, previous: number | null) => {
    const remaining = targetMs - clock.elapsedMs;
    // Already past the target: the due time lies in the past; keep the one that was in force.
    if (remaining <= 0) return previous ?? now;
    return addBusinessTime(calendar, now, remaining);
  };
  return {
    ...clock,
    runningSince: now,
    firstResponseDueAt: responded ? clock.firstResponseDueAt : dueAfter(clock.firstResponseTargetMs, clock.firstResponseDueAt),
    resolutionDueAt: dueAfter(clock.resolutionTargetMs, clock.resolutionDueAt),
  };
}

export type SlaState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

/** One word for the ticket's SLA, as the API and the console show it. */
export function slaState(ticket: Ticket): SlaState {
  const { sla } = ticket;
  if (sla.firstResponseBreachedAt !== null || sla.resolutionBreachedAt !== null) return 'breached';
  if (ticket.status === 'fixed' || ticket.status === 'closed') return 'met';
  if (ticket.status === 'canceled') return 'stopped';
  return sla.runningSince === null ? 'paused' : 'running';
}

/** Business time left on each clock at `now` (negative when overdue); null when that clock no longer applies. */
export function slaTimeLeft(ticket: Ticket, calendar: BusinessCalendar, now: number): { firstResponseMs: number | null; resolutionMs: number | null } {
  const { sla } = ticket;
  const elapsed = sla.elapsedMs + (sla.runningSince === null ? 0 : businessTimeBetween(calendar, sla.runningSince, now));
  const finished = ticket.status === 'fixed' || ticket.status === 'closed' || ticket.status === 'canceled';
  return {
    firstResponseMs: ticket.firstResponseAt !== null || finished ? null : sla.firstResponseTargetMs - elapsed,
    resolutionMs: finished ? null : sla.resolutionTargetMs - elapsed,
  };
}
