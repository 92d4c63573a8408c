import type MiniSearch from 'minisearch';
import type { Article, ArticleLanguage, ArticleVisibility } from '../domain/article';
import type { SearchOptions } from 'minisearch';
import { allWordsQuery, anyWordsQuery, createSearchIndex, guessLanguage, type SearchResult } from '../search';
import { articlePlainText } from './markdown';

/** What an article index holds of an article: its words, and what results are filtered by. */
export type IndexedArticle = { id: string; title: string; tags: string; category: string; body: string; visibility: ArticleVisibility; language: ArticleLanguage };
export type ArticleIndex = MiniSearch<IndexedArticle>;

/** The words of a question ranked when not all of them match (a search box's text is at most 200 characters). */
const QUESTION_WORDS = 12;

/** How much an article in the question's language counts over an equal one in another. */
const SAME_LANGUAGE_BOOST = 1.5;

// The title says what an article answers; tags and category are chosen words; the body is long.
const BOOST = { title: 3, tags: 2, category: 1.5, body: 1 };

/** One index definition for the server's search and the console's offline one, so both rank alike. */
export function createArticleIndex(): ArticleIndex {
  return createSearchIndex<IndexedArticle>({ fields: ['title', 'tags', 'category', 'body'], storeFields: ['visibility', 'language'], boost: BOOST });
}

export function toIndexedArticle(article: Pick<Article, 'id' | 'title' | 'tags' | 'category' | 'body' | 'visibility' | 'language'>): IndexedArticle {
  return {
    id: article.id,
    title: article.title,
    tags: article.tags.join(' '),
    category: article.category ?? '',
    body: articlePlainText(article.body),
    visibility: article.visibility,
    language: article.language,
  };
}

export type ArticleQuery = {
  text: string;
  /** Public articles only (customers, channels), or internal ones too (agents). */
  audience: 'public' | 'agents';
  language?: ArticleLanguage;
  limit: number;
  /**
   * `all`: every word must match (a search box); `any`: a longer text, ranked by what it shares (a
   * request, a ticket). `question` (the default): every word if any article has them all, else the
   * articles that share the most words with it: a customer's question holds words no article has.
   */
  match?: 'all' | 'any' | 'question';
};

/** Best first; empty when the text has no meaningful word. */
export function searchArticleIndex(index: ArticleIndex, request: ArticleQuery): SearchResult[] {
  const match = request.match ?? 'question';
  // Without a language asked for, articles in the question's own language come first among equals.
  const likely = request.language ?? guessLanguage(request.text);
  const options: SearchOptions = {
    boostDocument: (_id, _term, stored) => (likely !== null && stored?.language === likely ? SAME_LANGUAGE_BOOST : 1),
    filter: (result) => (request.audience === 'agents' || result.visibility === 'public') && (request.language === undefined || result.language === request.language),
  };
  if (match !== 'any') {
    const query = allWordsQuery(request.text);
    const found = query === null ? [] : index.search(query, options);
    if (found.length > 0 || match === 'all') return found.slice(0, request.limit);
  }
  // A question's words are tried with typos and prefixes, each costly over a large vocabulary: its first few say enough.
  const any = anyWordsQuery(request.text, match === 'question' ? QUESTION_WORDS : undefined);
  if (any === null) return [];
  // A question is short: its words may be typed with typos or be the start of a longer one.
  const expansions = match === 'question' ? {} : any.options;
  return index.search(any.query, { ...options, ...expansions }).slice(0, request.limit);
}
