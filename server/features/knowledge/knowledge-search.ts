import type { Article, ArticleLanguage, ArticleVisibility } from '../../../core';
import { articlePlainText } from '../../../core/knowledge';
import { allWordsQuery, anyWordsQuery, createSearchIndex, snippetOf, type Query, type SearchResult } from '../../../core/search';
import type { Executor } from '../../store/database';
import { articlesChangedAfter, findArticlesByIds, latestArticleSeq } from '../../store/articles-repository';

export type ArticleHit = { id: string; title: string; snippet: string; score: number; visibility: ArticleVisibility };
export type ArticleSearch = {
  text: string;
  /** Public articles only (customers, channels), or internal ones too (agents). */
  audience: 'public' | 'agents';
  language?: ArticleLanguage;
  limit: number;
  /** `all`: every word must match (a search box); `any`: a longer text, ranked by what it shares (a customer's request). */
  match?: 'all' | 'any';
};

type IndexedArticle = { id: string; title: string; tags: string; category: string; body: string; visibility: ArticleVisibility; language: ArticleLanguage };

/** Changed articles read per catch-up query. */
const CATCH_UP_PAGE = 500;
// The title says what an article answers; tags and category are chosen words; the body is long.
const BOOST = { title: 3, tags: 2, category: 1.5, body: 1 };

/**
 * The published articles in a search index (core/search: every form of a word in en/ru/pl, typos
 * forgiven in longer words), in memory: a desk has thousands of articles, not millions. Before each
 * search the index catches up with the articles changed since it last looked (one indexed read of
 * `seq`), so every process of a scale-out desk answers from the same database without a message
 * between them. Drafts are never in the index; an unpublished article leaves it.
 */
export class KnowledgeSearch {
  private readonly index = createSearchIndex<IndexedArticle>({ fields: ['title', 'tags', 'category', 'body'], storeFields: ['title', 'visibility', 'language'], boost: BOOST });
  private indexedSeq = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly db: Executor) {}

  async search(request: ArticleSearch): Promise<ArticleHit[]> {
    await this.catchUp();
    const any = request.match === 'any' ? anyWordsQuery(request.text) : null;
    const query: Query | null = any ? any.query : request.match === 'any' ? null : allWordsQuery(request.text);
    if (query === null) return [];
    const results = this.index
      .search(query, {
        ...any?.options,
        filter: (result) => (request.audience === 'agents' || result.visibility === 'public') && (request.language === undefined || result.language === request.language),
      })
      .slice(0, request.limit);
    return this.withSnippets(results);
  }

  /** How many published articles the index holds (reported by the benchmark). */
  get size(): number {
    return this.index.documentCount;
  }

  private async withSnippets(results: SearchResult[]): Promise<ArticleHit[]> {
    const articles = new Map((await findArticlesByIds(this.db, results.map((result) => String(result.id)))).map((article) => [article.id, article]));
    return results.flatMap((result) => {
      const article = articles.get(String(result.id));
      // Changed since the index looked (unpublished a moment ago, say): the database has the last word.
      if (!article || article.status !== 'published') return [];
      return [{ id: article.id, title: article.title, snippet: snippetOf(articlePlainText(article.body), result.terms).text, score: result.score, visibility: article.visibility }];
    });
  }

  /** One catch-up at a time; searches arriving meanwhile wait for it. */
  private catchUp(): Promise<void> {
    this.catchingUp ??= this.readChanges().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async readChanges(): Promise<void> {
    if ((await latestArticleSeq(this.db)) <= this.indexedSeq) return;
    for (;;) {
      const changed = await articlesChangedAfter(this.db, this.indexedSeq, CATCH_UP_PAGE);
      for (const { article, seq } of changed) {
        if (this.index.has(article.id)) this.index.discard(article.id);
        if (article.status === 'published') this.index.add(toIndexed(article));
        this.indexedSeq = seq;
      }
      if (changed.length < CATCH_UP_PAGE) return;
    }
  }
}

function toIndexed(article: Article): IndexedArticle {
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
