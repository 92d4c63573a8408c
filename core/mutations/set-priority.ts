import { z } from 'zod';
import { PrioritySchema, type Ticket } from '../domain/ticket';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork, checkNotFinal } from './permissions';

export const SetPriorityPayloadSchema = z.object({ priority: PrioritySchema }).strict();

export function applySetPriority(
  ticket: Ticket,
  payload: z.infer<typeof SetPriorityPayloadSchema>,
  ctx: ApplyContext,
): ApplyResult {
  const refusal = checkNotFinal(ticket) ?? checkMayWork(ticket, ctx);
  if (refusal) return refused(refusal);
  return accepted(ticket, { priority: payload.priority }, ctx, {
    type: 'ticket.priority_changed',
    data: { from: ticket.priority, to: payload.priority },
  });
}
