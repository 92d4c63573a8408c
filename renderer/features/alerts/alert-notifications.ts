import type { TFunction } from 'i18next';
import type { PlatformNotification } from '../../platform/platform';

/** What a notification needs to say about one ticket. */
export type AssignedTicket = { id: string; number: number; subject: string };

/** Up to this many new assignments at once get a notification each; more become one summary. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

const TICKET_TAG_PREFIX = 'ticket:';
/**
 * The tag of summaries and multi-ticket reminders: a click shows My tickets. A tag rather than
 * none, so a click still reaches the console (the platforms only report tagged clicks) and a new
 * summary replaces the previous one instead of piling up.
 */
export const MY_TICKETS_TAG = 'tickets:mine';

export const ticketTag = (ticketId: string): string => `${TICKET_TAG_PREFIX}${ticketId}`;

/** The ticket id a notification tag opens, or null for any other tag. */
export function ticketIdOfTag(tag: string): string | null {
  return tag.startsWith(TICKET_TAG_PREFIX) && tag.length > TICKET_TAG_PREFIX.length ? tag.slice(TICKET_TAG_PREFIX.length) : null;
}

/** Ticket numbers for a notification body: "#4001, #4002, #4003 …" (a body is only a few lines). */
function listNumbers(tickets: readonly AssignedTicket[]): string {
  const shown = tickets.slice(0, 5).map((ticket) => `#${ticket.number}`);
  return tickets.length > shown.length ? `${shown.join(', ')} …` : shown.join(', ');
}

/**
 * Notifications for assignments that just arrived: one per ticket ("Ticket #N assigned to you",
 * the subject as body, a click opens it), or a single summary for a burst of more than
 * MAX_SEPARATE_NOTIFICATIONS (the first sync after a long offline spell) rather than a flood.
 */
export function assignedNotifications(t: TFunction, tickets: readonly AssignedTicket[]): PlatformNotification[] {
  if (tickets.length <= MAX_SEPARATE_NOTIFICATIONS) {
    return tickets.map((ticket) => ({
      title: t('notifications.assignedTitle', { number: ticket.number }),
      body: ticket.subject,
      tag: ticketTag(ticket.id),
    }));
  }
  return [
    {
      title: t('notifications.assignedMany', { count: tickets.length }),
      body: t('alerts.summaryBody', { numbers: listNumbers(tickets) }),
      tag: MY_TICKETS_TAG,
    },
  ];
}

/** The reminder about assignments still unopened: about the ticket when there is one, else a count. */
export function reminderNotification(t: TFunction, tickets: readonly AssignedTicket[]): PlatformNotification | null {
  const [first] = tickets;
  if (!first) return null;
  if (tickets.length === 1) {
    return { title: t('alerts.reminderTitle', { number: first.number }), body: first.subject, tag: ticketTag(first.id) };
  }
  return {
    title: t('alerts.reminderMany', { count: tickets.length }),
    body: t('alerts.summaryBody', { numbers: listNumbers(tickets) }),
    tag: MY_TICKETS_TAG,
  };
}
