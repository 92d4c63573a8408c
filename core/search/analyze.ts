import StemmerPl from '@nlpjs/lang-pl/src/stemmer-pl.js';
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';
import { eng, pol, rus } from 'stopword';

/**
 * The one text analysis of Tierdesk's search: the console's local index, the server's ticket index
 * (SQLite FTS5 and PostgreSQL tsvector hold the terms this produces) and the knowledge-base search
 * all turn text into terms here, so a query finds the same things everywhere.
 *
 * Why each step:
 * - Case folds, and ё reads as е: Russian customers type either.
 * - Stop words of English, Russian and Polish (the `stopword` package) carry no meaning.
 * - Cyrillic words are stemmed by Orama's Snowball-based Russian stemmer.
 * - A Latin word may be English or Polish, and a short query says too little to tell: it yields both
 *   its English (Orama's Porter) and its Polish stem (nlp.js), on both sides (indexing and query), so
 *   `drukarki` finds `drukarka` and `printers` finds `printer`. The Polish stemmer works on text
 *   without diacritics, which is also how many customers type (`zolty` for `żółty`): diacritics are
 *   folded before it, and after the English stemmer, so both spellings meet.
 */
const polish = new StemmerPl();

/**
 * English auxiliaries and the negation that `stopword`'s English list lacks, while its Russian and
 * Polish lists hold their counterparts (не, nie): "does not" says nothing about what a ticket or an
 * article is about (and `doesn't` splits into `doesn` and `t`).
 */
const ENGLISH_FUNCTION_WORDS = ['not', 'does', 'doesn', 'don', 'didn', 'isn', 'aren', 'wasn', 'weren', 'won', 'cannot', 'couldn', 'shouldn', 'wouldn'];

const STOP_WORDS = new Set([...eng, ...ENGLISH_FUNCTION_WORDS, ...rus, ...pol].map((word) => foldForSearch(word)));

/** Words over this length are not words a person searches for (hashes, base64, URLs run together). */
const MAX_WORD = 40;

/** Letters and digits, in any script; everything else separates words. */
const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const DIGITS = /^\p{N}+$/u;

/** Lower case, ё → е. */
export function foldForSearch(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/** Latin diacritics removed (ł, which Unicode does not decompose, too): `żółw` → `zolw`. */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/ß/g, 'ss');
}

/** The words of a text, as typed (case kept), in order; what highlighting marks. */
export function words(text: string): { word: string; index: number }[] {
  return [...text.matchAll(WORD)].map((match) => ({ word: match[0], index: match.index }));
}

/** Just the words, for an index's tokenizer. */
export const tokenize = (text: string): string[] => text.match(WORD) ?? [];

/**
 * The index terms of one word: none for a stop word or a lone letter, the Russian stem of a
 * Cyrillic word, the English and Polish stems of a Latin word, and a number as it is. Pure; the
 * answers for the most recent words are remembered in a bounded table (the callers never mutate
 * the arrays returned).
 */
export function termsOfWord(raw: string): string[] {
  const known = remembered.get(raw);
  if (known) return known;
  const terms = analyzeWord(raw);
  // Bounded: a long-running server sees an endless vocabulary (names, codes); most text repeats a few thousand words.
  if (remembered.size >= REMEMBERED_WORDS) remembered.clear();
  remembered.set(raw, terms);
  return terms;
}

/** Words whose terms are remembered: text repeats its words (Zipf), and stemming two ways is most of indexing. */
const REMEMBERED_WORDS = 50_000;
const remembered = new Map<string, string[]>();

function analyzeWord(raw: string): string[] {
  const word = foldForSearch(raw);
  if (word.length > MAX_WORD) return [];
  if (DIGITS.test(word)) return [word];
  if (word.length < 2 || STOP_WORDS.has(word)) return [];
  if (CYRILLIC.test(word)) return [stemRussian(word)];
  if (!LATIN.test(word)) return [word];
  const folded = foldDiacritics(word);
  if (STOP_WORDS.has(folded)) return [];
  const englishStem = foldDiacritics(stemEnglish(word));
  const polishStem = stemPolish(folded);
  return englishStem === polishStem ? [englishStem] : [englishStem, polishStem];
}

/** Every term of a text, in order, repeats kept (an index counts them). */
export function termsOfText(text: string): string[] {
  return tokenize(text).flatMap(termsOfWord);
}

const ENGLISH_STOP_WORDS = new Set(eng);
const POLISH_STOP_WORDS = new Set(pol.map((word) => foldForSearch(word)));
const POLISH_LETTERS = /[ąćęłńóśźż]/iu;

/**
 * The language a short text is most likely in, from what shows it: Cyrillic is Russian here; Latin
 * text with Polish letters, or with more Polish than English stop words, is Polish; other Latin
 * text is English. Null for text without letters. A hint for ranking, never a filter.
 */
export function guessLanguage(text: string): 'en' | 'ru' | 'pl' | null {
  const all = tokenize(text).map(foldForSearch);
  if (all.some((word) => CYRILLIC.test(word))) return 'ru';
  const latin = all.filter((word) => LATIN.test(word));
  if (latin.length === 0) return null;
  if (latin.some((word) => POLISH_LETTERS.test(word))) return 'pl';
  const polish = latin.filter((word) => POLISH_STOP_WORDS.has(word) && !ENGLISH_STOP_WORDS.has(word)).length;
  const english = latin.filter((word) => ENGLISH_STOP_WORDS.has(word) && !POLISH_STOP_WORDS.has(word)).length;
  return polish > english ? 'pl' : 'en';
}

function stemPolish(word: string): string {
  polish.setCurrent(word);
  polish.innerStem();
  return polish.getCurrent();
}
