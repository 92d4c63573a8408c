import { BehaviorSubject, Subscription, type Observable } from 'rxjs';
import type { ArticleLanguage, ArticleVisibility } from '../../core';
import { articlePlainText, createArticleIndex, searchArticleIndex, toIndexedArticle } from '../../core/knowledge';
import { snippetOf, type Snippet } from '../../core/search';
import type { DeskDatabase } from '../db/database';
import type { ArticleDocument, LibraryDocument } from '../db/schemas';

/** A found article: its title and a snippet with the matched words marked. */
export type ArticleSearchHit = {
  articleId: string;
  slug: string;
  title: Snippet;
  snippet: Snippet;
  language: ArticleLanguage;
  visibility: ArticleVisibility;
  score: number;
};

/** The local index of the published articles this desk holds, searchable offline. */
export type LocalKnowledge = {
  readonly ready$: Observable<boolean>;
  /**
   * Best first. `question` (a search box) needs every word when some article has them all, else
   * ranks by shared words; `any` ranks a longer text (a ticket's subject and messages) by what it
   * shares.
   */
  search(text: string, options: { language?: ArticleLanguage; limit?: number; match?: 'question' | 'any' }): Promise<ArticleSearchHit[]>;
  stop(): void;
};

/**
 * Keeps core/knowledge's article index (the one the server's search uses, so both rank alike) over
 * the library's articles: built once, then following its changes. The library holds published
 * articles only (drafts arrive as removals), internal ones included: every agent may read them.
 */
export function startLocalKnowledge(db: DeskDatabase): LocalKnowledge {
  const library = db.library;
  if (library === undefined) return { ready$: new BehaviorSubject(true).asObservable(), search: async () => [], stop: () => undefined };
  const index = createArticleIndex();
  const ready$ = new BehaviorSubject(false);
  let stopped = false;

  const put = (article: ArticleDocument | undefined, id: string) => {
    if (index.has(id)) index.discard(id);
    if (article) index.add(toIndexedArticle(article));
  };
  const subscriptions = new Subscription();
  const built = library
    .find({ selector: { kind: 'article' } })
    .exec()
    .then((documents) => {
      if (stopped) return;
      for (const doc of documents) {
        const { article } = doc.toJSON() as LibraryDocument;
        if (article && !index.has(doc.id)) index.add(toIndexedArticle(article));
      }
      ready$.next(true);
    })
    .catch((error: unknown) => console.error('could not build the article index', error));
  // Subscribed before the first read resolves, so no change is missed; a change applied twice only replaces.
  subscriptions.add(
    library.$.subscribe((event) => {
      const item = event.operation === 'DELETE' ? undefined : (event.documentData as LibraryDocument);
      void built.then(() => put(item?.article ?? undefined, event.documentId));
    }),
  );

  const search = async (text: string, options: { language?: ArticleLanguage; limit?: number; match?: 'question' | 'any' }): Promise<ArticleSearchHit[]> => {
    await built;
    if (stopped) return [];
    const results = searchArticleIndex(index, { text, audience: 'agents', language: options.language, limit: options.limit ?? 20, match: options.match ?? 'question' });
    const items = await library.findByIds(results.map((result) => String(result.id))).exec();
    return results.flatMap((result) => {
      const article = (items.get(String(result.id))?.toJSON() as LibraryDocument | undefined)?.article;
      if (!article) return [];
      return [{
        articleId: article.id,
        slug: article.slug,
        title: snippetOf(article.title, result.terms, 200),
        snippet: snippetOf(articlePlainText(article.body), result.terms),
        language: article.language,
        visibility: article.visibility,
        score: result.score,
      }];
    });
  };

  return {
    ready$: ready$.asObservable(),
    search,
    stop() {
      stopped = true;
      subscriptions.unsubscribe();
      ready$.complete();
    },
  };
}
