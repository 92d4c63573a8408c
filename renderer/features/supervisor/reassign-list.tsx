import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../sync/desk-session';
import { TicketCard } from './ticket-card';
import type { ReassignAgent } from './use-reassign';

/** Enough to work from; thousands of draggable cards with a menu each would only slow the panel down. */
export const TICKETS_SHOWN = 100;

type ReassignListProps = {
  /** Open tickets in scope, unassigned first. */
  tickets: readonly TicketView[];
  agents: readonly ReassignAgent[];
  nameOf(agentId: string): string | null;
  offline: boolean;
  announcement: string;
  onAssign(ticket: TicketView, agent: ReassignAgent): void;
};

/** The local queue's open tickets in scope, to drag onto an agent or reassign from a menu. */
export function ReassignList({ tickets, agents, nameOf, offline, announcement, onAssign }: ReassignListProps) {
  const { t } = useTranslation();
  const hidden = tickets.length - TICKETS_SHOWN;
  return (
    <section className="supervisor-tickets" aria-labelledby="supervisor-tickets-heading">
      <h3 id="supervisor-tickets-heading">{t('supervisor.reassign.heading')}</h3>
      <p className="field__hint">{t('supervisor.reassign.hint')}</p>
      {offline && <p className="notice notice--warning">{t('supervisor.reassign.offline')}</p>}
      <p className="supervisor-tickets__status" role="status" aria-live="polite" data-testid="reassign-status">
        {announcement}
      </p>
      {tickets.length === 0 ? (
        <p className="pane-message">{t('supervisor.reassign.empty')}</p>
      ) : (
        <ul className="supervisor-ticket-list" aria-labelledby="supervisor-tickets-heading">
          {tickets.slice(0, TICKETS_SHOWN).map((ticket) => (
            <TicketCard
              key={ticket.id}
              ticket={ticket}
              assigneeName={ticket.assigneeId === null ? null : nameOf(ticket.assigneeId)}
              agents={agents}
              onAssign={onAssign}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && <p className="field__hint">{t('supervisor.reassign.more', { count: hidden })}</p>}
    </section>
  );
}
