import type { Article, Intake } from '../../../core';
import { decideOffer, type OfferDecision } from '../../../core/knowledge';
import type { TicketLinks } from '../../auth/ticket-links';
import type { Executor } from '../../store/database';
import { loadSelfServiceSettings } from '../../store/self-service-repository';
import type { KnowledgeSearch } from './knowledge-search';

/** The public articles weighed for one request. */
const CANDIDATES = 3;
/** A request's subject and the start of its text say what it is about; a long mail's tail adds noise and cost. */
const REQUEST_TEXT_MAX = 2_000;

/** What the acknowledgement offers: the article, and its page's address for this ticket (with the answer buttons' token when links can be signed). */
export type SelfServiceOffer = {
  decision: OfferDecision;
  article: Pick<Article, 'id' | 'slug' | 'title' | 'language'> | null;
  urlFor(ticket: { id: string; requester: { email: string } }, now: number): string | null;
};

/**
 * Decides, before a new request's transaction, whether its acknowledgement offers a public
 * article (core/knowledge/self-service.ts has the rule): the public titles the request shares the
 * most words with are the candidates (one lookup per word of the request, not a full-text search,
 * so intake stays fast), and it must say enough of one. Internal articles and drafts are never
 * candidates. The decision goes into the ticket's `ticket.registered` audit event.
 */
export class SelfServiceOffers {
  constructor(
    private readonly db: Executor,
    private readonly search: KnowledgeSearch,
    private readonly links: TicketLinks,
    private readonly publicUrl: string,
  ) {}

  async offerFor(intake: Pick<Intake, 'subject' | 'body'>): Promise<SelfServiceOffer> {
    const settings = await loadSelfServiceSettings(this.db);
    const text = `${intake.subject}\n${intake.body.slice(0, REQUEST_TEXT_MAX)}`;
    // The search caught up with the articles just now: its public titles are the published public articles.
    const candidates = settings.enabled ? await this.search.publicTitleMatches(text, CANDIDATES) : [];
    const decision = decideOffer(candidates.map((match) => ({ id: match.articleId, title: match.title })), text, settings);
    const match = candidates.find((candidate) => candidate.articleId === decision.offered);
    const offered = match ? { id: match.articleId, title: match.title, ...match.extra } : null;
    return {
      decision,
      article: offered,
      urlFor: (ticket, now) => {
        if (!offered) return null;
        const token = this.links.offerTokenFor(ticket, ticket.requester.email, offered.id, now);
        const page = `${this.publicUrl}/kb/${encodeURIComponent(offered.slug)}`;
        return token ? `${page}?offer=${token}` : page;
      },
    };
  }
}
