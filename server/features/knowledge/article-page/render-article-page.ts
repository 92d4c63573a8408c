import type { ArticleLanguage } from '../../../../core';
import { renderArticleHtml } from '../../../../core/knowledge';
import { escapeHtml, publicPage } from '../../channels/public-page';
import type { PageLanguage } from '../../channels/request-page/request-page-strings';
import type { ArticleWithTranslations } from '../knowledge-service';
import { ARTICLE_PAGE_STRINGS } from './article-page-strings';
import { OFFER_STRINGS } from './offer-strings';

/** Under an article offered with an acknowledgement: the customer's two answers, for this ticket (the signed token). */
export type OfferForm = { token: string; ticketNumber: number; open: boolean };

/**
 * A public article as a page of its own, for customers without an account: the body's Markdown
 * rendered safely (core/knowledge: no raw HTML, no script links; the page's CSP allows no script),
 * its translations linked. The page's own words follow the reader's language; the article keeps
 * its own (`lang` on the article element, so a screen reader reads it right).
 */
export function renderArticlePage(language: PageLanguage, article: ArticleWithTranslations, offer: OfferForm | null = null): string {
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
<p class="meta">${escapeHtml(strings.updated)}: <time datetime="${new Date(article.updatedAt).toISOString()}">${escapeHtml(updated)}</time></p>${translations}${offer ? offerForm(language, article, offer) : ''}`,
    // A page with a customer's token is theirs alone: never listed, and its language links keep the token.
    offer ? { keep: { offer: offer.token } } : { indexable: true },
  );
}

/** A POST, so that a mail scanner following the link answers nothing; the token is the proof. */
function offerForm(language: PageLanguage, article: ArticleWithTranslations, offer: OfferForm): string {
  const strings = OFFER_STRINGS[language];
  if (!offer.open) return `<p class="meta">${escapeHtml(strings.notOpen(offer.ticketNumber))}</p>`;
  return `<form class="offer" method="post" action="/kb/${encodeURIComponent(article.slug)}/offer?lang=${language}"><p>${escapeHtml(strings.question(offer.ticketNumber))}</p>
<input type="hidden" name="offer" value="${escapeHtml(offer.token)}"><button type="submit" name="answer" value="solved">${escapeHtml(strings.solved)}</button><button type="submit" name="answer" value="help">${escapeHtml(strings.needHelp)}</button></form>`;
}

/** What the customer sees after answering under an offered article. */
export function renderOfferAnswerPage(language: PageLanguage, article: { slug: string }, answer: { kind: 'solved' | 'help' | 'not_open'; ticketNumber: number } | { kind: 'expired' }): string {
  const strings = OFFER_STRINGS[language];
  const back = `<p><a href="/kb/${encodeURIComponent(article.slug)}">${escapeHtml(strings.backToArticle)}</a></p>`;
  if (answer.kind === 'expired') return publicPage(language, strings.linkExpired, `<h1>${escapeHtml(strings.linkExpired)}</h1>${back}`);
  const [title, text] =
    answer.kind === 'solved'
      ? [strings.solvedTitle, strings.solvedDone(answer.ticketNumber)]
      : answer.kind === 'help'
        ? [strings.helpTitle, strings.helpDone(answer.ticketNumber)]
        : [strings.notOpen(answer.ticketNumber), strings.notOpen(answer.ticketNumber)];
  return publicPage(language, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${back}`);
}

/** No such public article (or one the reader may not see, which reads the same). */
export function renderMissingArticlePage(language: PageLanguage): string {
  const strings = ARTICLE_PAGE_STRINGS[language];
  return publicPage(language, strings.missingTitle, `<h1>${escapeHtml(strings.missingTitle)}</h1><p>${escapeHtml(strings.missing)}</p>`);
}
