import { useTranslation } from 'react-i18next';
import type { TicketViewer } from '../../../core';
import { formatAge, formatDateTime } from '../../i18n/format';
import type { TicketView } from '../../sync/desk-session';
import { QueueRowViewers } from '../collision/queue-row-viewers';
import { NO_VIEWERS } from '../collision/viewers';
import { LineBadge } from '../routing/ticket-routing';
import { SlaIndicator } from '../sla/sla-indicator';

type QueueRowProps = {
  ticket: TicketView;
  /** A colleague holding the ticket, when known; null shows no assignee. */
  assigneeName: string | null;
  selected: boolean;
  now: number;
  onSelect(ticketId: string): void;
  /** Colleagues viewing or typing in this ticket right now (the pane subscribes once for all rows). */
  viewers?: readonly TicketViewer[];
};

/** One ticket in the queue: the whole row is a button that opens it. */
export function QueueRow({ ticket, assigneeName, selected, now, onSelect, viewers = NO_VIEWERS }: QueueRowProps) {
  const { t, i18n } = useTranslation();

  return (
    <button
      type="button"
      className="queue-row"
      data-testid="queue-row"
      data-ticket-id={ticket.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(ticket.id)}
    >
      <span className="queue-row__top">
        <span className="queue-row__number">{t('queue.number', { number: ticket.number })}</span>
        <span className="queue-row__subject">{ticket.subject}</span>
        <QueueRowViewers viewers={viewers} />
        {ticket.hasPendingChanges && (
          <span className="queue-row__pending" data-testid="pending-marker" title={t('queue.pendingMarker')}>
            <span aria-hidden="true">●</span>
            <span className="visually-hidden">{t('queue.pendingMarker')}</span>
          </span>
        )}
      </span>
      <span className="queue-row__meta">
        <span className={`badge badge--status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
        <span className={`badge badge--priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>
        <LineBadge level={ticket.level} />
        <SlaIndicator ticket={ticket} now={now} />
        <span className="queue-row__requester">{ticket.requester.name || ticket.requester.email}</span>
        {assigneeName !== null && (
          <span className="queue-row__assignee" data-testid="queue-row-assignee">
            {t('queue.assignedTo', { name: assigneeName })}
          </span>
        )}
        <time
          className="queue-row__age"
          dateTime={new Date(ticket.createdAt).toISOString()}
          title={formatDateTime(i18n.language, ticket.createdAt)}
        >
          {formatAge(t, ticket.createdAt, now)}
        </time>
      </span>
    </button>
  );
}
