import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import { termsOfWord, tokenize, words } from './analyze';

export type { Query, SearchResult };

/**
 * Typos are forgiven in longer words only: one edit from five letters on, two from eight. Shorter
 * words have too many neighbours (`parol` is one letter from a dozen other stems).
 */
export function typoTolerance(term: string): number | false {
  if (term.length >= 8) return 2;
  if (term.length >= 5) return 1;
  return false;
}

/** A stem of four letters or more also finds longer words it begins (`print` → `printer`): people type a word's start. */
const prefixTolerance = (term: string): boolean => term.length >= 4;

const SEARCH_DEFAULTS: SearchOptions = { fuzzy: typoTolerance, prefix: prefixTolerance, weights: { fuzzy: 0.3, prefix: 0.5 } };

/** MiniSearch with Tierdesk's analysis (see analyze.ts); every index in server and console is built with it. */
export function createSearchIndex<T>(options: Pick<Options<T>, 'fields' | 'storeFields' | 'idField' | 'extractField'> & { boost?: Record<string, number> }): MiniSearch<T> {
  const { boost, ...indexOptions } = options;
  // Only the options given: MiniSearch takes an explicit undefined as "no function".
  const given = Object.fromEntries(Object.entries(indexOptions).filter(([, value]) => value !== undefined)) as Pick<Options<T>, 'fields'>;
  return new MiniSearch<T>({
    ...given,
    tokenize,
    processTerm: (term) => termsOfWord(term),
    searchOptions: { ...SEARCH_DEFAULTS, ...(boost ? { boost } : {}) },
  });
}

/**
 * A search box's query: every meaningful word must match (in any of its forms), as people expect
 * when they add a word to narrow a search. A word's forms (its English and Polish stems) are
 * alternatives. Stop words are left out; null when nothing meaningful is left. Only the last word
 * also finds longer words it begins: that is the word still being typed, and a prefix expanded
 * over a large desk's vocabulary is most of a search's cost (the words before it are whole, and
 * typos are still forgiven in them).
 */
export function allWordsQuery(text: string): Query | null {
  const meaningful = tokenize(text).filter((word) => termsOfWord(word).length > 0);
  if (meaningful.length === 0) return null;
  const last = meaningful.length - 1;
  return { combineWith: 'AND', queries: meaningful.map((word, index) => (index === last ? { combineWith: 'OR', queries: [word] } : { combineWith: 'OR', queries: [word], prefix: false })) };
}

/**
 * A query from a longer text (a ticket's subject and messages, for suggestions): any word may
 * match, the ranking (BM25) rewards documents that share more and rarer words. Prefixes and typos
 * are not tried: a long text has enough words of its own, and each expansion costs time.
 */
export function anyWordsQuery(text: string, maxWords = 60): { query: Query; options: SearchOptions } | null {
  const distinct = [...new Set(tokenize(text).filter((word) => termsOfWord(word).length > 0).map((word) => word.toLowerCase()))].slice(0, maxWords);
  if (distinct.length === 0) return null;
  return { query: { combineWith: 'OR', queries: distinct }, options: { fuzzy: false, prefix: false } };
}

/** The text up to (and with) its `count`-th meaningful word: a long text's query made of its start. */
export function leadingWords(text: string, count: number): string {
  let seen = 0;
  for (const { word, index } of words(text)) {
    if (termsOfWord(word).length === 0) continue;
    seen += 1;
    if (seen === count) return text.slice(0, index + word.length);
  }
  return text;
}

/** A stretch of text to show, and where in it the matched words are. */
export type Snippet = { text: string; highlights: { start: number; end: number }[] };

/**
 * Where the words a search matched stand in a text. `matchedTerms` are the index terms a result
 * matched (MiniSearch's `result.terms`, which include prefix and typo expansions): a word is marked
 * when any of its own terms is one of them.
 */
export function highlightRanges(text: string, matchedTerms: readonly string[]): { start: number; end: number }[] {
  const wanted = new Set(matchedTerms);
  return words(text)
    .filter(({ word }) => termsOfWord(word).some((term) => wanted.has(term)))
    .map(({ word, index }) => ({ start: index, end: index + word.length }));
}

/**
 * A short stretch of the text around its first matched word (or its start), with the matched words
 * marked: what a result list shows under a title. Whitespace is collapsed first.
 */
export function snippetOf(text: string, matchedTerms: readonly string[], length = 160): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = highlightRanges(flat, matchedTerms);
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(length / 3));
  // Begin at a word boundary, not in the middle of one.
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + length);
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < flat.length ? ' …' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + flat.slice(start, end) + suffix,
    highlights: ranges.filter((range) => range.start >= start && range.end <= end).map((range) => ({ start: range.start + shift, end: range.end + shift })),
  };
}
