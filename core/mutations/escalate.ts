import { z } from 'zod';
import type { Level } from '../domain/common';
import type { Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import { reject, type Rejection } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork, checkNotFinal } from './permissions';

export const ESCALATION_REASON_MAX = 2_000;

/** L3 is the last line: nothing escalates past it. */
export const LAST_LINE: Level = 3;

/** The line an escalation hands the ticket to (the last line stays the last). */
export const nextLine = (level: Level): Level => Math.min(level + 1, LAST_LINE) as Level;

/** Why this ticket cannot go to the next line, or null when it can (who may ask is checkMayWork's). */
export function escalationRefusal(ticket: Pick<Ticket, 'level' | 'status'>): Rejection | null {
  const final = checkNotFinal(ticket);
  if (final) return final;
  if (ticket.level === LAST_LINE) return reject('cannot_escalate', 'the ticket is already at L3, the last line', { level: LAST_LINE });
  if (ticket.status === 'fixed') return reject('cannot_escalate', 'a Fixed ticket is answered: it reopens if the customer writes again', { level: ticket.level });
  return null;
}

/** Whether escalating is offered at all: as applyEscalate would accept it, apart from who asks. */
export const isEscalatable = (ticket: Pick<Ticket, 'level' | 'status'>): boolean => escalationRefusal(ticket) === null;

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
  const refusal = checkNotFinal(ticket) ?? checkMayWork(ticket, ctx) ?? escalationRefusal(ticket);
  if (refusal) return refused(refusal);
  const next = nextLine(ticket.level);
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
