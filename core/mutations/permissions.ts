import { canManageAssignments, type Actor } from '../domain/agent';
import type { Ticket } from '../domain/ticket';
import { FINAL_STATUSES } from '../workflow/statuses';
import { reject, type Rejection } from '../workflow/rejection';
import type { ApplyContext } from './context';

/** The assignee works the ticket; supervisors and admins may step in; an unassigned ticket is anyone's. */
export const mayWork = (ticket: Pick<Ticket, 'assigneeId'>, actor: Pick<Actor, 'id' | 'role'>): boolean =>
  ticket.assigneeId === null || ticket.assigneeId === actor.id || canManageAssignments(actor);

export function checkMayWork(ticket: Ticket, ctx: ApplyContext): Rejection | null {
  if (ticket.assigneeId === null || mayWork(ticket, ctx.actor)) return null;
  return reject('not_assigned', 'the ticket is assigned to another agent', {
    assigneeId: ticket.assigneeId,
  });
}

export function checkNotFinal(ticket: Pick<Ticket, 'status'>): Rejection | null {
  if (!FINAL_STATUSES.includes(ticket.status)) return null;
  return reject('ticket_final', `the ticket is ${ticket.status} and can no longer change`, {
    from: ticket.status,
  });
}
