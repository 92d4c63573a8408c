import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC_MESSAGE_KINDS } from '../../core';
import type { TicketLinks } from '../auth/ticket-links';
import type { Clock } from '../clock';
import { renderLinkProblemPage, renderRequestPage } from '../features/channels/request-page/render-request-page';
import { pageLanguage } from '../features/channels/request-page/request-page-strings';
import type { Database } from '../store/database';
import { loadSlaSettings } from '../store/settings-repository';
import { conversationPage, findTicketById } from '../store/tickets-repository';

/** The page shows the latest public messages, at most this many, read from at most twice as many of the conversation's latest. */
const SHOWN_MESSAGES = 50;

export type RequestPageDependencies = { database: Database; links: TicketLinks; clock: Clock };

/**
 * `GET /request/:token`: the page a link in every mail opens, for the customer it was mailed to
 * (the signed token names the ticket and the address; see TicketLinkSigner). Read-only: the
 * customer answers by mail (the portal adds a reply box). Nobody but the holder of a genuine,
 * unexpired link learns whether a ticket exists: a forged, altered or moved link is a 404 like a
 * missing ticket. The page is never cached and runs no script; the HTTP address limit applies.
 */
export function registerRequestPageRoutes(app: FastifyInstance, deps: RequestPageDependencies): void {
  const { database, links, clock } = deps;
  app.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/request/:token', async (request, reply) => {
    const language = pageLanguage(request.query.lang, request.headers['accept-language']);
    const html = (status: number, body: string): FastifyReply =>
      reply.status(status).header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(body);
    const { token } = request.params;
    const ticketId = links.ticketOf(token);
    const ticket = ticketId ? await findTicketById(database.db, ticketId) : undefined;
    if (!ticket) return html(404, renderLinkProblemPage(language, 'invalid'));
    const check = links.verify(token, ticket.requester.email, clock.now());
    if (!check.ok) return html(check.reason === 'expired' ? 410 : 404, renderLinkProblemPage(language, check.reason));
    const page = await conversationPage(database.db, ticket.id, { before: null, limit: SHOWN_MESSAGES * 2 });
    const shown = page.messages.filter((message) => PUBLIC_MESSAGE_KINDS.has(message.kind));
    const { calendar } = await loadSlaSettings(database.db);
    return html(
      200,
      renderRequestPage(language, {
        ticket,
        messages: shown.slice(-SHOWN_MESSAGES),
        hasOlder: page.olderFrom !== null || shown.length > SHOWN_MESSAGES,
        timeZone: calendar.timeZone,
      }),
    );
  });
}
