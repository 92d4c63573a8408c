import type { ArticleLanguage } from '../../../../core';
import { renderArticleHtml } from '../../../../core/knowledge';
import { escapeHtml, publicPage } from '../../channels/public-page';
import type { PageLanguage } from '../../channels/request-page/request-page-strings';
import type { ArticleWithTranslations } from '../knowledge-service';
import { ARTICLE_PAGE_STRINGS } from './article-page-strings';

/**
 * A public article as a page of its own, for customers without an account: the body's Markdown
 * rendered safely (core/knowledge: no raw HTML, no script links; the page's CSP allows no script),
 * its translations linked. The page's own words follow the reader's language; the article keeps
 * its own (`lang` on the article element, so a screen reader reads it right).
 */
export function renderArticlePage(language: PageLanguage, article: ArticleWithTranslations): string {
  const strings = ARTICLE_PAGE_STRINGS[language];
  const updated = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(article.updatedAt);
  const translations = article.translations.length
    ? `<p class="meta">${escapeHtml(strings.otherLanguages)}: ${article.translations
        .map((other) => `<a href="/kb/${encodeURIComponent(other.id)}" hreflang="${other.language}">${escapeHtml(strings.languageNames[other.language as ArticleLanguage])}: ${escapeHtml(other.title)}</a>`)
        .join(', ')}</p>`
    : '';
  return publicPage(
    language,
    article.title,
    `<article lang="${article.language}"><h1>${escapeHtml(article.title)}</h1>${renderArticleHtml(article.body)}</article>
<p class="meta">${escapeHtml(strings.updated)}: <time datetime="${new Date(article.updatedAt).toISOString()}">${escapeHtml(updated)}</time></p>${translations}`,
    { indexable: true },
  );
}

/** No such public article (or one the reader may not see, which reads the same). */
export function renderMissingArticlePage(language: PageLanguage): string {
  const strings = ARTICLE_PAGE_STRINGS[language];
  return publicPage(language, strings.missingTitle, `<h1>${escapeHtml(strings.missingTitle)}</h1><p>${escapeHtml(strings.missing)}</p>`);
}
