import type { Article, ArticleVisibility } from '../../../core';
import { articlePlainText, createArticleIndex, searchArticleIndex, TitleIndex, toIndexedArticle, type ArticleQuery, type TitleMatch } from '../../../core/knowledge';
import { snippetOf, termsOfText, type SearchResult } from '../../../core/search';
import type { Executor } from '../../store/database';
import { articlesChangedAfter, findArticlesByIds, latestArticleSeq } from '../../store/articles-repository';

export type ArticleHit = { id: string; title: string; snippet: string; score: number; visibility: ArticleVisibility };
export type ArticleSearch = ArticleQuery;

/** Changed articles read per catch-up query. */
const CATCH_UP_PAGE = 500;

/**
 * The published articles in a search index (core/knowledge's article index: every form of a word
 * in en/ru/pl, typos forgiven in longer words), in memory: a desk has thousands of articles, not millions. Before each
 * search the index catches up with the articles changed since it last looked (one indexed read of
 * `seq`), so every process of a scale-out desk answers from the same database without a message
 * between them. Drafts are never in the index; an unpublished article leaves it. Beside it, the
 * public articles' titles (core/knowledge's TitleIndex), which self-service offers are weighed on.
 */
export class KnowledgeSearch {
  private readonly index = createArticleIndex();
  private readonly publicTitles = new TitleIndex<Pick<Article, 'slug' | 'language'>>();
  private indexedSeq = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly db: Executor) {}

  async search(request: ArticleSearch): Promise<ArticleHit[]> {
    await this.catchUp();
    const results = searchArticleIndex(this.index, request);
    return this.withSnippets(results);
  }

  /** The public published articles whose titles a request says most of, best first (see core/knowledge/self-service.ts). */
  async publicTitleMatches(text: string, limit: number): Promise<(TitleMatch & { title: string; extra: Pick<Article, 'slug' | 'language'> })[]> {
    await this.catchUp();
    return this.publicTitles.candidates(new Set(termsOfText(text)), limit);
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
        if (article.status === 'published') this.index.add(toIndexedArticle(article));
        if (article.status === 'published' && article.visibility === 'public') this.publicTitles.set(article, { slug: article.slug, language: article.language });
        else this.publicTitles.delete(article.id);
        this.indexedSeq = seq;
      }
      if (changed.length < CATCH_UP_PAGE) return;
    }
  }
}
