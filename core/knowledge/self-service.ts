import { z } from 'zod';
import { termsOfText } from '../search';
import { titleWords } from './title-index';

/**
 * When the acknowledgement of a new request offers a public article (self-service). The public
 * titles the request shares the most words with are the candidates (title-index.ts); one is offered
 * only when the request says what its title says: it holds at least `minTitleCoverage` of the title's meaningful words
 * (in any of their forms) and at least `minSharedWords` of them. A title is what an article
 * answers, and a share of it is comparable across articles and desks, unlike a search score.
 */
export const SelfServiceSettingsSchema = z
  .object({
    enabled: z.boolean(),
    minTitleCoverage: z.number().min(0.3, 'minTitleCoverage is at least 0.3').max(1, 'minTitleCoverage is at most 1'),
    minSharedWords: z.number().int().min(1).max(10),
  })
  .strict();
export type SelfServiceSettings = z.infer<typeof SelfServiceSettingsSchema>;

/**
 * Measured on the labelled set (quality/offer-quality.test.ts): 27.8 % of its questions get an
 * offer, every one of them the right article. Its questions are written in other words than the articles
 * on purpose; real requests that name the problem as the title does are offered more often.
 */
export const DEFAULT_SELF_SERVICE: SelfServiceSettings = { enabled: true, minTitleCoverage: 0.4, minSharedWords: 2 };

/** How well a request says what an article's title says. */
export type TitleMatch = { articleId: string; titleWords: number; shared: number; coverage: number };

/** The title's meaningful words (stop words left out), each once, and how many of them the request holds in some form. */
export function titleMatch(article: { id: string; title: string }, requestTerms: ReadonlySet<string>): TitleMatch {
  const words = titleWords(article.title);
  const shared = words.filter((terms) => terms.some((term) => requestTerms.has(term))).length;
  return { articleId: article.id, titleWords: words.length, shared, coverage: words.length === 0 ? 0 : shared / words.length };
}

/** What was decided for one request, as the audit log keeps it. */
export type OfferDecision = {
  offered: string | null;
  reason: 'offered' | 'disabled' | 'no_candidate' | 'below_threshold';
  /** The articles weighed, best title match first. */
  candidates: TitleMatch[];
  settings: SelfServiceSettings;
};

/**
 * The article to offer for a request, of its best public candidates (best first): the first whose
 * title the request matches strongly enough. None when offers are off.
 */
export function decideOffer(candidates: readonly { id: string; title: string }[], requestText: string, settings: SelfServiceSettings): OfferDecision {
  if (!settings.enabled) return { offered: null, reason: 'disabled', candidates: [], settings };
  const requestTerms = new Set(termsOfText(requestText));
  const weighed = candidates.map((candidate) => titleMatch(candidate, requestTerms));
  const strong = weighed.find((match) => match.coverage >= settings.minTitleCoverage && match.shared >= settings.minSharedWords);
  if (strong) return { offered: strong.articleId, reason: 'offered', candidates: weighed, settings };
  return { offered: null, reason: weighed.length === 0 ? 'no_candidate' : 'below_threshold', candidates: weighed, settings };
}
