import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import { TicketViewers } from '../collision/ticket-viewers';
import { CreateArticleButton } from '../knowledge/create-article-button';
import { SuggestionsPanel } from '../knowledge/suggestions-panel';
import { TicketRouting } from '../routing/ticket-routing';
import { Conversation } from './conversation';
import { ForwardForm } from './forward-form';
import { ReplyComposer } from './reply-composer';
import { TicketActions } from './ticket-actions';
import { TicketFacts } from './ticket-facts';
import { TagEditor } from './tag-editor';

/** Must match the breakpoint in styles/layout.css where the desk shows one pane at a time. */
const ONE_PANE_QUERY = '(max-width: 720px)';

/** The right pane: one ticket with its facts, actions, conversation and reply box. */
export function TicketPane({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  const selectTicket = useUiStore((state) => state.selectTicket);
  const ticket$ = useMemo(() => session.ticket$(ticketId), [session, ticketId]);
  // undefined: still loading; null: not (or no longer) visible to this agent.
  const ticket = useObservable<TicketView | null, undefined>(ticket$, undefined);

  return (
    <section className="ticket-pane" aria-labelledby="ticket-heading">
      <button type="button" className="button back-button" onClick={() => selectTicket(null)}>
        <span aria-hidden="true">← </span>
        {t('ticket.back')}
      </button>
      {ticket === undefined && <p className="pane-message">{t('ticket.loading')}</p>}
      {ticket === null && (
        <p className="pane-message" id="ticket-heading">
          {t('ticket.notFound')}
        </p>
      )}
      {ticket && <TicketDetails ticket={ticket} />}
    </section>
  );
}

function TicketDetails({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  // In one-pane mode the queue just disappeared: move focus to the ticket so keyboard and
  // screen-reader users land where the content is. In two panes, focus stays in the queue.
  useEffect(() => {
    if (window.matchMedia?.(ONE_PANE_QUERY).matches) heading.current?.focus();
  }, []);

  return (
    <>
      <header className="ticket-header">
        <h2 id="ticket-heading" ref={heading} tabIndex={-1}>
          <span className="ticket-header__number" data-testid="ticket-number">
            {t('ticket.number', { number: ticket.number })}
          </span>{' '}
          <span data-testid="ticket-subject">{ticket.subject}</span>
        </h2>
        <div className="ticket-header__badges">
          <span className={`badge badge--status-${ticket.status}`} data-testid="ticket-status">
            {t(`status.${ticket.status}`)}
          </span>
          <span className={`badge badge--priority-${ticket.priority}`} data-testid="ticket-priority">
            {t(`priority.${ticket.priority}`)}
          </span>
          {ticket.duplicateOf !== null && (
            <span className="badge" data-testid="ticket-duplicate-of">
              {t('ticket.duplicateOfValue', { number: ticket.duplicateOf })}
            </span>
          )}
          {ticket.followUpOf !== null && (
            <span className="badge" data-testid="ticket-follow-up-of">
              {t('ticket.followUpOfValue', { number: ticket.followUpOf })}
            </span>
          )}
          {ticket.reopenCount > 0 && (
            <span className="badge badge--reopened" data-testid="ticket-reopen-count">
              {t('ticket.reopened', { count: ticket.reopenCount })}
            </span>
          )}
        </div>
        {ticket.hasPendingChanges && (
          <p className="ticket-header__pending" data-testid="ticket-pending">
            {t('ticket.pendingChanges')}
          </p>
        )}
      </header>
      <TicketViewers ticketId={ticket.id} />
      <TicketFacts ticket={ticket} />
      <TagEditor ticket={ticket} />
      <TicketActions ticket={ticket} />
      <CreateArticleButton ticket={ticket} />
      <ForwardForm ticket={ticket} />
      <TicketRouting ticket={ticket} />
      <Conversation ticket={ticket} />
      <SuggestionsPanel ticket={ticket} />
      <ReplyComposer ticket={ticket} />
    </>
  );
}
