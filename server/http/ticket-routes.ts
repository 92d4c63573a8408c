import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  IdSchema,
  MessageBodySchema,
  PrioritySchema,
  TicketNumberSchema,
  TicketStatusSchema,
  slaState,
  type Message,
  type Mutation,
  type Ticket,
} from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { TicketService } from '../features/tickets/ticket-service';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow, sendRejection } from './errors';

export const TicketNumberParamSchema = z.object({
  number: z.string().regex(/^\d{1,9}$/, 'the ticket number must be digits').transform(Number),
});

const PatchSchema = z
  .object({
    status: TicketStatusSchema.optional(),
    priority: PrioritySchema.optional(),
    assigneeId: IdSchema.nullable().optional(),
    duplicateOf: TicketNumberSchema.optional(),
    holdUntil: z.number().int().positive().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
  .refine((patch) => patch.duplicateOf === undefined || patch.status === 'canceled', 'duplicateOf goes with status "canceled"');

const AgentMessageSchema = z.object({ kind: z.enum(['reply', 'note']), body: MessageBodySchema }).strict();

/** The ticket as the HTTP API shows it: the document, its SLA in short, and its conversation. */
export const ticketJson = (ticket: Ticket, messages: Message[]) => ({
  ...ticket,
  firstResponseDueAt: ticket.sla.firstResponseDueAt,
  resolutionDueAt: ticket.sla.resolutionDueAt,
  slaState: slaState(ticket),
  messages: messages.map(({ id, kind, body, authorId, authorName, createdAt }) => ({ id, kind, body, authorId, authorName, createdAt })),
});

/**
 * Agents' HTTP access to tickets. Changes become the same mutations the console pushes and pass
 * the same rules; a request's changes apply all together or not at all.
 */
export function registerTicketRoutes(app: FastifyInstance, deps: { auth: AuthService; tickets: TicketService; clock: Clock }): void {
  const { auth, tickets, clock } = deps;

  const loadVisible = async (agent: Parameters<TicketService['read']>[0], params: unknown) => {
    const { number } = parseOrThrow(TicketNumberParamSchema, params, 'ticket number');
    const found = await tickets.read(agent, number);
    if (!found) throw new HttpError(404, `there is no ticket #${number}`);
    return found;
  };

  app.get('/api/tickets/:number', async (request) => {
    const { agent } = await requireSession(auth, request);
    const { ticket, messages } = await loadVisible(agent, request.params);
    return ticketJson(ticket, messages);
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
    const result = await tickets.applyAtomically(agent, ticket.id, mutations);
    if (!result.ok) return sendRejection(reply, result.rejection);
    const updated = await tickets.read(agent, ticket.number);
    return updated ? ticketJson(updated.ticket, updated.messages) : reply.status(404).send({ error: 'the ticket is no longer visible to you' });
  });

  app.post('/api/tickets/:number/messages', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const message = parseOrThrow(AgentMessageSchema, request.body, 'message');
    const { ticket } = await loadVisible(agent, request.params);
    const mutation: Mutation = { id: randomUUID(), ticketId: ticket.id, createdAt: clock.now(), type: message.kind, payload: { body: message.body } };
    const result = await tickets.applyAtomically(agent, ticket.id, [mutation]);
    if (!result.ok) return sendRejection(reply, result.rejection);
    return reply.status(201).send({ id: mutation.id, ticketVersion: result.ticket.version });
  });
}
