import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';

export type ReassignTicket = { id: string; number: number; assigneeId: string | null };
export type ReassignAgent = { id: string; name: string };

/**
 * Records "assign to this agent" for a ticket (locally at once, synced when the server is
 * reachable; a refusal appears in the rejection list by itself) and keeps the sentence the
 * polite live region announces. Giving a ticket to the agent who holds it records nothing.
 */
export function useReassign(): { assign(ticket: ReassignTicket, agent: ReassignAgent): Promise<void>; announcement: string } {
  const { t } = useTranslation();
  const session = useDeskSession();
  const [announcement, setAnnouncement] = useState('');

  const assign = useCallback(
    async (ticket: ReassignTicket, agent: ReassignAgent) => {
      if (ticket.assigneeId === agent.id) return;
      try {
        await session.record({ ticketId: ticket.id, type: 'assign', payload: { assigneeId: agent.id } });
        setAnnouncement(t('supervisor.reassign.done', { number: ticket.number, name: agent.name }));
      } catch (error) {
        setAnnouncement(t('supervisor.reassign.failed', { number: ticket.number, message: errorMessage(error) }));
      }
    },
    [session, t],
  );

  return { assign, announcement };
}
