import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChannelSchema, EmailSchema, TicketStatusSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { TicketService } from '../features/tickets/ticket-service';
import { requireSession } from './authenticate';
import { parseOrThrow } from './errors';
import { decodeMessagesCursor, encodeMessagesCursor } from './messages-cursor';
import { ticketSummaryJson } from './ticket-routes';

const PAGE_DEFAULT = 50;
const PAGE_MAX = 100;

/** `?requester=&status=&q=&channel=&cursor=&limit=`; status may list several, comma-separated. */
const ListQuerySchema = z
  .object({
    requester: EmailSchema.optional(),
    status: z
      .string()
      .max(200)
      .transform((text) => text.split(',').map((part) => part.trim()))
      .pipe(z.array(TicketStatusSchema).min(1))
      .optional(),
    q: z.string().trim().min(1, 'q is empty').max(200).optional(),
    channel: ChannelSchema.optional(),
    cursor: z.string().max(200).optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, `limit must be a whole number from 1 to ${PAGE_MAX}`)
      .transform(Number)
      .pipe(z.number().min(1).max(PAGE_MAX, `limit must be a whole number from 1 to ${PAGE_MAX}`))
      .optional(),
  })
  .strict();

/**
 * Listing tickets for integrations (and agents): the tickets the caller may see, newest first,
 * by requester, status, channel or text, a page at a time (`nextCursor`: pass it as `cursor` for
 * the next page; null on the last). Each ticket as GET /api/tickets/:number shows it, without its
 * conversation.
 */
export function registerTicketListRoutes(app: FastifyInstance, deps: { auth: AuthService; tickets: TicketService }): void {
  app.get('/api/tickets', async (request) => {
    const { agent } = await requireSession(deps.auth, request);
    const query = parseOrThrow(ListQuerySchema, request.query, 'query');
    const after = query.cursor === undefined ? null : decodeMessagesCursor(query.cursor, 'cursor', 'nextCursor');
    const filter = { requesterEmail: query.requester, statuses: query.status, channel: query.channel, text: query.q };
    const page = await deps.tickets.list(agent, filter, after, query.limit ?? PAGE_DEFAULT);
    const last = page.tickets.at(-1);
    return {
      tickets: page.tickets.map(ticketSummaryJson),
      nextCursor: page.more && last ? encodeMessagesCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  });
}
