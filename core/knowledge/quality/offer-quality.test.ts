import { describe, expect, it } from 'vitest';
import { termsOfText } from '../../search';
import { decideOffer, DEFAULT_SELF_SERVICE, type SelfServiceSettings } from '../self-service';
import { TitleIndex } from '../title-index';
import { LABELLED_ARTICLES } from './labelled-articles';

/**
 * How the default self-service thresholds do on the labelled set: each question as a new request,
 * the three public titles it shares most with (as the server weighs them), the offer rule. A wrong offer costs a customer's
 * time and trust, a missing one only a chance: precision comes first.
 */
const report = (line: string) => (globalThis as unknown as { console: { info(text: string): void } }).console.info(line);

describe('self-service offers on the labelled set (en/ru/pl)', () => {
  const titles = new TitleIndex();
  const articles = LABELLED_ARTICLES.map((article, position) => ({ ...article, id: `a${position}` }));
  for (const article of articles) titles.set(article);

  const outcomes = (settings: SelfServiceSettings) =>
    articles.flatMap((article) =>
      article.questions.map((question) => {
        const candidates = titles.candidates(new Set(termsOfText(question)), 3).map((match) => ({ id: match.articleId, title: match.title }));
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
