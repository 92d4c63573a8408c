import type { Ticket } from '../domain/ticket';
import { auditedDecision, type RoutingDecision } from '../workflow/routing';
import { assignmentStamp, type Applied } from './context';

/**
 * Routing's own change: the chosen agent gets the ticket (still New until they start on it). The
 * audit event carries the decision: who was considered, in what state, and why this agent.
 */
export function applyAutoAssign(ticket: Ticket, decision: RoutingDecision & { assigneeId: string }, now: number): Applied {
  return {
    ok: true,
    ticket: { ...ticket, ...assignmentStamp(decision.assigneeId, null, now), version: ticket.version + 1, updatedAt: now },
    messages: [],
    audit: {
      type: 'ticket.assigned',
      data: { from: ticket.assigneeId, to: decision.assigneeId, by: 'routing', ...auditedDecision(decision) },
    },
  };
}

/**
 * The system takes a ticket back from an agent who can no longer work it (deactivated): it
 * returns to its queue, where routing picks it up again.
 */
export function applyUnassign(ticket: Ticket, reason: string, now: number): Applied {
  return {
    ok: true,
    ticket: { ...ticket, ...assignmentStamp(null, null, now), version: ticket.version + 1, updatedAt: now },
    messages: [],
    audit: { type: 'ticket.assigned', data: { from: ticket.assigneeId, to: null, by: 'system', reason } },
  };
}
