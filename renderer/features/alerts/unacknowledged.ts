import type { TicketStatus } from '../../../core';
import type { TicketView } from '../../sync/desk-session';
import type { Acknowledged } from './acknowledgements';

/**
 * Statuses in which an assignment still asks for the agent's attention. Fixed is left out: the
 * work is done (My tickets still lists it until it closes, and its acknowledgement is kept so a
 * reopen by the customer is not announced as a new assignment).
 */
export const ALERTING_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'waiting_for_customer', 'hold'];

/** A ticket assigned to the agent with a known assignment time. */
export type Assignment = TicketView & { assignedAt: number };

/** Stable identity of one assignment: a later reassignment of the same ticket is a different one. */
export const assignmentKey = (ticket: { id: string; assignedAt: number }): string => `${ticket.id}@${ticket.assignedAt}`;

/**
 * The agent's assignments they have not acknowledged (opened) yet, in the order given: tickets
 * assigned to `agentId`, in an alerting status, given to them by someone else (routing or a
 * supervisor: a ticket the agent took is no news to them), whose assignedAt differs from the one
 * they acknowledged (a reassignment back to them is a new assignment).
 *
 * Pending local changes deliberately do NOT exempt a ticket. The old rule ("the agent is working
 * on it") existed to hide the agent's own Take, which `assignedBy === agentId` now says exactly,
 * from the optimistic view as well as from the server. Otherwise a pending change only shows the
 * agent touched the ticket, not that they saw this assignment: they may have replied offline while
 * it was unassigned and routing gave it to them meanwhile. Hiding it while pending would at best
 * delay the alert until the change syncs (the flag then clears) and at worst, had we recorded an
 * acknowledgement for it, lose the assignment silently. Opening the ticket is what acknowledges.
 */
export function unacknowledgedAssignments(tickets: readonly TicketView[], agentId: string, acknowledged: Acknowledged): Assignment[] {
  return tickets.filter(
    (ticket): ticket is Assignment =>
      ticket.assigneeId === agentId &&
      ALERTING_STATUSES.includes(ticket.status) &&
      ticket.assignedAt !== null &&
      ticket.assignedBy !== agentId &&
      acknowledged[ticket.id] !== ticket.assignedAt,
  );
}
