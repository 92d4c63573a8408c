import { z } from 'zod';
import { TimestampSchema } from '../domain/common';
import { TicketNumberSchema, TicketStatusSchema, type Ticket } from '../domain/ticket';
import { MAX_HOLD_MS } from '../workflow/lifecycle-timers';
import { reject } from '../workflow/rejection';
import { checkTransition } from '../workflow/statuses';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork } from './permissions';

export const SetStatusPayloadSchema = z
  .object({
    status: TicketStatusSchema,
    /** Required when canceling: the number of the ticket this one duplicates. */
    duplicateOf: TicketNumberSchema.optional(),
    /** With Hold: when the hold should end (at most 30 days ahead; 30 days when omitted). */
    holdUntil: TimestampSchema.optional(),
  })
  .strict();
type SetStatusPayload = z.infer<typeof SetStatusPayloadSchema>;

export function applySetStatus(ticket: Ticket, payload: SetStatusPayload, ctx: ApplyContext): ApplyResult {
  const refusal = checkTransition(ticket.status, payload.status, 'agent') ?? checkMayWork(ticket, ctx);
  if (refusal) return refused(refusal);

  const changes: Partial<Ticket> = { status: payload.status };
  if (payload.status === 'canceled') {
    const duplicateRefusal = checkDuplicate(ticket, payload.duplicateOf, ctx);
    if (duplicateRefusal) return refused(duplicateRefusal);
    changes.duplicateOf = payload.duplicateOf ?? null;
  }
  // Starting work on an unassigned ticket makes it yours, as "Take" would.
  if (payload.status === 'in_progress' && ticket.assigneeId === null) changes.assigneeId = ctx.actor.id;
  if (payload.status === 'fixed') changes.fixedAt = ctx.now;
  if (payload.status === 'hold') {
    const holdUntil = payload.holdUntil ?? ctx.now + MAX_HOLD_MS;
    if (holdUntil <= ctx.now || holdUntil > ctx.now + MAX_HOLD_MS) {
      return refused(reject('hold_out_of_range', 'a hold ends in the future and at most 30 days from now', { maxDays: 30 }));
    }
    changes.holdUntil = holdUntil;
  } else if (payload.holdUntil !== undefined) {
    return refused(reject('invalid_mutation', 'holdUntil goes with status "hold"'));
  }
  if (ticket.status === 'hold') changes.holdUntil = null;

  const data: Record<string, unknown> = { from: ticket.status, to: payload.status, duplicateOf: changes.duplicateOf ?? null };
  // Starting an unassigned ticket made it the agent's: an assignment too, for KPIs.
  if (changes.assigneeId) data.assignedTo = changes.assigneeId;
  return accepted(ticket, changes, ctx, { type: 'ticket.status_changed', data });
}

function checkDuplicate(ticket: Ticket, duplicateOf: number | undefined, ctx: ApplyContext) {
  if (duplicateOf === undefined) {
    return reject('duplicate_required', 'canceling needs the number of the ticket this one duplicates');
  }
  if (duplicateOf === ticket.number) {
    return reject('duplicate_of_itself', 'a ticket cannot duplicate itself', { number: duplicateOf });
  }
  // One message for "missing" and "not yours to see": the answer must not tell which numbers exist.
  if (ctx.ticketNumberVisible && !ctx.ticketNumberVisible(duplicateOf)) {
    return reject('duplicate_not_found', 'there is no ticket with that number', { number: duplicateOf });
  }
  return null;
}
