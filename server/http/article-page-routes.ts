import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { allowedTransitions, type Ticket } from '../../core';
import type { TicketLinks } from '../auth/ticket-links';
import type { Clock } from '../clock';
import { renderArticlePage, renderMissingArticlePage, renderOfferAnswerPage } from '../features/knowledge/article-page/render-article-page';
import type { ArticleWithTranslations, KnowledgeService } from '../features/knowledge/knowledge-service';
import type { SelfServiceAnswers } from '../features/knowledge/self-service-answers';
import { pageLanguage } from '../features/channels/request-page/request-page-strings';
import type { Database } from '../store/database';
import { findTicketById } from '../store/tickets-repository';
import { HttpError, parseOrThrow } from './errors';

/** An id or a slug: letters, digits and dashes. Anything else cannot name an article. */
const ARTICLE_REF = /^[\p{L}\p{N}-]{1,120}$/u;
const TOKEN = z.string().min(1).max(200).regex(/^[\w.-]+$/, 'not an offer token');
const OfferAnswerSchema = z.object({ offer: TOKEN, answer: z.enum(['solved', 'help']) }).strict();

export type ArticlePageDependencies = { database: Database; knowledge: KnowledgeService; links: TicketLinks; answers: SelfServiceAnswers; clock: Clock };

/** The customer may still say the article solved it: their transition to Fixed is open from here. */
const answerable = (ticket: Ticket): boolean => allowedTransitions(ticket.status, 'customer').includes('fixed');

/**
 * `GET /kb/:idOrSlug`: a public, published article's own page, no account needed: the link agents
 * put into replies. Everything else (a draft, an internal article, nothing) is the same 404 page.
 * Cached briefly by browsers and proxies: an article edit shows within a minute.
 *
 * With `?offer=<token>` (the link an acknowledgement offers, signed for that ticket, its customer
 * and this article), the page also asks "This solved my problem" / "I still need help"; the answer
 * is a POST to `/kb/:idOrSlug/offer`, so a mail scanner that follows links answers nothing. A
 * token that is not genuine for this article shows the article alone, revealing nothing.
 */
export function registerArticlePageRoutes(app: FastifyInstance, deps: ArticlePageDependencies): void {
  const { knowledge, links, answers, clock, database } = deps;
  const html = (reply: FastifyReply, status: number, body: string, cache: string) =>
    reply.status(status).header('cache-control', cache).type('text/html; charset=utf-8').send(body);

  /** The ticket a genuine, unexpired offer token names for this article, or why there is none. */
  const offeredTicket = async (token: string, article: ArticleWithTranslations): Promise<Ticket | 'invalid' | 'expired'> => {
    const ticketId = links.ticketOf(token);
    const ticket = ticketId ? await findTicketById(database.db, ticketId) : undefined;
    if (!ticket) return 'invalid';
    const check = links.verifyOffer(token, ticket.requester.email, article.id, clock.now());
    return check.ok ? ticket : check.reason;
  };

  app.get<{ Params: { ref: string }; Querystring: { lang?: string; offer?: string } }>('/kb/:ref', async (request, reply) => {
    const language = pageLanguage(request.query.lang, request.headers['accept-language']);
    const { ref } = request.params;
    const article = ARTICLE_REF.test(ref) ? await knowledge.read(null, ref) : null;
    if (!article) return html(reply, 404, renderMissingArticlePage(language), 'no-store');
    reply.header('content-language', article.language);
    const token = TOKEN.safeParse(request.query.offer);
    if (!token.success) return html(reply, 200, renderArticlePage(language, article), 'public, max-age=60');
    const ticket = await offeredTicket(token.data, article);
    const offer = typeof ticket === 'string' ? null : { token: token.data, ticketNumber: ticket.number, open: answerable(ticket) };
    return html(reply.header('x-robots-tag', 'noindex'), 200, renderArticlePage(language, article, offer), 'no-store');
  });

  // Only these routes read HTML forms; the API stays JSON.
  void app.register(async (forms) => {
    forms.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2_048 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    forms.post<{ Params: { ref: string }; Querystring: { lang?: string } }>('/kb/:ref/offer', async (request, reply) => {
      const language = pageLanguage(request.query.lang, request.headers['accept-language']);
      const { ref } = request.params;
      const article = ARTICLE_REF.test(ref) ? await knowledge.read(null, ref) : null;
      if (!article) return html(reply, 404, renderMissingArticlePage(language), 'no-store');
      const { offer, answer } = parseOrThrow(OfferAnswerSchema, request.body, 'answer');
      const ticket = await offeredTicket(offer, article);
      if (ticket === 'invalid') throw new HttpError(404, 'this link does not answer any request');
      if (ticket === 'expired') return html(reply, 410, renderOfferAnswerPage(language, article, { kind: 'expired' }), 'no-store');
      if (!answerable(ticket)) return html(reply, 409, renderOfferAnswerPage(language, article, { kind: 'not_open', ticketNumber: ticket.number }), 'no-store');
      if (answer === 'help') {
        await answers.stillNeedsHelp(ticket, article);
        return html(reply, 200, renderOfferAnswerPage(language, article, { kind: 'help', ticketNumber: ticket.number }), 'no-store');
      }
      const solved = await answers.solved(ticket.id, article);
      // Answered twice at once: the second finds it Fixed already.
      const kind = solved.ok ? 'solved' : 'not_open';
      return html(reply, solved.ok ? 200 : 409, renderOfferAnswerPage(language, article, { kind, ticketNumber: ticket.number }), 'no-store');
    });
  });
}
