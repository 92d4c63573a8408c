import { z } from 'zod';
import type { Level } from '../domain/common';
import type { Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import { reject } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork, checkNotFinal } from './permissions';

export const ESCALATION_REASON_MAX = 2_000;

export const EscalatePayloadSchema = z
  .object({
    reason: z
      .string()
      .max(ESCALATION_REASON_MAX, `the reason is longer than ${ESCALATION_REASON_MAX} characters`)
      .refine((reason) => reason.trim().length > 0, 'say why the ticket needs the next line'),
  })
  .strict();

/**
 * Hands the ticket to the next line of its group (L1→L2→L3): nobody holds it until routing
 * assigns it again, and the reason stays in the conversation as an internal note (its id is the
 * mutation id, like every agent message, so the console's pending note becomes the stored one);
 * the note carries the line it went to, so each console words "Escalated to L2" in its language.
 */
export function applyEscalate(ticket: Ticket, payload: z.infer<typeof EscalatePayloadSchema>, ctx: ApplyContext, mutationId: string): ApplyResult {
  const refusal = checkNotFinal(ticket) ?? checkMayWork(ticket, ctx);
  if (refusal) return refused(refusal);
  if (ticket.level === 3) return refused(reject('cannot_escalate', 'the ticket is already at L3, the last line', { level: 3 }));
  if (ticket.status === 'fixed') return refused(reject('cannot_escalate', 'a Fixed ticket is answered: it reopens if the customer writes again', { level: ticket.level }));
  const next = (ticket.level + 1) as Level;
  const reason = payload.reason.trim();
  const note: Message = {
    id: mutationId,
    ticketId: ticket.id,
    kind: 'note',
    body: reason,
    escalatedTo: next,
    authorId: ctx.actor.id,
    authorName: ctx.actor.name,
    createdAt: ctx.now,
  };
  return accepted(
    ticket,
    { level: next, assigneeId: null },
    ctx,
    { type: 'ticket.escalated', data: { from: ticket.level, to: next, reason, previousAssigneeId: ticket.assigneeId } },
    [note],
  );
}
