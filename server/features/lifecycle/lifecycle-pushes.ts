import type { DeskServer } from '../../sync/socket-gateway';
import { agentRoom, SUPERVISORS_ROOM } from '../../sync/socket-gateway';
import type { FiredNotice } from './timer-scheduler';

/**
 * Tells people what a timer did. These pushes are a courtesy on top of replicated state: the
 * ticket itself (warned/breached times, status) reaches every permitted console through sync,
 * so a console that was offline still sees it.
 */
export function pushLifecycleNotice(io: DeskServer, { notice, ticket }: FiredNotice): void {
  const about = { ticketId: ticket.id, number: ticket.number, subject: ticket.subject };
  if (notice.kind === 'sla_warning') {
    const dueAt = notice.clock === 'first_response' ? ticket.sla.firstResponseDueAt : ticket.sla.resolutionDueAt;
    const rooms = ticket.assigneeId ? [agentRoom(ticket.assigneeId), SUPERVISORS_ROOM] : [SUPERVISORS_ROOM];
    io.to(rooms).emit('sla:warning', { ...about, clock: notice.clock, dueAt });
    return;
  }
  if (ticket.assigneeId) io.to(agentRoom(ticket.assigneeId)).emit('ticket:hold-ended', about);
}
