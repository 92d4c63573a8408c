import type { DeskServer } from './socket-types';
import { ADMINS_ROOM, agentRoom, groupSupervisorsRoom } from '../sync/visibility';
import type { FiredNotice } from '../features/lifecycle/timer-scheduler';

/**
 * Tells people what a timer did. These pushes are a courtesy on top of replicated state: the
 * ticket itself (warned/breached times, status) reaches every permitted console through sync,
 * so a console that was offline still sees it. SLA warnings go to the assignee, the supervisors
 * of the ticket's group and admins: the people who may see the ticket and act on it.
 */
export function pushLifecycleNotice(io: DeskServer, { notice, ticket }: FiredNotice): void {
  const about = { ticketId: ticket.id, number: ticket.number, subject: ticket.subject };
  if (notice.kind === 'sla_warning') {
    const dueAt = notice.clock === 'first_response' ? ticket.sla.firstResponseDueAt : ticket.sla.resolutionDueAt;
    const rooms = [ADMINS_ROOM, ...(ticket.groupId ? [groupSupervisorsRoom(ticket.groupId)] : []), ...(ticket.assigneeId ? [agentRoom(ticket.assigneeId)] : [])];
    io.to(rooms).emit('sla:warning', { ...about, clock: notice.clock, dueAt });
    return;
  }
  if (ticket.assigneeId) io.to(agentRoom(ticket.assigneeId)).emit('ticket:hold-ended', about);
}
