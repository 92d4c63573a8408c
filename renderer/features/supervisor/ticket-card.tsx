import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../sync/desk-session';
import { LineBadge } from '../routing/line-badge';
import { startTicketDrag } from './ticket-drag';
import type { ReassignAgent } from './use-reassign';

type TicketCardProps = {
  ticket: TicketView;
  /** The assignee's name when known; null for "another agent". */
  assigneeName: string | null;
  /** Who the menu offers: the agents in view. */
  agents: readonly ReassignAgent[];
  onAssign(ticket: TicketView, agent: ReassignAgent): void;
};

/**
 * An open ticket that can be dragged onto an agent row, or reassigned from its menu: choosing an
 * agent and pressing the button (not the choice alone, since arrowing through a closed select
 * fires a change per step in some browsers).
 */
export function TicketCard({ ticket, assigneeName, agents, onAssign }: TicketCardProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const [chosenId, setChosenId] = useState('');
  const chosen = agents.find((agent) => agent.id === chosenId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    onAssign(ticket, chosen);
    setChosenId('');
  };

  return (
    <li className="supervisor-ticket" draggable data-testid="ticket-card" data-ticket-id={ticket.id} onDragStart={(event) => startTicketDrag(event, ticket)}>
      <div className="supervisor-ticket__top">
        <span className="supervisor-ticket__number">{t('queue.number', { number: ticket.number })}</span>
        <span className="supervisor-ticket__subject">{ticket.subject}</span>
      </div>
      <div className="supervisor-ticket__meta">
        <span className={`badge badge--priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>
        <span className={`badge badge--status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
        <LineBadge level={ticket.level} />
        <span className="supervisor-ticket__assignee">
          {ticket.assigneeId === null
            ? t('supervisor.reassign.unassigned')
            : t('supervisor.reassign.assignedTo', { name: assigneeName ?? t('supervisor.reassign.someone') })}
        </span>
      </div>
      <form className="supervisor-ticket__reassign" aria-label={t('supervisor.reassign.formLabel', { number: ticket.number })} onSubmit={submit}>
        <label htmlFor={selectId} className="visually-hidden">
          {t('supervisor.reassign.menuLabel', { number: ticket.number })}
        </label>
        <select id={selectId} value={chosenId} onChange={(event) => setChosenId(event.target.value)}>
          <option value="">{t('supervisor.reassign.choose')}</option>
          {agents.map((agent) => (
            <option key={agent.id} value={agent.id} disabled={agent.id === ticket.assigneeId}>
              {agent.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small" disabled={!chosen}>
          {t('supervisor.reassign.apply')}
        </button>
      </form>
    </li>
  );
}
