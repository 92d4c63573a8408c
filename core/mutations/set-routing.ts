import { z } from 'zod';
import { canManageAssignments } from '../domain/agent';
import { IdSchema, LevelSchema } from '../domain/common';
import type { Ticket } from '../domain/ticket';
import { reject } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkNotFinal } from './permissions';

export const SetRoutingPayloadSchema = z.object({ groupId: IdSchema, level: LevelSchema }).strict();

/**
 * A supervisor moves a ticket to another group or line by hand. Whoever held it no longer does
 * (the new group and line route it again); agents who lose sight of it lose it from their desks.
 */
export function applySetRouting(ticket: Ticket, payload: z.infer<typeof SetRoutingPayloadSchema>, ctx: ApplyContext): ApplyResult {
  const final = checkNotFinal(ticket);
  if (final) return refused(final);
  if (!canManageAssignments(ctx.actor)) {
    return refused(reject('forbidden', 'only supervisors and admins move tickets between groups and lines'));
  }
  if (ctx.groupExists && !ctx.groupExists(payload.groupId)) {
    return refused(reject('unknown_group', 'there is no such group', { groupId: payload.groupId }));
  }
  const moved = payload.groupId !== ticket.groupId || payload.level !== ticket.level;
  if (!moved) return refused(reject('invalid_mutation', 'the ticket is already in that group and line'));
  return accepted(ticket, { groupId: payload.groupId, level: payload.level, assigneeId: null }, ctx, {
    type: 'ticket.rerouted',
    data: { fromGroupId: ticket.groupId, toGroupId: payload.groupId, fromLevel: ticket.level, toLevel: payload.level, previousAssigneeId: ticket.assigneeId },
  });
}
