import { z } from 'zod';
import { canManageAssignments } from '../domain/agent';
import { IdSchema } from '../domain/common';
import type { Ticket } from '../domain/ticket';
import { reject } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork, checkNotFinal } from './permissions';

/** Assign to an agent, or to nobody (back to the queue). */
export const AssignPayloadSchema = z.object({ assigneeId: IdSchema.nullable() }).strict();

/**
 * Supervisors and admins assign anybody. An agent may only give a ticket to themselves (when
 * nobody has it) or hand their own ticket back to the queue.
 */
export function applyAssign(ticket: Ticket, payload: z.infer<typeof AssignPayloadSchema>, ctx: ApplyContext): ApplyResult {
  const { assigneeId } = payload;
  const refusal = checkNotFinal(ticket) ?? checkMayWork(ticket, ctx);
  if (refusal) return refused(refusal);
  if (!canManageAssignments(ctx.actor) && assigneeId !== null && assigneeId !== ctx.actor.id) {
    return refused(reject('forbidden', 'only supervisors and admins assign tickets to other agents'));
  }
  if (assigneeId !== null && ctx.findAgent) {
    const agent = ctx.findAgent(assigneeId);
    if (!agent || !agent.active) {
      return refused(reject('unknown_agent', 'there is no active agent with that id', { assigneeId }));
    }
  }
  return accepted(ticket, { assigneeId }, ctx, {
    type: 'ticket.assigned',
    data: { from: ticket.assigneeId, to: assigneeId },
  });
}
