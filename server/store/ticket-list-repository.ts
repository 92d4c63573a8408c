import { sql } from 'kysely';
import type { Ticket } from '../../core';
import type { Executor } from './database';
import type { Dialect } from './dialect';
import type { VisibilityScope } from './feed-repository';

export type TicketListFilter = { requesterEmail?: string; statuses?: readonly string[]; channel?: string; text?: string };
/** Where a page ends: the list is ordered by (createdAt, id), newest first. */
export type ListPosition = { createdAt: number; id: string };

/** `%`, `_` and the escape itself match literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * A page of the tickets the viewer's scopes hold (VisibilityScope: their groups and their own
 * tickets, or everything), newest first, filtered. `text` is a plain substring match over the
 * ticket's document (subject, description, requester, tags) and its messages: case-insensitive
 * in PostgreSQL (ILIKE), for ASCII letters in SQLite (LIKE); stemming comes with the knowledge
 * base's search. No scope: nothing.
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
    const pattern = `%${escapeLike(filter.text)}%`;
    const like = dialect === 'postgres' ? sql.raw('ilike') : sql.raw('like');
    query = query.where(
      sql<boolean>`(t.doc ${like} ${pattern} escape '\\' or exists (select 1 from messages m where m.ticket_id = t.id and m.doc ${like} ${pattern} escape '\\'))`,
    );
  }
  if (after) query = query.where((eb) => eb.or([eb('t.created_at', '<', after.createdAt), eb.and([eb('t.created_at', '=', after.createdAt), eb('t.id', '<', after.id)])]));
  const rows = await query.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(limit).execute();
  return rows.map((row) => JSON.parse(row.doc) as Ticket);
}
