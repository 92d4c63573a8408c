import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../sync/desk-session';
import { useRecordIntent } from '../ticket/use-record-intent';
import { EscalateControl } from './escalate-form';
import { LineBadge } from './line-badge';
import { PrecedentBadge, PrecedentToggle } from './precedent-toggle';
import { RoutingControl } from './routing-control';
import { useGroupDirectory } from './use-group-directory';

export { LineBadge } from './line-badge';

/**
 * Where the ticket sits (line and group) and what the agent may do about it: escalate to the next
 * line, mark a precedent (L3), move it to another group or line (supervisors and admins). Every
 * change is an intent recorded through the desk session, so it works offline and syncs later.
 */
export function TicketRouting({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const directory = useGroupDirectory();
  const { record, failure } = useRecordIntent(ticket.id);
  // A group unknown to the cache (never fetched, or added since the last fetch while offline)
  // still reads sensibly as "Unknown group".
  const groupName =
    ticket.groupId === null ? t('routing.groupNone') : (directory.find(ticket.groupId)?.name ?? t('routing.groupUnknown'));

  return (
    <section className="ticket-routing" aria-label={t('routing.heading')}>
      <div className="ticket-routing__summary">
        <LineBadge level={ticket.level} />
        <span className="ticket-routing__group">
          <span className="ticket-routing__label">{t('routing.group')}</span> <span data-testid="ticket-group">{groupName}</span>
        </span>
        <PrecedentBadge ticket={ticket} />
      </div>
      <div className="ticket-routing__actions">
        <EscalateControl ticket={ticket} record={record} />
        <PrecedentToggle ticket={ticket} record={record} />
      </div>
      <RoutingControl ticket={ticket} record={record} directory={directory} />
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {t('ticket.actionFailed', { message: failure })}
        </p>
      )}
    </section>
  );
}
