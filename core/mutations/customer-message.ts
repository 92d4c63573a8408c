import type { AttachmentRef, Message, MessageMail } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import { checkTransition } from '../workflow/statuses';
import { refused, type ApplyResult } from './context';

/**
 * The requester writes again (web form, portal, mail). Not an agent intent, so it never travels
 * through an outbox: the server applies it directly. A Waiting ticket returns to In Progress; a
 * Fixed ticket reopens and counts a reopen; Closed and Canceled tickets refuse it. A message a
 * machine wrote (`automatic`: an out-of-office answer to our mail) is kept but moves nothing: an
 * autoresponder must not reopen a solved ticket.
 */
export function applyCustomerMessage(
  ticket: Ticket,
  input: { messageId: string; body: string; now: number; mail?: MessageMail; automatic?: boolean; attachments?: AttachmentRef[] },
): ApplyResult {
  const message: Message = {
    id: input.messageId,
    ticketId: ticket.id,
    kind: 'customer',
    body: input.body,
    authorId: null,
    authorName: ticket.requester.name || ticket.requester.email,
    createdAt: input.now,
    ...(input.mail ? { mail: input.mail } : {}),
    ...(input.attachments?.length ? { attachments: input.attachments } : {}),
  };
  const returnsToWork = !input.automatic && (ticket.status === 'waiting_for_customer' || ticket.status === 'fixed');
  if (!returnsToWork) {
    const finalRefusal = checkTransition(ticket.status, ticket.status, 'customer');
    if (finalRefusal?.code === 'ticket_final') return refused(finalRefusal);
  }
  const reopened = ticket.status === 'fixed';
  const changes: Partial<Ticket> = returnsToWork
    ? { status: 'in_progress', reopenCount: ticket.reopenCount + (reopened ? 1 : 0), fixedAt: reopened ? null : ticket.fixedAt }
    : {};
  return {
    ok: true,
    ticket: { ...ticket, ...changes, version: ticket.version + 1, updatedAt: input.now },
    messages: [message],
    audit: { type: 'ticket.customer_wrote', data: { messageId: message.id, reopened, from: ticket.status } },
  };
}
