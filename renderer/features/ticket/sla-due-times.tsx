import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES } from '../../../core';
import { formatDateTime } from '../../i18n/format';
import type { TicketView } from '../../sync/desk-session';

/**
 * The two SLA due times as facts of the ticket view. A paused clock has no due time (only time
 * left, shown by the indicator); once answered, the first-response line says when instead.
 */
export function SlaDueTimes({ ticket }: { ticket: TicketView }) {
  const { t, i18n } = useTranslation();
  const when = (timestamp: number) => (
    <time dateTime={new Date(timestamp).toISOString()}>{formatDateTime(i18n.language, timestamp)}</time>
  );
  const finished = FINAL_STATUSES.includes(ticket.status) || ticket.status === 'fixed';
  const noDue = finished ? t('ticket.dueNone') : t('ticket.duePaused');

  const firstResponse =
    ticket.firstResponseAt !== null
      ? t('ticket.answeredAt', { time: formatDateTime(i18n.language, ticket.firstResponseAt) })
      : ticket.sla.firstResponseDueAt !== null && !finished
        ? when(ticket.sla.firstResponseDueAt)
        : noDue;
  const resolution = ticket.sla.resolutionDueAt !== null && !finished ? when(ticket.sla.resolutionDueAt) : noDue;

  return (
    <>
      <div>
        <dt>{t('ticket.firstResponseDue')}</dt>
        <dd data-testid="ticket-first-response-due">{firstResponse}</dd>
      </div>
      <div>
        <dt>{t('ticket.resolutionDue')}</dt>
        <dd data-testid="ticket-resolution-due">{resolution}</dd>
      </div>
    </>
  );
}
