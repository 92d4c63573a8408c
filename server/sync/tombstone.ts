import type { Replicated, Ticket } from '../../core';

/**
 * What a console receives for a ticket its agent may no longer see: a removal marker with the
 * content blanked (subject, description, requester, tags, assignment, group) and the schema's
 * other fields as they were, so the local database can store and index it. The console then drops
 * the ticket and its messages.
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
