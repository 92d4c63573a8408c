import type { Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import { AUTO_CLOSE_AFTER_MS, type TimerKind } from '../workflow/lifecycle-timers';
import { checkTransition } from '../workflow/statuses';
import type { Applied } from './context';

/** What a timer did, for the server to push: SLA warnings go to the assignee and supervisors, a hold's end to the assignee. */
export type TimerNotice = { kind: 'sla_warning'; clock: 'first_response' | 'resolution' } | { kind: 'hold_ended' } | null;

export type TimerEffect = { applied: Applied; notice: TimerNotice };

/**
 * The system's own changes when a timer is due. Returns null when the ticket no longer is in the
 * state that planned the timer (the timer is then simply spent). Pure, like every rule.
 */
export function applyTimer(ticket: Ticket, kind: TimerKind, now: number, messageId: string): TimerEffect | null {
  const change = (changes: Partial<Ticket>, audit: Applied['audit'], notice: TimerNotice, messages: Message[] = []): TimerEffect => ({
    applied: { ok: true, ticket: { ...ticket, ...changes, version: ticket.version + 1, updatedAt: now }, messages, audit },
    notice,
  });
  const { sla } = ticket;
  switch (kind) {
    case 'sla_warning_first_response':
      if (ticket.firstResponseAt !== null || sla.firstResponseWarnedAt !== null || sla.runningSince === null) return null;
      return change({ sla: { ...sla, firstResponseWarnedAt: now } }, { type: 'sla.warning', data: { clock: 'first_response', dueAt: sla.firstResponseDueAt } }, { kind: 'sla_warning', clock: 'first_response' });
    case 'sla_warning_resolution':
      if (sla.resolutionWarnedAt !== null || sla.runningSince === null) return null;
      return change({ sla: { ...sla, resolutionWarnedAt: now } }, { type: 'sla.warning', data: { clock: 'resolution', dueAt: sla.resolutionDueAt } }, { kind: 'sla_warning', clock: 'resolution' });
    case 'sla_breach_first_response':
      if (ticket.firstResponseAt !== null || sla.firstResponseBreachedAt !== null || sla.runningSince === null) return null;
      return change({ sla: { ...sla, firstResponseBreachedAt: now } }, { type: 'sla.breached', data: { clock: 'first_response', dueAt: sla.firstResponseDueAt } }, null);
    case 'sla_breach_resolution':
      if (sla.resolutionBreachedAt !== null || sla.runningSince === null) return null;
      return change({ sla: { ...sla, resolutionBreachedAt: now } }, { type: 'sla.breached', data: { clock: 'resolution', dueAt: sla.resolutionDueAt } }, null);
    case 'hold_end': {
      if (checkTransition(ticket.status, 'in_progress', 'timer') || ticket.status !== 'hold') return null;
      const note: Message = { id: messageId, ticketId: ticket.id, kind: 'system', body: 'The hold ended; the ticket is back in progress.', authorId: null, authorName: 'Tierdesk', createdAt: now };
      return change({ status: 'in_progress', holdUntil: null }, { type: 'ticket.hold_ended', data: { from: 'hold', to: 'in_progress' } }, { kind: 'hold_ended' }, [note]);
    }
    case 'auto_close': {
      if (checkTransition(ticket.status, 'closed', 'timer')) return null;
      // The customer is told (by mail where they are reached by mail), so a silence is not mistaken for neglect.
      const notice: Message = {
        id: messageId,
        ticketId: ticket.id,
        kind: 'auto_reply',
        body: `Your request #${ticket.number} is now closed: it was marked solved ${AUTO_CLOSE_AFTER_MS / 3_600_000} hours ago and we have not heard otherwise. If it still does not work, reply to this mail and we will pick it up again.`,
        authorId: null,
        authorName: 'Tierdesk',
        createdAt: now,
      };
      return change({ status: 'closed', closedAt: now }, { type: 'ticket.closed', data: { from: 'fixed', to: 'closed' } }, null, [notice]);
    }
  }
}
