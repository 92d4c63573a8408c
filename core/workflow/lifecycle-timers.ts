import type { BusinessCalendar } from '../domain/calendar';
import { SLA_WARNING_SHARE } from '../domain/sla';
import type { Ticket } from '../domain/ticket';
import { addBusinessTime } from './business-time';

/** Hold lasts at most this long; then the ticket returns to In Progress by itself. */
export const MAX_HOLD_MS = 30 * 24 * 3_600_000;
/** A Fixed ticket closes by itself this long after it was fixed, unless reopened. */
export const AUTO_CLOSE_AFTER_MS = 48 * 3_600_000;

export const TIMER_KINDS = [
  'sla_warning_first_response',
  'sla_breach_first_response',
  'sla_warning_resolution',
  'sla_breach_resolution',
  'hold_end',
  'auto_close',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
export type PlannedTimer = { kind: TimerKind; dueAt: number };

/**
 * Every timer a ticket needs in its current state. The server replaces a ticket's pending timers
 * with this list on every change, so a timer never outlives the state that planned it.
 */
export function plannedTimers(ticket: Ticket, calendar: BusinessCalendar): PlannedTimer[] {
  const timers: PlannedTimer[] = [];
  if (ticket.status === 'hold' && ticket.holdUntil !== null) timers.push({ kind: 'hold_end', dueAt: ticket.holdUntil });
  if (ticket.status === 'fixed' && ticket.fixedAt !== null) timers.push({ kind: 'auto_close', dueAt: ticket.fixedAt + AUTO_CLOSE_AFTER_MS });

  const { sla } = ticket;
  if (sla.runningSince === null) return timers;
  const warningAt = (targetMs: number) =>
    addBusinessTime(calendar, sla.runningSince as number, Math.max(0, targetMs * SLA_WARNING_SHARE - sla.elapsedMs));
  if (ticket.firstResponseAt === null && sla.firstResponseDueAt !== null) {
    if (sla.firstResponseWarnedAt === null) timers.push({ kind: 'sla_warning_first_response', dueAt: warningAt(sla.firstResponseTargetMs) });
    if (sla.firstResponseBreachedAt === null) timers.push({ kind: 'sla_breach_first_response', dueAt: sla.firstResponseDueAt });
  }
  if (sla.resolutionDueAt !== null) {
    if (sla.resolutionWarnedAt === null) timers.push({ kind: 'sla_warning_resolution', dueAt: warningAt(sla.resolutionTargetMs) });
    if (sla.resolutionBreachedAt === null) timers.push({ kind: 'sla_breach_resolution', dueAt: sla.resolutionDueAt });
  }
  return timers;
}
