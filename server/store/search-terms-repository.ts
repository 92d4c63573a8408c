import { sql, type RawBuilder } from 'kysely';
import type { Message, Ticket } from '../../core';
import { isSearchedMessage, termsOfText, termsOfWord, ticketOwnText, tokenize } from '../../core/search';
import type { Executor } from './database';
import type { Dialect } from './dialect';

/** A query's words beyond these are ignored: each is one more index lookup. */
export const MAX_QUERY_WORDS = 8;
/** Stems from this length on also match longer words they begin, as in the console (core/search). */
const PREFIX_FROM = 4;

/**
 * Keeps a ticket's own words searchable: on insert, and on updates that change them. Cheap:
 * number, subject, requester and tags only (the conversation is indexed message by message), and
 * an unchanged row is left alone (SQLite's triggers would otherwise rewrite its FTS entry).
 */
export async function indexTicketTerms(db: Executor, ticket: Ticket): Promise<void> {
  const terms = termsOfText(ticketOwnText(ticket)).join(' ');
  await db
    .insertInto('search_terms')
    .values({ source_id: ticket.id, ticket_id: ticket.id, terms })
    .onConflict((conflict) => conflict.column('source_id').doUpdateSet({ terms }).where('search_terms.terms', '<>', terms))
    .execute();
}

/** A new message of a searched kind (core's rule) becomes searchable with its ticket. Message bodies never change. */
export async function indexMessageTerms(db: Executor, message: Message): Promise<void> {
  if (!isSearchedMessage(message)) return;
  await db.insertInto('search_terms').values({ source_id: message.id, ticket_id: message.ticketId, terms: termsOfText(message.body).join(' ') }).execute();
}

/**
 * The condition "ticket `t` holds every meaningful word of `text`" (each word in any of its forms,
 * in its own words or in any message), for the store at hand; null when the text has no meaningful
 * word. One index lookup per word: a word found in the subject and another in a message both count.
 */
export function ticketMatchesText(dialect: Dialect, text: string): RawBuilder<boolean> | null {
  const groups = tokenize(text)
    .map((word) => [...new Set(termsOfWord(word))])
    .filter((terms) => terms.length > 0)
    .slice(0, MAX_QUERY_WORDS);
  if (groups.length === 0) return null;
  const conditions = groups.map((terms) => (dialect === 'postgres' ? postgresWord(terms) : sqliteWord(terms)));
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

// Terms are letters and digits only (core/search), so they are safe inside the quotes below.
const quoted = (term: string, quote: string, prefixMarker: string) => `${quote}${term}${quote}${term.length >= PREFIX_FROM ? prefixMarker : ''}`;

function sqliteWord(terms: string[]): RawBuilder<boolean> {
  const match = terms.map((term) => quoted(term, '"', '*')).join(' OR ');
  return sql<boolean>`t.id in (select s.ticket_id from search_terms s where s.row_id in (select rowid from search_terms_fts where search_terms_fts match ${match}))`;
}

function postgresWord(terms: string[]): RawBuilder<boolean> {
  const query = terms.map((term) => quoted(term, "'", ':*')).join(' | ');
  return sql<boolean>`t.id in (select s.ticket_id from search_terms s where array_to_tsvector(string_to_array(s.terms, ' ')) @@ ${query}::tsquery)`;
}
