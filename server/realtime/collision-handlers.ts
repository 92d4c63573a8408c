import { z } from 'zod';
import { IdSchema, type TicketViewer } from '../../core';
import { Coalescer } from '../limits/coalescer';
import type { Database } from '../store/database';
import { findTicketById } from '../store/tickets-repository';
import { answerRequests, type RequestContext } from './socket-requests';
import type { DeskServer, DeskSocket } from './socket-types';
import { ADMINS_ROOM, canSeeTicket, groupRoom, ticketAudience } from '../sync/visibility';

const ViewingReportSchema = z.object({ ticketId: IdSchema.nullable(), typing: z.boolean() }).strict();
const EmptyRequestSchema = z.object({}).strict();

type Activity = 'viewing' | 'typing' | 'left';
type ViewingChange = { rooms: string[]; ticketId: string; agentId: string; name: string; activity: Activity };

/**
 * Tells a ticket's audience that an agent started or stopped viewing or typing in it, at most
 * once per agent, ticket and `coalesceMs` (the latest state wins; consoles keep one entry per
 * agent and ticket too), so an agent reporting in a loop — even reconnecting between reports —
 * cannot flood their colleagues. One per gateway, shared by every socket.
 */
export function createViewingAnnouncer(io: DeskServer, coalesceMs: number): Coalescer<string, ViewingChange> {
  const announcer: Coalescer<string, ViewingChange> = new Coalescer<string, ViewingChange>(
    coalesceMs,
    (key, { rooms, activity, ...who }) => {
      io.to(rooms).emit('collision:changed', { ...who, activity });
      // Nothing to remember of a viewer who left: memory follows the tickets open right now.
      if (activity === 'left') announcer.forget(key);
    },
    (a, b) => a.activity === b.activity,
  );
  return announcer;
}

/**
 * Who has which ticket open, and who is typing in it: ephemeral, never stored. Each change is
 * told to everyone who may see the ticket (its group, its assignee, admins), through the
 * announcer; a console that connects asks for the current picture once.
 */
export function registerCollisionHandlers(
  io: DeskServer,
  socket: DeskSocket,
  deps: { database: Database; requests: RequestContext; announcer: Coalescer<string, ViewingChange> },
): void {
  const { database, requests } = deps;
  const me = () => ({ agentId: socket.data.viewer.id, name: socket.data.viewer.name });
  const tell = (ticketId: string, change: { rooms: string[]; activity: Activity }) =>
    deps.announcer.push(`${socket.data.viewer.id}|${ticketId}`, { ...change, ticketId, ...me() });

  const stopViewing = () => {
    const previous = socket.data.viewing;
    if (previous?.ticketId) tell(previous.ticketId, { rooms: socket.data.viewingRooms, activity: 'left' });
    socket.data.viewing = null;
    socket.data.viewingRooms = [];
  };
  socket.on('disconnect', stopViewing);

  answerRequests<typeof ViewingReportSchema, object>(socket, 'ticket:viewing', ViewingReportSchema, requests, async (report) => {
    const previous = socket.data.viewing;
    if (report.ticketId === null) {
      stopViewing();
      return { ok: true };
    }
    const ticket = await findTicketById(database.db, report.ticketId);
    if (!ticket || !canSeeTicket(socket.data.viewer, ticket)) return { ok: false, error: 'there is no such ticket' };
    if (previous?.ticketId !== report.ticketId) stopViewing();
    else if (previous.typing === report.typing) return { ok: true };
    socket.data.viewing = report;
    socket.data.viewingRooms = ticketAudience(ticket);
    tell(ticket.id, { rooms: socket.data.viewingRooms, activity: report.typing ? 'typing' : 'viewing' });
    return { ok: true };
  });

  answerRequests<typeof EmptyRequestSchema, { viewers: TicketViewer[] }>(socket, 'collision:snapshot', EmptyRequestSchema, requests, async () => {
    const viewers: TicketViewer[] = [];
    const visible = new Map<string, boolean>();
    // Whoever views a ticket this agent may see is a member of one of its groups or an admin (or
    // its assignee): ask only those rooms, not every socket of the cluster.
    const me = socket.data.viewer;
    const candidates = me.role === 'admin' ? io.fetchSockets() : io.in([ADMINS_ROOM, ...me.groupIds.map(groupRoom)]).fetchSockets();
    for (const other of await candidates) {
      const viewing = other.data.viewing;
      if (!viewing?.ticketId || other.data.viewer.id === socket.data.viewer.id) continue;
      if (!visible.has(viewing.ticketId)) {
        const ticket = await findTicketById(database.db, viewing.ticketId);
        visible.set(viewing.ticketId, ticket !== undefined && canSeeTicket(socket.data.viewer, ticket));
      }
      if (!visible.get(viewing.ticketId)) continue;
      const known = viewers.find((entry) => entry.ticketId === viewing.ticketId && entry.agentId === other.data.viewer.id);
      if (known) known.typing ||= viewing.typing;
      else viewers.push({ ticketId: viewing.ticketId, agentId: other.data.viewer.id, name: other.data.viewer.name, typing: viewing.typing });
    }
    return { ok: true, viewers };
  });
}
