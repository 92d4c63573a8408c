import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { useQueueSort } from '../../state/queue-sort';
import { useNow } from '../../state/use-now';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import { useViewersByTicket } from '../collision/use-viewers';
import { useAgentDirectory } from '../directory/use-agent-directory';
import { sortByTimeLeft } from '../sla/sla-reading';
import { QueueControls } from './queue-controls';
import { QueueRow } from './queue-row';

/**
 * The left pane: the chosen queue in the session's order (priority, then oldest first), or by
 * SLA time left, sorted here in the console: the order follows the ticking clock, which the
 * local database's indexes cannot.
 */
export function QueuePane() {
  const { t } = useTranslation();
  const session = useDeskSession();
  const view = useUiStore((state) => state.view);
  const statusFilter = useUiStore((state) => state.statusFilter);
  const selectedTicketId = useUiStore((state) => state.selectedTicketId);
  const selectTicket = useUiStore((state) => state.selectTicket);
  const now = useNow();
  const sort = useQueueSort((state) => state.sort);
  const directory = useAgentDirectory();
  const viewersByTicket = useViewersByTicket();

  // Only colleagues are named: "My tickets" would repeat the agent's own name on every row, and an
  // unknown colleague adds nothing the row could say.
  const colleagueName = (ticket: TicketView): string | null =>
    ticket.assigneeId === null || ticket.assigneeId === session.agent.id ? null : (directory.find(ticket.assigneeId)?.name ?? null);

  const tickets$ = useMemo(() => session.queue$({ view, status: statusFilter }), [session, view, statusFilter]);
  const listed = useObservable(tickets$, null);
  const tickets = useMemo(() => (listed !== null && sort === 'time_left' ? sortByTimeLeft(listed, now) : listed), [listed, sort, now]);

  return (
    <section className="queue-pane" aria-labelledby="queue-heading">
      <h2 id="queue-heading" className="visually-hidden">
        {t('queue.label')}
      </h2>
      <QueueControls />
      {tickets === null && <p className="pane-message">{t('queue.loading')}</p>}
      {tickets !== null && tickets.length === 0 && <p className="pane-message">{t('queue.empty')}</p>}
      {tickets !== null && tickets.length > 0 && (
        <>
          <p className="queue-count">{t('queue.count', { count: tickets.length })}</p>
          <ul className="queue-list">
            {tickets.map((ticket) => (
              <li key={ticket.id}>
                <QueueRow
                  ticket={ticket}
                  assigneeName={colleagueName(ticket)}
                  selected={ticket.id === selectedTicketId}
                  now={now}
                  onSelect={selectTicket}
                  viewers={viewersByTicket.get(ticket.id)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
