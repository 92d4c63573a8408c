import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, TICKET_STATUSES, type Channel } from '../../../core';
import { allWordsQuery } from '../../../core/search';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import type { ArticleSearchHit } from '../../sync/local-knowledge';
import type { TicketSearchFilter, TicketSearchHit } from '../../sync/local-search';
import { HighlightedText } from './highlighted-text';
import { ServerSearchSection } from './server-search-section';

/** A pause in typing before searching: each keystroke would otherwise search the whole desk. */
const TYPING_PAUSE_MS = 120;

type Found = { text: string; filter: TicketSearchFilter; hits: TicketSearchHit[]; articles: ArticleSearchHit[] } | { text: string; filter: TicketSearchFilter; error: string };

/** Articles shown above the tickets: the best few; the knowledge screen lists more. */
const ARTICLES_SHOWN = 3;

/** What the search box finds on this desk, in place of the queue; a result opens its ticket. */
export function SearchResults({ text }: { text: string }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  const ready = useObservable(session.searchReady$, false);
  const filter = useUiStore((state) => state.searchFilter);
  const setFilter = useUiStore((state) => state.setSearchFilter);
  const selectedTicketId = useUiStore((state) => state.selectedTicketId);
  const selectTicket = useUiStore((state) => state.selectTicket);
  const openArticle = useUiStore((state) => state.openArticle);
  const [found, setFound] = useState<Found | null>(null);
  const meaningful = useMemo(() => allWordsQuery(text) !== null, [text]);

  useEffect(() => {
    if (!meaningful) return;
    let current = true;
    const timer = setTimeout(() => {
      Promise.all([session.searchTickets(text, filter), session.searchArticles(text)]).then(
        ([hits, articles]) => current && setFound({ text, filter, hits, articles: articles.slice(0, ARTICLES_SHOWN) }),
        (error: unknown) => current && setFound({ text, filter, error: error instanceof Error ? error.message : String(error) }),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session, text, filter, meaningful]);

  const upToDate = found !== null && found.text === text && found.filter === filter;
  // Stable per result set, so the server's section does not search again on every render.
  const localIds = useMemo(() => (found !== null && 'hits' in found ? found.hits.map((hit) => hit.ticketId) : []), [found]);

  return (
    <section className="queue-pane search-results" aria-labelledby="search-results-heading">
      <h2 id="search-results-heading" className="visually-hidden">
        {t('search.results')}
      </h2>
      <div className="queue-controls">
        <div className="field field--inline">
          <label htmlFor="search-status">{t('search.status')}</label>
          <select id="search-status" value={filter.status} onChange={(event) => setFilter({ status: event.target.value as TicketSearchFilter['status'] })}>
            <option value="any">{t('queue.filterAny')}</option>
            <option value="open">{t('queue.filterOpen')}</option>
            {TICKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="search-channel">{t('search.channel')}</label>
          <select id="search-channel" value={filter.channel} onChange={(event) => setFilter({ channel: event.target.value as Channel | 'any' })}>
            <option value="any">{t('search.anyChannel')}</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="field field--inline field--checkbox">
          <input type="checkbox" checked={filter.mine} onChange={(event) => setFilter({ mine: event.target.checked })} />
          {t('search.mine')}
        </label>
      </div>
      <div aria-live="polite">
        {!meaningful && <p className="pane-message">{t('search.stopWordsOnly')}</p>}
        {meaningful && !ready && <p className="pane-message">{t('search.building')}</p>}
        {meaningful && ready && !upToDate && <p className="pane-message">{t('search.searching')}</p>}
        {meaningful && upToDate && 'error' in found && <p className="pane-message" role="alert">{t('search.failed', { message: found.error })}</p>}
        {meaningful && upToDate && 'hits' in found && found.hits.length === 0 && <p className="pane-message">{t('search.none', { text })}</p>}
        {meaningful && upToDate && 'hits' in found && found.hits.length > 0 && <p className="queue-count">{t('search.count', { count: found.hits.length })}</p>}
      </div>
      {meaningful && upToDate && 'articles' in found && found.articles.length > 0 && (
        <>
          <h3 className="search-results__section">{t('knowledge.articlesInSearch')}</h3>
          <ul className="queue-list">
            {found.articles.map((hit) => (
              <li key={hit.articleId}>
                <button type="button" className="queue-row search-hit" data-testid="search-article" onClick={() => openArticle(hit.articleId)}>
                  <HighlightedText className="queue-row__subject" snippet={hit.title} />
                  <HighlightedText className="search-hit__snippet" snippet={hit.snippet} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {meaningful && upToDate && 'hits' in found && found.hits.length > 0 && (
        <ul className="queue-list">
          {found.hits.map((hit) => (
            <li key={hit.ticketId}>
              <button
                type="button"
                className="queue-row search-hit"
                data-testid="search-hit"
                data-ticket-id={hit.ticketId}
                aria-current={hit.ticketId === selectedTicketId ? 'true' : undefined}
                onClick={() => selectTicket(hit.ticketId)}
              >
                <span className="queue-row__top">
                  <span className="queue-row__number">{t('queue.number', { number: hit.number })}</span>
                  <HighlightedText className="queue-row__subject" snippet={hit.subject} />
                </span>
                {hit.snippet && <HighlightedText className="search-hit__snippet" snippet={hit.snippet} />}
                <span className="queue-row__meta">
                  <span className={`badge badge--status-${hit.status}`}>{t(`status.${hit.status}`)}</span>
                  <span>{t(`channel.${hit.channel}`)}</span>
                  <span className="queue-row__requester">{t('search.requester', { name: hit.requesterName })}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {meaningful && upToDate && 'hits' in found && <ServerSearchSection text={text} filter={filter} localIds={localIds} />}
    </section>
  );
}
