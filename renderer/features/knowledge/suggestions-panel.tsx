import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstValueFrom } from 'rxjs';
import { articlePlainText } from '../../../core/knowledge';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { EMPTY_DRAFT, draftKey, useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import type { ArticleSearchHit } from '../../sync/local-knowledge';
import type { TicketSuggestions } from '../../sync/suggestions';
import { HighlightedText } from '../search/highlighted-text';

/**
 * Beside the open ticket, unasked: the articles and solved tickets most like it, computed on this
 * machine (offline too) and again when the customer writes. One click puts an article's text, or
 * its public link, into the reply being written; a title opens the article or the ticket.
 */
export function SuggestionsPanel({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  const openArticle = useUiStore((state) => state.openArticle);
  const selectTicket = useUiStore((state) => state.selectTicket);
  const updateDraft = useUiStore((state) => state.updateDraft);
  const key = draftKey(session.agent.id, ticket.id);
  const messages$ = useMemo(() => session.messages$(ticket.id), [session, ticket.id]);
  const messageCount = useObservable(messages$, []).length;
  const [suggestions, setSuggestions] = useState<TicketSuggestions | null>(null);
  const [inserted, setInserted] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    session.suggestionsFor(ticket.id).then(
      (found) => current && setSuggestions(found),
      (error: unknown) => console.error('could not compute suggestions', error),
    );
    return () => {
      current = false;
    };
  }, [session, ticket.id, ticket.subject, messageCount]);

  const insert = (hit: ArticleSearchHit, what: 'text' | 'link') => {
    void (async () => {
      const article = await firstValueFrom(session.article$(hit.articleId));
      if (!article) return;
      const addition = what === 'text' ? articlePlainText(article.body) : `${article.title}: ${session.articleUrl(article)}`;
      const body = useUiStore.getState().drafts[key]?.body ?? EMPTY_DRAFT.body;
      updateDraft(key, { body: body.trim() ? `${body.trimEnd()}\n\n${addition}` : addition });
      setInserted(hit.articleId);
    })();
  };

  if (suggestions === null) return null;
  const nothing = suggestions.articles.length === 0 && suggestions.solvedTickets.length === 0;

  return (
    <section className="suggestions" aria-labelledby={`suggestions-${ticket.id}`} data-testid="suggestions">
      <h3 id={`suggestions-${ticket.id}`}>{t('knowledge.suggestions')}</h3>
      {nothing && <p className="pane-message">{t('knowledge.noSuggestions')}</p>}
      {suggestions.articles.length > 0 && (
        <>
          <h4>{t('knowledge.suggestedArticles')}</h4>
          <ul className="suggestions__list">
            {suggestions.articles.map((hit) => (
              <li key={hit.articleId} data-testid="suggested-article">
                <button type="button" className="link-button" onClick={() => openArticle(hit.articleId)}>
                  <HighlightedText snippet={hit.title} />
                </button>
                <HighlightedText className="search-hit__snippet" snippet={hit.snippet} />
                <span className="suggestions__actions">
                  <button type="button" className="button" onClick={() => insert(hit, 'text')}>
                    {t('knowledge.insertText')}
                  </button>
                  {hit.visibility === 'public' && (
                    <button type="button" className="button" onClick={() => insert(hit, 'link')}>
                      {t('knowledge.insertLink')}
                    </button>
                  )}
                  {inserted === hit.articleId && <span role="status">{t('knowledge.inserted')}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestions.solvedTickets.length > 0 && (
        <>
          <h4>{t('knowledge.suggestedTickets')}</h4>
          <ul className="suggestions__list">
            {suggestions.solvedTickets.map((hit) => (
              <li key={hit.ticketId} data-testid="suggested-ticket">
                <button type="button" className="link-button" onClick={() => selectTicket(hit.ticketId)}>
                  {t('queue.number', { number: hit.number })} <HighlightedText snippet={hit.subject} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
