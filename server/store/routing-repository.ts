import { sql } from 'kysely';
import { FINAL_STATUSES, LOAD_STATUSES, LOAD_WEIGHTS, ROUTABLE_STATUSES, TICKET_STATUSES, type Level, type Priority, type Ticket } from '../../core';
import type { Executor } from './database';

/**
 * A member of a group at one line who may receive work: active, and an agent (supervisors and
 * admins are not routed to). `lastRoutedSeq` is the feed position of their last automatic
 * assignment: strictly increasing, so round robin stays exact even within one millisecond.
 */
export type RoutableMember = { agentId: string; capacity: number; lastRoutedSeq: number | null };

export async function routableMembers(db: Executor, groupId: string, level: Level): Promise<RoutableMember[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('agents', 'agents.id', 'group_members.agent_id')
    .select(['agents.id as agentId', 'group_members.capacity as capacity', 'agents.last_routed_seq as lastRoutedSeq'])
    .where('group_members.group_id', '=', groupId)
    .where('group_members.level', '=', level)
    .where('agents.active', '=', 1)
    .where('agents.role', '=', 'agent')
    .execute();
  return rows.map((row) => ({ agentId: row.agentId, capacity: Number(row.capacity), lastRoutedSeq: row.lastRoutedSeq === null ? null : Number(row.lastRoutedSeq) }));
}

/**
 * Weighted open load of each agent (LOAD_WEIGHTS over LOAD_STATUSES); agents without open tickets
 * are 0. Read from the counts the database keeps per assignee (migration 008), a few rows each.
 */
export async function openLoads(db: Executor, agentIds: readonly string[]): Promise<Map<string, number>> {
  const loads = new Map<string, number>(agentIds.map((id) => [id, 0]));
  if (agentIds.length === 0) return loads;
  const rows = await db
    .selectFrom('assignee_ticket_counts')
    .select(['agent_id', 'priority', 'count'])
    .where('agent_id', 'in', [...agentIds])
    .where('status', 'in', [...LOAD_STATUSES])
    .where('count', '>', 0)
    .execute();
  for (const row of rows) {
    const weight = LOAD_WEIGHTS[row.priority as Priority] ?? 1;
    loads.set(row.agent_id, (loads.get(row.agent_id) ?? 0) + weight * Number(row.count));
  }
  return loads;
}

const waitingQuery = (db: Executor, groupIds: readonly string[] | null) => {
  let query = db.selectFrom('tickets').where('assignee_id', 'is', null).where('status', 'in', [...ROUTABLE_STATUSES]).where('group_id', 'is not', null);
  if (groupIds !== null) query = query.where('group_id', 'in', [...groupIds]);
  return query;
};

/** The group/line queues that have tickets waiting, in these groups (all groups when null). */
export async function waitingPools(db: Executor, groupIds: readonly string[] | null): Promise<{ groupId: string; level: Level }[]> {
  if (groupIds !== null && groupIds.length === 0) return [];
  const rows = await waitingQuery(db, groupIds).select(['group_id', 'level']).groupBy(['group_id', 'level']).execute();
  return rows.flatMap((row) => (row.group_id === null ? [] : [{ groupId: row.group_id, level: Number(row.level) as Level }]));
}

/**
 * The tickets waiting in one group/line queue, most urgent first, then oldest: the order they are
 * served in, so a limited batch takes the right ones.
 */
export async function waitingTickets(db: Executor, pool: { groupId: string; level: Level }, limit: number): Promise<Ticket[]> {
  const urgency = sql<number>`case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
  const rows = await waitingQuery(db, [pool.groupId]).where('level', '=', pool.level).select('doc').orderBy(urgency).orderBy('number').limit(limit).execute();
  return rows.map((row) => JSON.parse(row.doc) as Ticket);
}

/**
 * Every ticket an agent holds that is not final, Fixed included (a customer may reopen it): what
 * goes back to the queue when they are deactivated.
 */
export async function unfinishedTicketsOf(db: Executor, agentId: string): Promise<Ticket[]> {
  const unfinished = TICKET_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));
  const rows = await db.selectFrom('tickets').select('doc').where('assignee_id', '=', agentId).where('status', 'in', unfinished).orderBy('number').execute();
  return rows.map((row) => JSON.parse(row.doc) as Ticket);
}

export async function markRouted(db: Executor, agentId: string, seq: number): Promise<void> {
  await db.updateTable('agents').set({ last_routed_seq: seq }).where('id', '=', agentId).execute();
}

/**
 * Who besides admins may see tickets of this group or held by this assignee: the group's members
 * and the assignee (admins see everything and never lose sight of anything).
 */
export async function scopedViewers(db: Executor, groupId: string | null, assigneeId: string | null): Promise<Set<string>> {
  const viewers = new Set<string>();
  if (groupId !== null) {
    const rows = await db
      .selectFrom('group_members')
      .innerJoin('agents', 'agents.id', 'group_members.agent_id')
      .select('agents.id')
      .where('group_members.group_id', '=', groupId)
      .where('agents.role', '!=', 'admin')
      .execute();
    rows.forEach((row) => viewers.add(row.id));
  }
  if (assigneeId !== null) {
    const assignee = await db.selectFrom('agents').select('role').where('id', '=', assigneeId).executeTakeFirst();
    if (assignee && assignee.role !== 'admin') viewers.add(assigneeId);
  }
  return viewers;
}

/**
 * Of these agents, those who see tickets of the group only while they hold them: not admins
 * (admins see everything) and not members of the group (`groupId` null: no group's members).
 */
export async function outsidersOf(db: Executor, groupId: string | null, agentIds: readonly string[]): Promise<Set<string>> {
  if (agentIds.length === 0) return new Set();
  const agents = await db.selectFrom('agents').select(['id', 'role']).where('id', 'in', [...agentIds]).execute();
  const candidates = agents.filter((agent) => agent.role !== 'admin').map((agent) => agent.id);
  if (candidates.length === 0 || groupId === null) return new Set(candidates);
  const members = await db.selectFrom('group_members').select('agent_id').where('group_id', '=', groupId).where('agent_id', 'in', candidates).execute();
  const inGroup = new Set(members.map((member) => member.agent_id));
  return new Set(candidates.filter((agentId) => !inGroup.has(agentId)));
}
