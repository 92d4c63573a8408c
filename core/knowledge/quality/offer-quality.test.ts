import { describe, expect, it } from 'vitest';
import { createArticleIndex, searchArticleIndex, toIndexedArticle } from '../article-index';
import { decideOffer, DEFAULT_SELF_SERVICE, type SelfServiceSettings } from '../self-service';
import { LABELLED_ARTICLES } from './labelled-articles';

/**
 * How the default self-service thresholds do on the labelled set: each question as a new request,
 * the search's best three public candidates, the offer rule. A wrong offer costs a customer's
 * time and trust, a missing one only a chance: precision comes first.
 */
const report = (line: string) => (globalThis as unknown as { console: { info(text: string): void } }).console.info(line);

describe('self-service offers on the labelled set (en/ru/pl)', () => {
  const index = createArticleIndex();
  const articles = LABELLED_ARTICLES.map((article, position) => ({ ...article, id: `a${position}`, category: null, visibility: 'public' as const }));
  index.addAll(articles.map(toIndexedArticle));
  const titles = new Map(articles.map((article) => [article.id, article.title]));

  const outcomes = (settings: SelfServiceSettings) =>
    articles.flatMap((article) =>
      article.questions.map((question) => {
        const candidates = searchArticleIndex(index, { text: question, audience: 'public', limit: 3 }).map((result) => ({ id: String(result.id), title: titles.get(String(result.id))! }));
        const offered = decideOffer(candidates, question, settings).offered;
        return { question, offered, right: offered === article.id };
      }),
    );

  it('offers an article for many questions, and almost never the wrong one', () => {
    const results = outcomes(DEFAULT_SELF_SERVICE);
    const offered = results.filter((result) => result.offered !== null);
    const wrong = offered.filter((result) => !result.right);
    const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
    report(
      `self-service offers at ${JSON.stringify(DEFAULT_SELF_SERVICE)}: ${results.length} questions, offered ${percent(offered.length, results.length)} %, right ${percent(offered.length - wrong.length, offered.length)} % of offers; wrong: ${wrong.map((result) => `"${result.question}"`).join('; ') || 'none'}`,
    );
    expect(percent(offered.length - wrong.length, offered.length)).toBeGreaterThanOrEqual(95);
    expect(percent(offered.length, results.length)).toBeGreaterThanOrEqual(25);
  });
});
