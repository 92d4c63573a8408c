import { sql } from 'kysely';
import type { Ticket } from '../../core';
import type { Executor } from './database';
import type { Dialect } from './dialect';
import type { VisibilityScope } from './feed-repository';
import { ticketMatchesText } from './search-terms-repository';

export type TicketListFilter = {
  requesterEmail?: string;
  statuses?: readonly string[];
  channel?: string;
  text?: string;
  /** L3's queue: precedents that no knowledge-base article was written from yet. */
  precedentsWithoutArticle?: boolean;
};
/** Where a page ends: the list is ordered by (createdAt, id), newest first. */
export type ListPosition = { createdAt: number; id: string };

/**
 * A page of the tickets the viewer's scopes hold (VisibilityScope: their groups and their own
 * tickets, or everything), newest first, filtered. `text` matches as the console's search does:
 * every meaningful word, in any of its forms (core/search's stems), in the ticket's own words or
 * its conversation (search-terms-repository.ts). No scope: nothing.
 */
export async function listTickets(db: Executor, dialect: Dialect, scopes: readonly VisibilityScope[], filter: TicketListFilter, after: ListPosition | null, limit: number): Promise<Ticket[]> {
  if (scopes.length === 0) return [];
  let query = db.selectFrom('tickets as t').select(['t.doc']);
  if (!scopes.some((scope) => scope.kind === 'everything')) {
    query = query.where((eb) =>
      eb.or(scopes.map((scope) => (scope.kind === 'group' ? eb('t.group_id', '=', scope.groupId) : eb('t.assignee_id', '=', scope.kind === 'assignee' ? scope.agentId : '')))),
    );
  }
  if (filter.requesterEmail !== undefined) query = query.where('t.requester_email', '=', filter.requesterEmail);
  if (filter.statuses?.length) query = query.where('t.status', 'in', [...filter.statuses]);
  if (filter.channel !== undefined) query = query.where('t.channel', '=', filter.channel);
  if (filter.text !== undefined) {
    const matches = ticketMatchesText(dialect, filter.text);
    // Nothing meaningful to look for (stop words only): nothing matches, as in the console.
    if (matches === null) return [];
    query = query.where(matches);
  }
  if (filter.precedentsWithoutArticle) {
    // The precedent flag lives in the document only: a desk has few precedents, and this list is L3's, not a hot path.
    const precedent = dialect === 'postgres' ? sql<boolean>`(t.doc::json ->> 'precedent') = 'true'` : sql<boolean>`json_extract(t.doc, '$.precedent') = 1`;
    query = query.where(precedent).where(sql<boolean>`not exists (select 1 from kb_articles a where a.source_ticket_id = t.id)`);
  }
  if (after) query = query.where((eb) => eb.or([eb('t.created_at', '<', after.createdAt), eb.and([eb('t.created_at', '=', after.createdAt), eb('t.id', '<', after.id)])]));
  const rows = await query.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(limit).execute();
  return rows.map((row) => JSON.parse(row.doc) as Ticket);
}
