import type { Agent, Ticket } from '../../core';
import type { VisibilityScope } from '../store/feed-repository';
import type { CommittedChange } from './change-feed';

/**
 * THE rule of who may see a ticket (and so its messages), in the four forms the server needs,
 * kept together so they cannot drift apart (visibility.test.ts checks that they agree):
 * - the predicate, for one ticket (`canSeeTicket`): HTTP reads, mutations, collision;
 * - its SQL form (`visibleScopes`): pulls select exactly the viewer's rows through indexes;
 * - the socket rooms (`viewerRooms`, `ticketAudience`): emits about a ticket reach its viewers;
 * - the stream classes (`streamClassKey`): viewers who see the same documents share one encoding.
 *
 * Admins see everything; agents and supervisors see the tickets of their groups and the tickets
 * assigned to them (a supervisor supervises the groups they are a member of). A deactivated
 * agent sees nothing.
 */

/** Who is looking: the agent and the groups they belong to (plain array: socket data crosses processes). */
export type Viewer = Pick<Agent, 'id' | 'role' | 'active'> & { groupIds: readonly string[] };

type Placed = Pick<Ticket, 'groupId' | 'assigneeId'>;

export function canSeeTicket(viewer: Viewer, ticket: Placed): boolean {
  if (!viewer.active) return false;
  if (viewer.role === 'admin') return true;
  if (ticket.assigneeId === viewer.id) return true;
  return ticket.groupId !== null && viewer.groupIds.includes(ticket.groupId);
}

/** The rule as a union of the store's index ranges (VisibilityScope): a viewer sees a row exactly when one holds it. */
export function visibleScopes(viewer: Viewer): VisibilityScope[] {
  if (!viewer.active) return [];
  if (viewer.role === 'admin') return [{ kind: 'everything' }];
  return [{ kind: 'assignee', agentId: viewer.id }, ...[...new Set(viewer.groupIds)].map((groupId) => ({ kind: 'group' as const, groupId }))];
}

/** What a scope means for one row; the store's SQL for each scope must select exactly these. */
export function scopeHolds(scope: VisibilityScope, ticket: Placed): boolean {
  if (scope.kind === 'everything') return true;
  if (scope.kind === 'group') return ticket.groupId === scope.groupId;
  return ticket.assigneeId === scope.agentId;
}

/** Every socket of one agent, on every server process (with the Redis adapter). */
export const agentRoom = (agentId: string) => `agent:${agentId}`;
/** Every socket of admins: they see every ticket. */
export const ADMINS_ROOM = 'admins';
/** Every member of a group, whatever their role: they see the group's tickets. */
export const groupRoom = (groupId: string) => `group:${groupId}`;
/** The supervisors of a group: SLA warnings and presence of its agents reach them. */
export const groupSupervisorsRoom = (groupId: string) => `group-supervisors:${groupId}`;

/** The rooms a viewer's sockets join (besides their session's): follows the viewer's role and groups. */
export function viewerRooms(viewer: Viewer): string[] {
  const rooms = [agentRoom(viewer.id), ...viewer.groupIds.map(groupRoom)];
  if (viewer.role !== 'agent') rooms.push(...viewer.groupIds.map(groupSupervisorsRoom));
  if (viewer.role === 'admin') rooms.push(ADMINS_ROOM);
  return rooms;
}

/** Everyone who may see a ticket, as rooms: an emit to these reaches exactly its viewers. */
export function ticketAudience(ticket: Placed): string[] {
  return [ADMINS_ROOM, ...(ticket.groupId ? [groupRoom(ticket.groupId)] : []), ...(ticket.assigneeId ? [agentRoom(ticket.assigneeId)] : [])];
}

/** The agents a change concerns personally: assignees of its tickets and messages, and who lost sight. */
export function personalViewers(change: Pick<CommittedChange, 'tickets' | 'messages' | 'losses' | 'templates'>): Set<string> {
  const personal = new Set<string>();
  for (const row of change.tickets) if (row.doc.assigneeId) personal.add(row.doc.assigneeId);
  for (const row of change.messages) if (row.ticket.assigneeId) personal.add(row.ticket.assigneeId);
  for (const loss of change.losses) personal.add(loss.agentId);
  // A personal template goes to its owner alone.
  for (const row of change.templates ?? []) if (row.doc.ownerId) personal.add(row.doc.ownerId);
  return personal;
}

const groupKeys = new WeakMap<Viewer, string>();

/**
 * Viewers with the same key see the same documents of a change, so its batches are encoded once
 * for all of them. The key holds everything `canSeeTicket` reads of a viewer: the role and groups,
 * and the id only for `personal` viewers (the change concerns them: a ticket assigned to them,
 * a sight they lost, a template of their own), who then get a class of their own.
 */
export function streamClassKey(viewer: Viewer, personal: ReadonlySet<string>): string {
  if (!viewer.active) return 'inactive';
  if (viewer.role === 'admin') return 'admin';
  if (personal.has(viewer.id)) return `agent:${viewer.id}`;
  let key = groupKeys.get(viewer);
  if (key === undefined) {
    key = [...new Set(viewer.groupIds)].sort().join(',');
    groupKeys.set(viewer, key);
  }
  return `${viewer.role}:${key}`;
}
