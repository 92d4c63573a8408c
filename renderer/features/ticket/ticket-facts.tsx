import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { formatDateTime } from '../../i18n/format';
import { useNow } from '../../state/use-now';
import type { TicketView } from '../../sync/desk-session';
import { useAgentDirectory } from '../directory/use-agent-directory';
import { SlaIndicator } from '../sla/sla-indicator';
import { SlaDueTimes } from './sla-due-times';

/** Who asked, through which channel, what kind of request, which line, who works it, and its SLA. */
export function TicketFacts({ ticket }: { ticket: TicketView }) {
  const { t, i18n } = useTranslation();
  const { agent } = useDeskSession();
  const directory = useAgentDirectory();
  const now = useNow();

  // A colleague unknown to the directory (never fetched, or added since the last fetch while
  // offline) still reads sensibly as "Another agent".
  const assignee =
    ticket.assigneeId === null
      ? t('ticket.assigneeNone')
      : ticket.assigneeId === agent.id
        ? t('ticket.assigneeMe')
        : (directory.find(ticket.assigneeId)?.name ?? t('ticket.assigneeOther'));
  const requester = ticket.requester.name
    ? `${ticket.requester.name} <${ticket.requester.email}>`
    : ticket.requester.email;

  return (
    <dl className="ticket-facts">
      <div>
        <dt>{t('ticket.requester')}</dt>
        <dd data-testid="ticket-requester">{requester}</dd>
      </div>
      <div>
        <dt>{t('ticket.assignee')}</dt>
        <dd data-testid="ticket-assignee">{assignee}</dd>
      </div>
      <div>
        <dt>{t('ticket.channel')}</dt>
        <dd>{t(`channel.${ticket.channel}`)}</dd>
      </div>
      <div>
        <dt>{t('ticket.type')}</dt>
        <dd>{t(`ticketType.${ticket.type}`)}</dd>
      </div>
      <div>
        <dt>{t('ticket.created')}</dt>
        <dd>
          <time dateTime={new Date(ticket.createdAt).toISOString()}>{formatDateTime(i18n.language, ticket.createdAt)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('ticket.sla')}</dt>
        <dd>
          <SlaIndicator ticket={ticket} now={now} />
        </dd>
      </div>
      <SlaDueTimes ticket={ticket} />
      {ticket.status === 'hold' && ticket.holdUntil !== null && (
        <div>
          <dt>{t('ticket.holdUntil')}</dt>
          <dd data-testid="ticket-hold-until">
            <time dateTime={new Date(ticket.holdUntil).toISOString()}>{formatDateTime(i18n.language, ticket.holdUntil)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}
