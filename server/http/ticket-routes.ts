import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  EmailSchema,
  EscalatePayloadSchema,
  IdSchema,
  LevelSchema,
  MessageBodySchema,
  MessagePayloadSchema,
  PrioritySchema,
  SetTagsPayloadSchema,
  TicketNumberSchema,
  TicketStatusSchema,
  TimestampSchema,
  slaState,
  type Agent,
  type Mutation,
  type Ticket,
} from '../../core';
import type { ForwardRequest } from '../features/channels/email/forward-ticket';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import { LATEST_MESSAGES, type TicketRead, type TicketService } from '../features/tickets/ticket-service';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow, sendRejection } from './errors';
import { attachmentUrl } from './attachment-routes';
import { decodeMessagesCursor, encodeMessagesCursor } from './messages-cursor';

export const TicketNumberParamSchema = z.object({
  number: z.string().regex(/^\d{1,9}$/, 'the ticket number must be digits').transform(Number),
});

const PatchSchema = z
  .object({
    status: TicketStatusSchema.optional(),
    priority: PrioritySchema.optional(),
    assigneeId: IdSchema.nullable().optional(),
    duplicateOf: TicketNumberSchema.optional(),
    holdUntil: TimestampSchema.optional(),
    groupId: IdSchema.optional(),
    level: LevelSchema.optional(),
    precedent: z.boolean().optional(),
    /** The whole tag list after the change. */
    tags: SetTagsPayloadSchema.shape.tags.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
  .refine((patch) => patch.duplicateOf === undefined || patch.status === 'canceled', 'duplicateOf goes with status "canceled"');

const AgentMessageSchema = z
  .object({ kind: z.enum(['reply', 'note']), body: MessageBodySchema, attachmentIds: MessagePayloadSchema.shape.attachmentIds, cc: MessagePayloadSchema.shape.cc })
  .strict()
  .refine((message) => message.kind === 'reply' || message.cc === undefined, 'cc goes with a reply (a note stays with the team)');
const EscalationSchema = z.object({ reason: EscalatePayloadSchema.shape.reason }).strict();
const ForwardSchema = z.object({ to: EmailSchema, note: z.string().trim().max(2_000).optional() }).strict();

/** `?messagesBefore=<messagesCursor>&limit=<1..100>`: an older page of the conversation. */
const ConversationQuerySchema = z
  .object({
    messagesBefore: z.string().max(200, 'messagesBefore is not a cursor this server gave out').optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100')
      .transform(Number)
      .pipe(z.number().min(1, 'limit must be a whole number from 1 to 100').max(LATEST_MESSAGES.limit, 'limit must be a whole number from 1 to 100'))
      .optional(),
  })
  .strict();

/**
 * The ticket as the HTTP API shows it: the document, its SLA in short, and one page of its
 * conversation (oldest first), with `messagesCursor` for the page before it (null: none older).
 */
export const ticketJson = ({ ticket, messages, olderFrom }: TicketRead) => ({
  ...ticketSummaryJson(ticket),
  messages: messages.map(({ id, kind, body, authorId, authorName, createdAt, escalatedTo, delivery, mail, attachments }) => ({
    id,
    kind,
    body,
    authorId,
    authorName,
    createdAt,
    ...(escalatedTo ? { escalatedTo } : {}),
    ...(delivery ? { delivery } : {}),
    ...(mail ? { mail } : {}),
    ...(attachments ? { attachments: attachments.map((file) => ({ ...file, url: attachmentUrl(file.id) })) } : {}),
  })),
  messagesCursor: olderFrom ? encodeMessagesCursor(olderFrom) : null,
});

/** The ticket document with its SLA in short: what every ticket answer starts with. */
export const ticketSummaryJson = (ticket: Ticket) => ({
  ...ticket,
  firstResponseDueAt: ticket.sla.firstResponseDueAt,
  resolutionDueAt: ticket.sla.resolutionDueAt,
  slaState: slaState(ticket),
});

/**
 * Agents' HTTP access to tickets. Changes become the same mutations the console pushes and pass
 * the same rules; a request's changes apply all together or not at all.
 */
export function registerTicketRoutes(app: FastifyInstance, deps: { auth: AuthService; tickets: TicketService; clock: Clock; forward: (agent: Agent, number: number, request: ForwardRequest) => Promise<{ id: string } | null> }): void {
  const { auth, tickets, clock } = deps;

  /** Forwards the ticket's public conversation and files to an outside address (a vendor, another team). */
  app.post('/api/tickets/:number/forward', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const { number } = parseOrThrow(TicketNumberParamSchema, request.params, 'ticket number');
    const forward = parseOrThrow(ForwardSchema, request.body, 'forward');
    const queued = await deps.forward(agent, number, forward);
    if (!queued) throw new HttpError(404, `there is no ticket #${number}`);
    return reply.status(201).send(queued);
  });

  /** A ticket the agent may not see answers exactly as one that does not exist. */
  const loadVisible = async (agent: Parameters<TicketService['read']>[0], params: unknown, page = LATEST_MESSAGES) => {
    const { number } = parseOrThrow(TicketNumberParamSchema, params, 'ticket number');
    const found = await tickets.read(agent, number, page);
    if (!found) throw new HttpError(404, `there is no ticket #${number}`);
    return found;
  };

  app.get('/api/tickets/:number', async (request) => {
    const { agent } = await requireSession(auth, request);
    const query = parseOrThrow(ConversationQuerySchema, request.query, 'query');
    const page = { before: query.messagesBefore === undefined ? null : decodeMessagesCursor(query.messagesBefore), limit: query.limit ?? LATEST_MESSAGES.limit };
    return ticketJson(await loadVisible(agent, request.params, page));
  });

  app.patch('/api/tickets/:number', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const patch = parseOrThrow(PatchSchema, request.body, 'change');
    const { ticket } = await loadVisible(agent, request.params);
    const envelope = () => ({ id: randomUUID(), ticketId: ticket.id, createdAt: clock.now() });
    const mutations: Mutation[] = [];
    if (patch.assigneeId !== undefined) mutations.push({ ...envelope(), type: 'assign', payload: { assigneeId: patch.assigneeId } });
    if (patch.status !== undefined) {
      const payload = {
        status: patch.status,
        ...(patch.duplicateOf === undefined ? {} : { duplicateOf: patch.duplicateOf }),
        ...(patch.holdUntil === undefined ? {} : { holdUntil: patch.holdUntil }),
      };
      mutations.push({ ...envelope(), type: 'setStatus', payload });
    }
    if (patch.priority !== undefined) mutations.push({ ...envelope(), type: 'setPriority', payload: { priority: patch.priority } });
    if (patch.groupId !== undefined || patch.level !== undefined) {
      // Moving within the group (line only) or to another group at the same line: the other half stays.
      const placement = { groupId: patch.groupId ?? ticket.groupId, level: patch.level ?? ticket.level };
      if (placement.groupId === null) throw new HttpError(400, 'invalid change: the ticket has no group yet, so groupId is required');
      mutations.push({ ...envelope(), type: 'setRouting', payload: { groupId: placement.groupId, level: placement.level } });
    }
    if (patch.precedent !== undefined) mutations.push({ ...envelope(), type: 'markPrecedent', payload: { precedent: patch.precedent } });
    if (patch.tags !== undefined) mutations.push({ ...envelope(), type: 'setTags', payload: { tags: patch.tags } });
    const result = await tickets.applyAtomically(agent, ticket.id, mutations);
    if (!result.ok) return sendRejection(reply, result.rejection);
    const updated = await tickets.read(agent, ticket.number);
    // The change was made; it may have taken the ticket out of the requester's sight (moved to a
    // group they do not supervise): say so rather than answer with a ticket they may not read.
    return updated ? ticketJson(updated) : { number: ticket.number, visible: false };
  });

  /** Escalation to the next line, with its reason (kept as an internal note); routing follows at once. */
  app.post('/api/tickets/:number/escalations', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const { reason } = parseOrThrow(EscalationSchema, request.body, 'escalation');
    const { ticket } = await loadVisible(agent, request.params);
    const mutation: Mutation = { id: randomUUID(), ticketId: ticket.id, createdAt: clock.now(), type: 'escalate', payload: { reason } };
    const result = await tickets.applyAtomically(agent, ticket.id, [mutation]);
    if (!result.ok) return sendRejection(reply, result.rejection);
    const updated = await tickets.read(agent, ticket.number);
    return reply.status(201).send(updated ? ticketJson(updated) : { number: ticket.number, level: result.ticket.level });
  });

  app.post('/api/tickets/:number/messages', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const message = parseOrThrow(AgentMessageSchema, request.body, 'message');
    const { ticket } = await loadVisible(agent, request.params);
    const mutation: Mutation = { id: randomUUID(), ticketId: ticket.id, createdAt: clock.now(), type: message.kind, payload: { body: message.body, ...(message.attachmentIds ? { attachmentIds: message.attachmentIds } : {}), ...(message.cc ? { cc: message.cc } : {}) } };
    const result = await tickets.applyAtomically(agent, ticket.id, [mutation]);
    if (!result.ok) return sendRejection(reply, result.rejection);
    return reply.status(201).send({ id: mutation.id, ticketVersion: result.ticket.version });
  });
}
