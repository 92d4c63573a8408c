import type { SelfServiceOffers } from '../features/knowledge/self-service-offers';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IntakeSchema, MessageBodySchema, RatingSchema } from '../../core';
import type { LimitSettings } from '../config';
import type { SecurityLog } from '../features/security/security-log';
import type { Attachments, IncomingFile } from '../features/tickets/attachments';
import { NOT_FOUND, type TicketService } from '../features/tickets/ticket-service';
import { HttpError, parseOrThrow, sendRejection } from './errors';
import { IntakeLimits, sendRateLimited, type IntakeRoute } from './intake-limits';
import { TicketNumberParamSchema } from './ticket-routes';

const CustomerMessageSchema = z.object({ body: MessageBodySchema }).strict();

/**
 * The most a public request may carry: every valid intake fits (a 20,000-character body stays
 * under 128 KB even fully \u-escaped), far below the 1 MB the agents' API accepts.
 */
export const PUBLIC_BODY_LIMIT = 128 * 1_024;

/** A wrong key and a missing ticket answer alike: the answer must not tell which numbers exist. */
const NO_SUCH_TICKET = 'there is no ticket with this number and access key';

export type IntakeRouteDependencies = {
  tickets: TicketService;
  offers: Pick<SelfServiceOffers, 'offerFor'>;
  limits: LimitSettings;
  securityLog: SecurityLog;
  attachments: Attachments;
  maxMessageBytes: number;
  intakeBodyLimit: number;
};

/**
 * Public intake: what a web form, the portal or a messenger bridge posts. No agent session, so
 * each route is limited per source address (counted before the body is read) and per requester
 * (README "Limits"); a refused request stores nothing.
 */
export function registerIntakeRoutes(app: FastifyInstance, deps: IntakeRouteDependencies): void {
  const { tickets } = deps;
  const limits = new IntakeLimits(deps.limits, deps.securityLog);
  const publicRoute = (route: IntakeRoute) => ({
    bodyLimit: PUBLIC_BODY_LIMIT,
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      const verdict = limits.admitAddress(request.ip, route);
      if (!verdict.allowed) return sendRateLimited(reply, verdict, 'intakePerAddress');
    },
  });

  // Files travel inside the JSON as base64, so a desk that takes files through the intake raises TIERDESK_INTAKE_MAX_KB.
  const intakeRoute = { ...publicRoute('intake'), bodyLimit: deps.intakeBodyLimit };
  app.post('/api/tickets', intakeRoute, async (request, reply) => {
    const intake = parseOrThrow(IntakeSchema, request.body, 'ticket');
    const files = decodeFiles(intake.attachments ?? [], deps.attachments.maxFileBytes, deps.maxMessageBytes);
    const verdict = limits.admitRequester(intake.requester.email, request.ip, 'intake');
    if (!verdict.allowed) return sendRateLimited(reply, verdict, 'intakePerRequester');
    const prepared = [];
    for (const file of files) prepared.push(await deps.attachments.prepare(file));
    const offer = await deps.offers.offerFor(intake);
    const { ticket, accessKey } = await tickets.register(intake, prepared, offer);
    return reply.status(201).send({ id: ticket.id, number: ticket.number, status: ticket.status, accessKey });
  });

  /** The requester rates the answer (CSAT): a Fixed or Closed ticket, proven by its access key. */
  app.post('/api/tickets/:number/rating', publicRoute('rating'), async (request, reply) => {
    const { number } = parseOrThrow(TicketNumberParamSchema, request.params, 'ticket number');
    const accessKey = requireAccessKey(request.headers['x-access-key']);
    const rating = parseOrThrow(RatingSchema, request.body, 'rating');
    const result = await tickets.rate(number, accessKey, rating);
    if (result === NOT_FOUND) throw new HttpError(404, NO_SUCH_TICKET);
    if (!result.ok) return sendRejection(reply, result.rejection);
    return reply.status(201).send({ number, score: rating.score });
  });

  app.post('/api/tickets/:number/customer-messages', publicRoute('customer_message'), async (request, reply) => {
    const { number } = parseOrThrow(TicketNumberParamSchema, request.params, 'ticket number');
    const accessKey = requireAccessKey(request.headers['x-access-key']);
    const { body } = parseOrThrow(CustomerMessageSchema, request.body, 'message');
    // The requester is charged only once the key matched: a stranger cannot spend their allowance.
    const result = await tickets.addCustomerMessage(number, accessKey, body, (email) => limits.admitRequester(email, request.ip, 'customer_message'));
    if (result === NOT_FOUND) throw new HttpError(404, NO_SUCH_TICKET);
    if (!result.ok) return 'limited' in result ? sendRateLimited(reply, result, 'intakePerRequester') : sendRejection(reply, result.rejection);
    if (result.followUpAccessKey) {
      // Closed is final, and a full conversation takes no more: the message opened a new ticket,
      // which the customer follows with its own key.
      return reply.status(201).send({ number: result.ticket.number, status: result.ticket.status, followUpOf: number, accessKey: result.followUpAccessKey });
    }
    return reply.status(201).send({ number, status: result.ticket.status });
  });
}

/** The files' bytes, each within the per-file limit and all within a message's: a clear 413 otherwise. */
function decodeFiles(files: readonly { filename: string; contentBase64: string }[], maxFileBytes: number, maxTotalBytes: number): IncomingFile[] {
  let total = 0;
  return files.map((file) => {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    total += bytes.length;
    if (bytes.length > maxFileBytes) throw new HttpError(413, `the file ${file.filename} is larger than ${Math.round(maxFileBytes / 1_048_576)} MB`);
    if (total > maxTotalBytes) throw new HttpError(413, `the files together are larger than ${Math.round(maxTotalBytes / 1_048_576)} MB`);
    return { filename: file.filename, bytes };
  });
}

function requireAccessKey(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || header.length === 0 || header.length > 200) {
    throw new HttpError(401, 'the X-Access-Key header is required');
  }
  return header;
}
