import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEditArticles, type ArticleLanguage } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import type { ArticleDocument } from '../../db/schemas';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import type { ArticleSearchHit } from '../../sync/local-knowledge';
import { HighlightedText } from '../search/highlighted-text';
import { newArticleDraft } from './article-drafts';
import { ArticleEditor } from './article-editor';
import { LanguageOptions } from './language-options';
import { ArticleView } from './article-view';
import { EditorQueues } from './editor-queues';
import { SelfServiceSettingsForm } from './self-service-settings';

/** A pause in typing before searching. */
const TYPING_PAUSE_MS = 120;

/**
 * The knowledge base as this desk holds it (published articles, internal ones included), offline
 * too: the newest first, or what a search finds, and the chosen article beside the list.
 */
export function KnowledgeScreen() {
  const { t } = useTranslation();
  const session = useDeskSession();
  const showScreen = useUiStore((state) => state.showScreen);
  const selectedArticleId = useUiStore((state) => state.selectedArticleId);
  const openArticle = useUiStore((state) => state.openArticle);
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<ArticleLanguage | 'any'>('any');
  const [hits, setHits] = useState<{ text: string; language: string; hits: ArticleSearchHit[] } | null>(null);
  const articles$ = useMemo(() => session.articles$(language), [session, language]);
  const articles = useObservable<ArticleDocument[], null>(articles$, null);
  const searching = text.trim() !== '';
  const editor = canEditArticles(session.agent);
  const storedDraft = useUiStore((state) => state.articleDraft);
  const editArticle = useUiStore((state) => state.editArticle);
  // Another agent's unsaved article (same machine) is not theirs to see.
  const draft = editor && storedDraft?.agentId === session.agent.id ? storedDraft : null;

  useEffect(() => {
    if (!searching) return;
    let current = true;
    const timer = setTimeout(() => {
      void session.searchArticles(text, language === 'any' ? {} : { language }).then((found) => current && setHits({ text, language, hits: found }));
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session, text, language, searching]);

  const shownHits = hits && hits.text === text && hits.language === language ? hits.hits : null;

  return (
    <main className="desk knowledge-screen">
      <section className="queue-pane" aria-labelledby="knowledge-heading">
        <div className="queue-controls">
          <h2 id="knowledge-heading">{t('knowledge.title')}</h2>
          <button type="button" className="button" onClick={() => showScreen('desk')}>
            {t('knowledge.back')}
          </button>
          {editor && (
            <button
              type="button"
              className="button"
              onClick={() => editArticle(newArticleDraft(session.agent.id))}
            >
              {t('knowledge.newArticle')}
            </button>
          )}
          <label htmlFor="knowledge-search" className="visually-hidden">
            {t('knowledge.search')}
          </label>
          <input id="knowledge-search" type="search" value={text} maxLength={200} placeholder={t('knowledge.searchPlaceholder')} onChange={(event) => setText(event.target.value)} />
          <div className="field field--inline">
            <label htmlFor="knowledge-language">{t('knowledge.language')}</label>
            <select id="knowledge-language" value={language} onChange={(event) => setLanguage(event.target.value as ArticleLanguage | 'any')}>
              <option value="any">{t('knowledge.anyLanguage')}</option>
              <LanguageOptions />
            </select>
          </div>
        </div>
        <div aria-live="polite">
          {searching && shownHits?.length === 0 && <p className="pane-message">{t('knowledge.none', { text })}</p>}
          {!searching && articles?.length === 0 && <p className="pane-message">{t('knowledge.empty')}</p>}
        </div>
        <ul className="queue-list">
          {searching
            ? shownHits?.map((hit) => (
                <li key={hit.articleId}>
                  <button type="button" className="queue-row" data-testid="article-row" aria-current={hit.articleId === selectedArticleId ? 'true' : undefined} onClick={() => openArticle(hit.articleId)}>
                    <HighlightedText className="queue-row__subject" snippet={hit.title} />
                    <HighlightedText className="search-hit__snippet" snippet={hit.snippet} />
                  </button>
                </li>
              ))
            : articles?.map((article) => (
                <li key={article.id}>
                  <button type="button" className="queue-row" data-testid="article-row" aria-current={article.id === selectedArticleId ? 'true' : undefined} onClick={() => openArticle(article.id)}>
                    <span className="queue-row__subject">{article.title}</span>
                    <span className="queue-row__meta">
                      <span className={`badge badge--${article.visibility}`}>{t(`knowledge.${article.visibility}`)}</span>
                      <span>{t(`knowledge.languages.${article.language}`)}</span>
                    </span>
                  </button>
                </li>
              ))}
        </ul>
        {editor && <EditorQueues />}
        {session.agent.role === 'admin' && <SelfServiceSettingsForm />}
      </section>
      <section className="ticket-pane">
        {draft ? (
          <ArticleEditor key={draft.articleId ?? 'new'} draft={draft} />
        ) : selectedArticleId ? (
          <ArticleView key={selectedArticleId} articleId={selectedArticleId} />
        ) : (
          <p className="pane-message">{t('knowledge.noneSelected')}</p>
        )}
      </section>
    </main>
  );
}
