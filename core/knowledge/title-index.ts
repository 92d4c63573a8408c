import { termsOfWord, tokenize } from '../search';
import type { TitleMatch } from './self-service';

/** One title, analysed once: its meaningful words (each once, as their terms). */
type IndexedTitle<Extra> = { title: string; words: string[][]; extra: Extra };

/**
 * The public articles' titles by their terms: which titles a request shares words with, and how
 * many of each title's words, found from the request's terms alone (one lookup each, then only
 * the postings they touch). Self-service offers are decided on titles, so intake weighs a request
 * against thousands of articles in microseconds rather than with a full-text search.
 */
export class TitleIndex<Extra extends object = object> {
  private readonly titles = new Map<string, IndexedTitle<Extra>>();
  /** term → the (article, word position) pairs whose word has that term. */
  private readonly postings = new Map<string, { id: string; word: number }[]>();

  get size(): number {
    return this.titles.size;
  }

  /** Adds or replaces an article's title; `extra` comes back with its matches (what the caller needs of the article). */
  set(article: { id: string; title: string }, extra: Extra = {} as Extra): void {
    this.delete(article.id);
    const words = titleWords(article.title);
    this.titles.set(article.id, { title: article.title, words, extra });
    words.forEach((terms, word) => {
      for (const term of terms) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ id: article.id, word });
      }
    });
  }

  delete(id: string): void {
    const entry = this.titles.get(id);
    if (entry === undefined) return;
    this.titles.delete(id);
    for (const term of new Set(entry.words.flat())) {
      const list = this.postings.get(term)?.filter((posting) => posting.id !== id);
      if (list?.length) this.postings.set(term, list);
      else this.postings.delete(term);
    }
  }

  /** The titles sharing a word with the request, best match first (most of the title said, then most words), at most `limit`. */
  candidates(requestTerms: ReadonlySet<string>, limit: number): (TitleMatch & { title: string; extra: Extra })[] {
    // Per article, the positions of its title words the request holds (a word with two terms counts once).
    const said = new Map<string, Set<number>>();
    for (const term of requestTerms) {
      for (const { id, word } of this.postings.get(term) ?? []) {
        let positions = said.get(id);
        if (!positions) said.set(id, (positions = new Set()));
        positions.add(word);
      }
    }
    const matches: (TitleMatch & { title: string; extra: Extra })[] = [];
    for (const [id, positions] of said) {
      const { title, words, extra } = this.titles.get(id)!;
      matches.push({ articleId: id, titleWords: words.length, shared: positions.size, coverage: positions.size / words.length, title, extra });
    }
    return matches.sort((a, b) => b.coverage - a.coverage || b.shared - a.shared || a.articleId.localeCompare(b.articleId)).slice(0, limit);
  }
}

/** A title's meaningful words in order, each once (stop words left out), as their terms: what an offer counts (self-service.ts). */
export function titleWords(title: string): string[][] {
  const seen = new Set<string>();
  const words: string[][] = [];
  for (const word of tokenize(title)) {
    const terms = termsOfWord(word);
    const key = terms.join(' ');
    if (terms.length === 0 || seen.has(key)) continue;
    seen.add(key);
    words.push(terms);
  }
  return words;
}
