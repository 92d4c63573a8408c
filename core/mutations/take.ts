import { z } from 'zod';
import { canManageAssignments } from '../domain/agent';
import type { Ticket } from '../domain/ticket';
import { reject } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkNotFinal } from './permissions';

/** "Take": assign the ticket to me; a New ticket starts being worked (In Progress). */
export const TakePayloadSchema = z.object({}).strict();

export function applyTake(ticket: Ticket, _payload: z.infer<typeof TakePayloadSchema>, ctx: ApplyContext): ApplyResult {
  const final = checkNotFinal(ticket);
  if (final) return refused(final);
  const takenByOther = ticket.assigneeId !== null && ticket.assigneeId !== ctx.actor.id;
  if (takenByOther && !canManageAssignments(ctx.actor)) {
    return refused(
      reject('already_assigned', 'another agent has already taken this ticket', {
        assigneeId: ticket.assigneeId ?? '',
      }),
    );
  }
  const status = ticket.status === 'new' ? 'in_progress' : ticket.status;
  return accepted(ticket, { assigneeId: ctx.actor.id, status }, ctx, {
    type: 'ticket.taken',
    data: { from: ticket.assigneeId, to: ctx.actor.id, status },
  });
}
