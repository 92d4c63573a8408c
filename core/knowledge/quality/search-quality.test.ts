import { describe, expect, it } from 'vitest';
import { createArticleIndex, searchArticleIndex, toIndexedArticle } from '../article-index';
import { LABELLED_ARTICLES } from './labelled-articles';

/**
 * Search quality on the labelled set: for each question, is its article first, and in the top
 * three, among all 36 articles of all three languages? The same index the server's search and the
 * console use (core/knowledge). Aim (issue 12): first for ≥ 90 %, top three for ≥ 95 %.
 */
// core has no DOM or Node types (runtime-neutral), so the console is reached through globalThis.
const report = (line: string) => (globalThis as unknown as { console: { info(text: string): void } }).console.info(line);

describe('knowledge search quality (labelled set, en/ru/pl)', () => {
  const index = createArticleIndex();
  const articles = LABELLED_ARTICLES.map((article, position) => ({ ...article, id: `a${position}`, category: null, visibility: 'public' as const }));
  index.addAll(articles.map(toIndexedArticle));

  const rankOf = (question: string, expectedId: string): number => {
    const results = searchArticleIndex(index, { text: question, audience: 'public', limit: 3 });
    const rank = results.findIndex((result) => result.id === expectedId);
    return rank === -1 ? Infinity : rank + 1;
  };

  it('puts the right article first for at least 90 % of the questions, and in the top three for at least 95 %', () => {
    const ranks = articles.flatMap((article) => article.questions.map((question) => ({ question, language: article.language, rank: rankOf(question, article.id) })));
    const share = (hits: number) => Math.round((hits / ranks.length) * 1000) / 10;
    const first = share(ranks.filter((entry) => entry.rank === 1).length);
    const topThree = share(ranks.filter((entry) => entry.rank <= 3).length);
    const byLanguage = Object.fromEntries(['en', 'ru', 'pl'].map((language) => {
      const own = ranks.filter((entry) => entry.language === language);
      return [language, `${own.filter((entry) => entry.rank <= 3).length}/${own.length}`];
    }));
    const misses = ranks.filter((entry) => entry.rank !== 1).map((entry) => `${entry.language} "${entry.question}" → ${entry.rank}`);
    report(`search quality: ${ranks.length} questions, first ${first} %, top 3 ${topThree} %, top 3 by language ${JSON.stringify(byLanguage)}; not first: ${misses.join('; ') || 'none'}`);
    expect(first).toBeGreaterThanOrEqual(90);
    expect(topThree).toBeGreaterThanOrEqual(95);
  });
});
