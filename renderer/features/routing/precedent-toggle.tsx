import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import type { TicketView } from '../../sync/desk-session';
import type { RecordIntent } from '../ticket/use-record-intent';

/** Everyone sees that a ticket's solution is a precedent (proposed for the knowledge base). */
export function PrecedentBadge({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  if (!ticket.precedent) return null;
  return (
    <span className="badge badge--precedent" title={t('routing.precedent.badgeTitle')} data-testid="precedent-badge">
      {t('routing.precedent.badge')}
    </span>
  );
}

/**
 * L3 agents mark (or unmark) the solution as a precedent, on any status: core allows it on
 * Fixed, Closed and Canceled tickets too, since that is when a solution is known. Other lines
 * see nothing here (the badge shows the mark).
 */
export function PrecedentToggle({ ticket, record }: { ticket: TicketView; record: RecordIntent }) {
  const { t } = useTranslation();
  const { agent } = useDeskSession();
  if (agent.level !== 3) return null;
  return (
    <label className="checkbox precedent-toggle">
      <input
        type="checkbox"
        checked={ticket.precedent}
        onChange={(event) => void record('markPrecedent', { precedent: event.target.checked })}
      />
      {t('routing.precedent.toggle')}
    </label>
  );
}
