import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IntakeSchema, MessageBodySchema, RatingSchema } from '../../core';
import { NOT_FOUND, type TicketService } from '../features/tickets/ticket-service';
import { HttpError, parseOrThrow, sendRejection } from './errors';
import { TicketNumberParamSchema } from './ticket-routes';

const CustomerMessageSchema = z.object({ body: MessageBodySchema }).strict();

/** A wrong key and a missing ticket answer alike: the answer must not tell which numbers exist. */
const NO_SUCH_TICKET = 'there is no ticket with this number and access key';

/** Public intake: what a web form, the portal or a messenger bridge posts. No agent session. */
export function registerIntakeRoutes(app: FastifyInstance, tickets: TicketService): void {
  app.post('/api/tickets', async (request, reply) => {
    const intake = parseOrThrow(IntakeSchema, request.body, 'ticket');
    const { ticket, accessKey } = await tickets.register(intake);
    return reply.status(201).send({ id: ticket.id, number: ticket.number, status: ticket.status, accessKey });
  });

  /** The requester rates the answer (CSAT): a Fixed or Closed ticket, proven by its access key. */
  app.post('/api/tickets/:number/rating', async (request, reply) => {
    const { number } = parseOrThrow(TicketNumberParamSchema, request.params, 'ticket number');
    const accessKey = requireAccessKey(request.headers['x-access-key']);
    const rating = parseOrThrow(RatingSchema, request.body, 'rating');
    const result = await tickets.rate(number, accessKey, rating);
    if (result === NOT_FOUND) throw new HttpError(404, NO_SUCH_TICKET);
    if (!result.ok) return sendRejection(reply, result.rejection);
    return reply.status(201).send({ number, score: rating.score });
  });

  app.post('/api/tickets/:number/customer-messages', async (request, reply) => {
    const { number } = parseOrThrow(TicketNumberParamSchema, request.params, 'ticket number');
    const accessKey = requireAccessKey(request.headers['x-access-key']);
    const { body } = parseOrThrow(CustomerMessageSchema, request.body, 'message');
    const result = await tickets.addCustomerMessage(number, accessKey, body);
    if (result === NOT_FOUND) throw new HttpError(404, NO_SUCH_TICKET);
    if (!result.ok) return 'limited' in result ? reply.status(429).send({ error: 'too many messages' }) : sendRejection(reply, result.rejection);
    if (result.followUpAccessKey) {
      // Closed is final, and a full conversation takes no more: the message opened a new ticket,
      // which the customer follows with its own key.
      return reply.status(201).send({ number: result.ticket.number, status: result.ticket.status, followUpOf: number, accessKey: result.followUpAccessKey });
    }
    return reply.status(201).send({ number, status: result.ticket.status });
  });
}

function requireAccessKey(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || header.length === 0 || header.length > 200) {
    throw new HttpError(401, 'the X-Access-Key header is required');
  }
  return header;
}
