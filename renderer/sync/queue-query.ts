import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { isOpenStatus, priorityRank, type Ticket } from '../../core';
import type { TicketDocument } from '../db/schemas';
import type { QueueFilter } from './desk-session';

/** The queue shows the most urgent and oldest first; more than this is a backlog to filter, not to scroll. */
export const QUEUE_LIMIT = 300;

/** The server's ticket plus the derived, indexable fields the local queue sorts and filters on. */
export function toTicketDocument(ticket: Ticket): TicketDocument {
  return {
    ...ticket,
    priorityRank: priorityRank(ticket.priority),
    assigneeKey: ticket.assigneeId ?? '',
    openRank: isOpenStatus(ticket.status) ? 0 : 1,
  };
}

/**
 * The local query of a queue view. "Open" filters on `openRank` rather than `status $in`, so an
 * index returns the rows already in queue order instead of sorting every open ticket in memory.
 */
export function queueQuery(filter: QueueFilter, agentId: string): MangoQuery<TicketDocument> {
  const selector: MangoQuerySelector<TicketDocument> = {};
  if (filter.view === 'mine') selector.assigneeKey = agentId;
  if (filter.view === 'unassigned') selector.assigneeKey = '';
  if (filter.status === 'open') selector.openRank = 0;
  else if (filter.status !== 'any') selector.status = filter.status;
  return { selector, sort: [{ priorityRank: 'asc' }, { createdAt: 'asc' }], limit: QUEUE_LIMIT };
}
