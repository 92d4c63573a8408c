import type { Ticket } from '../../core';
import type { DeskServer } from './socket-types';
import { agentRoom } from '../sync/visibility';

/**
 * `ticket:assigned` to the new assignee's sockets, and to no one else's, the moment the
 * assignment is committed. A console that is offline misses it and loses nothing: the ticket
 * reaches it through sync, and its alert is derived from the replicated assignment.
 */
export function pushAssignments(io: DeskServer, tickets: readonly Ticket[]): void {
  for (const ticket of tickets) {
    if (ticket.assigneeId === null || ticket.assignedAt === null) continue;
    io.to(agentRoom(ticket.assigneeId)).emit('ticket:assigned', {
      ticketId: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      priority: ticket.priority,
      assignedAt: ticket.assignedAt,
    });
  }
}
