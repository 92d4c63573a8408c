import type { Agent, Ticket } from '../../core';

/** Who is looking: the agent and the groups they belong to (plain array: socket data crosses processes). */
export type Viewer = Pick<Agent, 'id' | 'role' | 'active'> & { groupIds: readonly string[] };

/**
 * THE rule of who may see a ticket (and so its messages). Every read goes through it: pulls,
 * the live stream, HTTP reads, and mutations (a ticket you may not see does not exist for you).
 * Admins see everything; agents and supervisors see the tickets of their groups and the tickets
 * assigned to them (a supervisor supervises the groups they are a member of).
 */
export function canSeeTicket(viewer: Viewer, ticket: Ticket): boolean {
  if (!viewer.active) return false;
  if (viewer.role === 'admin') return true;
  if (ticket.assigneeId === viewer.id) return true;
  return ticket.groupId !== null && viewer.groupIds.includes(ticket.groupId);
}
