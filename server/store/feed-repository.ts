import type { Message, Ticket } from '../../core';
import type { Executor } from './database';

/**
 * One index range of the feed: `everything` (no filter), `group` (rows whose group_id is the
 * group), `assignee` (rows whose assignee_id is the agent). sync/visibility.ts builds a viewer's
 * rule as a union of these; each is read here as one indexed query.
 */
export type VisibilityScope = { kind: 'everything' } | { kind: 'group'; groupId: string } | { kind: 'assignee'; agentId: string };

export type FeedRow<T> = { doc: T; seq: number };

/**
 * The change feed read one visibility scope at a time: each query is one range of an index —
 * `seq` for everything, (group_id, seq) for a group, (assignee_id, seq) for one agent's own
 * tickets — so its cost follows what the scope holds after the checkpoint, never the size of the
 * whole desk's history. Messages carry their ticket's group and assignee for the same reason.
 * Exported for the test that asks the database how it runs it.
 */
export function scopedFeedQuery(db: Executor, table: 'tickets' | 'messages', scope: VisibilityScope, afterSeq: number, limit: number) {
  let query = db.selectFrom(table).select(['doc', 'seq']).where('seq', '>', afterSeq);
  if (scope.kind === 'group') query = query.where('group_id', '=', scope.groupId);
  if (scope.kind === 'assignee') query = query.where('assignee_id', '=', scope.agentId);
  return query.orderBy('seq').limit(limit);
}

export async function ticketsInScopeAfter(db: Executor, scope: VisibilityScope, afterSeq: number, limit: number): Promise<FeedRow<Ticket>[]> {
  const rows = await scopedFeedQuery(db, 'tickets', scope, afterSeq, limit).execute();
  return rows.map((row) => ({ doc: JSON.parse(row.doc) as Ticket, seq: Number(row.seq) }));
}

export async function messagesInScopeAfter(db: Executor, scope: VisibilityScope, afterSeq: number, limit: number): Promise<FeedRow<Message>[]> {
  const rows = await scopedFeedQuery(db, 'messages', scope, afterSeq, limit).execute();
  return rows.map((row) => ({ doc: JSON.parse(row.doc) as Message, seq: Number(row.seq) }));
}

/**
 * How many rows of the viewer's scopes lie after `afterSeq`: each scope counted on its own index
 * range, like the pull reads it. A row two scopes share (a ticket of one of the viewer's groups
 * assigned to them) is counted once: the viewer's own scope counts only rows outside their groups.
 */
export async function countInScopesAfter(db: Executor, table: 'tickets' | 'messages', scopes: readonly VisibilityScope[], afterSeq: number): Promise<number> {
  const groupIds = scopes.flatMap((scope) => (scope.kind === 'group' ? [scope.groupId] : []));
  let total = 0;
  for (const scope of scopes) {
    let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('count')).where('seq', '>', afterSeq);
    if (scope.kind === 'group') query = query.where('group_id', '=', scope.groupId);
    if (scope.kind === 'assignee') {
      query = query.where('assignee_id', '=', scope.agentId);
      if (groupIds.length > 0) query = query.where((eb) => eb.or([eb('group_id', 'is', null), eb('group_id', 'not in', groupIds)]));
    }
    total += Number((await query.executeTakeFirst())?.count ?? 0);
  }
  return total;
}
