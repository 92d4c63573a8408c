import type { Server, Socket } from 'socket.io';
import type { Agent, ClientToServerEvents, ServerToClientEvents, Ticket, ViewingReport } from '../../core';
import type { AuthenticatedSession } from '../auth/auth-service';
import type { Viewer } from './visibility';

/**
 * What the server keeps on each socket. Plain data only: with the Redis adapter, other
 * processes read it through fetchSockets(). `viewingRooms`: who was told about `viewing`, so
 * that the same audience hears when it ends.
 */
export type SocketData = {
  session: AuthenticatedSession;
  viewer: Agent & Viewer;
  viewing: ViewingReport | null;
  viewingRooms: string[];
};
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every socket of one sign-in. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every socket of one agent, on every server process (with the Redis adapter). */
export const agentRoom = (agentId: string) => `agent:${agentId}`;
/** Every socket of admins: they see every ticket. */
export const ADMINS_ROOM = 'admins';
/** Every member of a group, whatever their role: they see the group's tickets. */
export const groupRoom = (groupId: string) => `group:${groupId}`;
/** The supervisors of a group: SLA warnings of its tickets reach them. */
export const groupSupervisorsRoom = (groupId: string) => `group-supervisors:${groupId}`;

/** The rooms a socket belongs to besides its session room: follows the viewer's role and groups. */
export function viewerRooms(viewer: Agent & Viewer): string[] {
  const rooms = [agentRoom(viewer.id), ...viewer.groupIds.map(groupRoom)];
  if (viewer.role !== 'agent') rooms.push(...viewer.groupIds.map(groupSupervisorsRoom));
  if (viewer.role === 'admin') rooms.push(ADMINS_ROOM);
  return rooms;
}

/** Everyone who may see a ticket, as rooms (the visibility rule, expressed for emits). */
export function ticketAudience(ticket: Pick<Ticket, 'groupId' | 'assigneeId'>): string[] {
  return [ADMINS_ROOM, ...(ticket.groupId ? [groupRoom(ticket.groupId)] : []), ...(ticket.assigneeId ? [agentRoom(ticket.assigneeId)] : [])];
}
