import { useEffect, useState } from 'react';
import { firstValueFrom } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { PUBLIC_MESSAGE_KINDS } from '../../../core';
import type { ServerConversation, ServerTicket } from '../../api/server-search';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import type { TicketSearchFilter } from '../../sync/local-search';
import { useConnection } from '../connection/use-connection';

/** After the desk's own results: a pause, so that typing does not send a request per keystroke. */
const SERVER_PAUSE_MS = 400;

type Found = { key: string; tickets: ServerTicket[] } | { key: string; error: string };

/**
 * Tickets the server finds for the same words that this desk does not hold (not synced yet: a
 * first sync of a large desk takes minutes), online only: `GET /api/tickets?q=`, which reads the same terms as the
 * local index. One opens in place, read-only, with its public conversation from the server.
 */
export function ServerSearchSection({ text, filter, localIds }: { text: string; filter: TicketSearchFilter; localIds: readonly string[] }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const session = useDeskSession();
  const online = useConnection().status !== 'offline';
  const [found, setFound] = useState<Found | null>(null);
  const [opened, setOpened] = useState<{ number: number; conversation: ServerConversation | null; error: string | null } | null>(null);
  const key = `${text}\u0000${filter.status}\u0000${filter.channel}`;

  useEffect(() => {
    if (!online) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.searchServerTickets(text, filter, controller.signal).then(
        async (tickets) => {
          // A ticket this desk holds is among (or below) its own results: only the others are news.
          const held = await Promise.all(tickets.map(async (ticket) => localIds.includes(ticket.id) || (await firstValueFrom(session.ticket$(ticket.id))) !== null));
          if (!controller.signal.aborted) setFound({ key, tickets: tickets.filter((_, index) => !held[index]) });
        },
        (error: unknown) => !controller.signal.aborted && setFound({ key, error: error instanceof Error ? error.message : String(error) }),
      );
    }, SERVER_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, session, online, text, filter, key, localIds]);

  const open = (number: number) => {
    if (opened?.number === number) return setOpened(null);
    setOpened({ number, conversation: null, error: null });
    api.loadServerTicket(number).then(
      (conversation) => setOpened((current) => (current?.number === number ? { number, conversation, error: null } : current)),
      (error: unknown) => setOpened((current) => (current?.number === number ? { number, conversation: null, error: error instanceof Error ? error.message : String(error) } : current)),
    );
  };

  if (!online || found === null || found.key !== key) return null;
  if ('error' in found) return <p className="pane-message">{t('search.serverFailed', { message: found.error })}</p>;
  const extra = found.tickets.filter((ticket) => !filter.mine || ticket.assigneeId === session.agent.id);
  if (extra.length === 0) return null;
  return (
    <>
      <h3 className="search-results__section">{t('search.onServer')}</h3>
      <ul className="queue-list" data-testid="server-hits">
        {extra.map((ticket) => (
          <li key={ticket.id}>
            <button type="button" className="queue-row search-hit" aria-expanded={opened?.number === ticket.number} onClick={() => open(ticket.number)}>
              <span className="queue-row__top">
                <span className="queue-row__number">{t('queue.number', { number: ticket.number })}</span>
                <span className="queue-row__subject">{ticket.subject}</span>
              </span>
              <span className="queue-row__meta">
                <span className={`badge badge--status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
                <span>{t(`channel.${ticket.channel}`)}</span>
                <span className="queue-row__requester">{t('search.requester', { name: ticket.requester.name || ticket.requester.email })}</span>
              </span>
            </button>
            {opened?.number === ticket.number && (
              <div className="server-ticket" data-testid="server-ticket" aria-live="polite">
                <p className="field__hint">{t('search.serverOnly')}</p>
                {opened.error !== null && <p className="notice notice--error">{t('search.serverFailed', { message: opened.error })}</p>}
                {opened.conversation?.messages
                  .filter((message) => PUBLIC_MESSAGE_KINDS.has(message.kind) || message.kind === 'note')
                  .map((message) => (
                    <p key={message.id} className={`server-ticket__message server-ticket__message--${message.kind}`}>
                      <strong>{message.authorName ?? t('search.customer')}</strong>: {message.body}
                    </p>
                  ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
