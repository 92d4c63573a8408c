import type { Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import { checkTransition } from '../workflow/statuses';
import { refused, type ApplyResult } from './context';

/**
 * "This solved my problem": the customer, offered a public article in the acknowledgement, says
 * it answered them. The ticket goes Fixed (and closes 48 h later like any Fixed ticket), recorded
 * as done by the customer and credited to no agent: the `ticket.self_solved` event counts as a
 * self-service resolution, never as an agent's solve. A line in the conversation tells the team.
 */
export function applyCustomerSolved(ticket: Ticket, input: { article: { id: string; title: string }; now: number; messageId: string }): ApplyResult {
  const refusal = checkTransition(ticket.status, 'fixed', 'customer');
  if (refusal) return refused(refusal);
  const note: Message = {
    id: input.messageId,
    ticketId: ticket.id,
    kind: 'system',
    body: `The customer marked this request solved by the article “${input.article.title}”.`,
    authorId: null,
    authorName: 'Tierdesk',
    createdAt: input.now,
  };
  return {
    ok: true,
    ticket: { ...ticket, status: 'fixed', fixedAt: input.now, version: ticket.version + 1, updatedAt: input.now },
    messages: [note],
    audit: { type: 'ticket.self_solved', data: { from: ticket.status, articleId: input.article.id } },
  };
}
