import { z } from 'zod';
import type { Ticket } from '../domain/ticket';
import { reject } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';

export const MarkPrecedentPayloadSchema = z.object({ precedent: z.boolean() }).strict();

/**
 * L3 experts mark a solution as a precedent (a knowledge-base article to be); also on Fixed,
 * Closed and Canceled tickets, since that is when a solution is known.
 */
export function applyMarkPrecedent(ticket: Ticket, payload: z.infer<typeof MarkPrecedentPayloadSchema>, ctx: ApplyContext): ApplyResult {
  if (ctx.actor.level !== 3) return refused(reject('forbidden', 'only L3 agents mark solutions as precedents'));
  if (ticket.precedent === payload.precedent) {
    return refused(reject('invalid_mutation', payload.precedent ? 'the ticket is already a precedent' : 'the ticket is not a precedent'));
  }
  return accepted(ticket, { precedent: payload.precedent }, ctx, { type: 'ticket.precedent_marked', data: { precedent: payload.precedent } });
}
