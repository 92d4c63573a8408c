import type { Message, MessageKind } from '../domain/message';
import type { Ticket } from '../domain/ticket';

/**
 * What of a ticket a search reads, one rule for the console's index and the server's: the ticket's
 * own words (number, subject, requester, tags) and the words of its conversation. The description
 * is the opening customer message, so it is read there. The desk's own form letters (automatic
 * replies, system lines) say the same on every ticket: a word in them would match all of them.
 */
export const SEARCHED_MESSAGE_KINDS: ReadonlySet<MessageKind> = new Set(['customer', 'reply', 'note']);

export const isSearchedMessage = (message: Pick<Message, 'kind'>): boolean => SEARCHED_MESSAGE_KINDS.has(message.kind);

/** The ticket's own searched words, without its conversation. */
export function ticketOwnText(ticket: Pick<Ticket, 'number' | 'subject' | 'requester' | 'tags'>): string {
  return [String(ticket.number), ticket.subject, ticket.requester.name, ticket.requester.email, ...ticket.tags].join('\n');
}
