import { leadingWords } from '../../core/search';
import type { DeskDatabase } from '../db/database';
import type { MessageDocument } from '../db/schemas';
import type { ArticleSearchHit, LocalKnowledge } from './local-knowledge';
import type { LocalSearch, TicketSearchHit } from './local-search';

/** What the console offers beside an open ticket, unasked. */
export type TicketSuggestions = { articles: ArticleSearchHit[]; solvedTickets: TicketSearchHit[] };

export const SUGGESTED_ARTICLES = 3;
export const SUGGESTED_TICKETS = 3;
/** The customer's latest messages say what the ticket is about now; older ones add less. */
const CUSTOMER_MESSAGES_READ = 5;
/**
 * The subject and the start of the latest messages name the problem; each further word is one
 * more term scored over every ticket that has it (most of a suggestion's cost on a large desk).
 */
const SUGGESTION_WORDS = 10;

/**
 * The articles and solved tickets most like an open ticket, computed locally (offline too) from
 * its subject and its customer's latest messages: what an agent would otherwise search for.
 */
export async function suggestionsFor(db: DeskDatabase, knowledge: LocalKnowledge, search: LocalSearch, ticketId: string): Promise<TicketSuggestions> {
  const ticket = await db.tickets.findOne(ticketId).exec();
  if (!ticket) return { articles: [], solvedTickets: [] };
  const messages = await db.messages.find({ selector: { ticketId, kind: 'customer' }, sort: [{ createdAt: 'desc' }], limit: CUSTOMER_MESSAGES_READ }).exec();
  const text = leadingWords([ticket.subject, ...messages.map((doc) => (doc.toJSON() as MessageDocument).body)].join('\n'), SUGGESTION_WORDS);
  const [articles, solvedTickets] = await Promise.all([
    knowledge.search(text, { match: 'any', limit: SUGGESTED_ARTICLES }),
    search.similarSolved(text, ticketId, SUGGESTED_TICKETS),
  ]);
  return { articles, solvedTickets };
}
