import type { Replicated, Ticket } from '../../core';

/**
 * What a console receives for a ticket its agent may no longer see: a removal marker that keeps
 * only what the local database indexes on (id, number, status, priority, times, version) and none
 * of the content. The console then drops the ticket and its messages.
 */
export function ticketTombstone(ticket: Ticket): Replicated<Ticket> {
  return {
    ...ticket,
    subject: '',
    description: '',
    requester: { email: '', name: '', organization: null },
    tags: [],
    assigneeId: null,
    assignedAt: null,
    assignedBy: null,
    groupId: null,
    _deleted: true,
  };
}
