import type { Message, Ticket } from '../../core';
import type { VisibilityScope } from '../sync/visibility';
import type { Executor } from './database';

export type FeedRow<T> = { doc: T; seq: number };

/**
 * The change feed read one visibility scope at a time: each query is one range of an index —
 * `seq` for everything, (group_id, seq) for a group, (assignee_id, seq) for one agent's own
 * tickets — so its cost follows what the scope holds after the checkpoint, never the size of the
 * whole desk's history. Messages carry their ticket's group and assignee for the same reason.
 */
export async function ticketsInScopeAfter(db: Executor, scope: VisibilityScope, afterSeq: number, limit: number): Promise<FeedRow<Ticket>[]> {
  let query = db.selectFrom('tickets').select(['doc', 'seq']).where('seq', '>', afterSeq);
  if (scope.kind === 'group') query = query.where('group_id', '=', scope.groupId);
  if (scope.kind === 'assignee') query = query.where('assignee_id', '=', scope.agentId);
  const rows = await query.orderBy('seq').limit(limit).execute();
  return rows.map((row) => ({ doc: JSON.parse(row.doc) as Ticket, seq: Number(row.seq) }));
}

export async function messagesInScopeAfter(db: Executor, scope: VisibilityScope, afterSeq: number, limit: number): Promise<FeedRow<Message>[]> {
  let query = db.selectFrom('messages').select(['doc', 'seq']).where('seq', '>', afterSeq);
  if (scope.kind === 'group') query = query.where('group_id', '=', scope.groupId);
  if (scope.kind === 'assignee') query = query.where('assignee_id', '=', scope.agentId);
  const rows = await query.orderBy('seq').limit(limit).execute();
  return rows.map((row) => ({ doc: JSON.parse(row.doc) as Message, seq: Number(row.seq) }));
}
