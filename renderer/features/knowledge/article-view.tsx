import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEditArticles } from '../../../core';
import { renderArticleHtml } from '../../../core/knowledge';
import { useDeskSession } from '../../app/app-context';
import { formatDateTime } from '../../i18n/format';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import type { ArticleDocument } from '../../db/schemas';
import { purified } from '../safe-html/safe-html';
import { editDraftOf } from './article-drafts';

/** One article, read from the local database (offline too): its Markdown rendered and cleaned twice, its public link for customers. */
export function ArticleView({ articleId }: { articleId: string }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession();
  const article$ = useMemo(() => session.article$(articleId), [session, articleId]);
  const article = useObservable<ArticleDocument | null, undefined>(article$, undefined);
  const html = useMemo(() => (article ? purified(renderArticleHtml(article.body)) : ''), [article]);
  const [copied, setCopied] = useState(false);
  const editArticle = useUiStore((state) => state.editArticle);

  if (article === undefined) return null;
  if (article === null) return <p className="pane-message">{t('knowledge.notFound')}</p>;
  const url = article.visibility === 'public' ? session.articleUrl(article) : null;

  return (
    <article className="article-view" lang={article.language} aria-labelledby="article-title">
      <h2 id="article-title">{article.title}</h2>
      {canEditArticles(session.agent) && (
        <button
          type="button"
          className="button"
          onClick={() => editArticle(editDraftOf(session.agent.id, article))}
        >
          {t('knowledge.edit')}
        </button>
      )}
      <p className="article-view__meta">
        <span className={`badge badge--${article.visibility}`}>{t(`knowledge.${article.visibility}`)}</span>
        <span>{t(`knowledge.languages.${article.language}`)}</span>
        <span>{t('knowledge.updated', { time: formatDateTime(i18n.language, article.updatedAt) })}</span>
        {article.tags.map((tag) => (
          <span key={tag} className="badge">
            {tag}
          </span>
        ))}
      </p>
      {/* The HTML is core's Markdown rendering (no raw HTML) cleaned again by DOMPurify. */}
      <div className="article-view__body" dangerouslySetInnerHTML={{ __html: html }} />
      {url && (
        <p className="article-view__link">
          <span>{t('knowledge.publicLink')}: </span>
          <a href={url} target="_blank" rel="noopener noreferrer">
            {url}
          </a>{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => undefined);
            }}
          >
            {copied ? t('knowledge.copied') : t('knowledge.copyLink')}
          </button>
        </p>
      )}
    </article>
  );
}
