import { termsOfWord, tokenize } from '../search';
import { titleMatch, type TitleMatch } from './self-service';

/**
 * The public articles' titles by their terms: which titles a request shares words with, found by
 * one lookup per term of the request. Self-service offers are decided on titles alone, so intake
 * weighs a request against thousands of articles in microseconds, not with a full-text search.
 */
export class TitleIndex<Extra extends object = object> {
  private readonly titles = new Map<string, { title: string; extra: Extra }>();
  private readonly byTerm = new Map<string, Set<string>>();

  get size(): number {
    return this.titles.size;
  }

  /** Adds or replaces an article's title; `extra` comes back with its matches (what the caller needs of the article). */
  set(article: { id: string; title: string }, extra: Extra = {} as Extra): void {
    this.delete(article.id);
    this.titles.set(article.id, { title: article.title, extra });
    for (const term of titleTerms(article.title)) {
      let ids = this.byTerm.get(term);
      if (!ids) this.byTerm.set(term, (ids = new Set()));
      ids.add(article.id);
    }
  }

  delete(id: string): void {
    const entry = this.titles.get(id);
    if (entry === undefined) return;
    this.titles.delete(id);
    for (const term of titleTerms(entry.title)) {
      const ids = this.byTerm.get(term);
      ids?.delete(id);
      if (ids?.size === 0) this.byTerm.delete(term);
    }
  }

  /** The titles sharing a word with the request, best match first (most of the title said, then most words), at most `limit`. */
  candidates(requestTerms: ReadonlySet<string>, limit: number): (TitleMatch & { title: string; extra: Extra })[] {
    const touched = new Set<string>();
    for (const term of requestTerms) for (const id of this.byTerm.get(term) ?? []) touched.add(id);
    return [...touched]
      .map((id) => {
        const { title, extra } = this.titles.get(id)!;
        return { ...titleMatch({ id, title }, requestTerms), title, extra };
      })
      .sort((a, b) => b.coverage - a.coverage || b.shared - a.shared || a.articleId.localeCompare(b.articleId))
      .slice(0, limit);
  }
}

const titleTerms = (title: string): Set<string> => new Set(tokenize(title).flatMap(termsOfWord));
