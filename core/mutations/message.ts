import { z } from 'zod';
import { EmailSchema, IdSchema } from '../domain/common';
import { MessageBodySchema, type AttachmentRef, type Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import { reject, type Rejection } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork, checkNotFinal } from './permissions';

/** A reply copies at most this many addresses the agent adds. */
export const COPIES_MAX = 10;

/** A message carries at most this many files (each uploaded first: POST /api/tickets/:number/attachments). */
export const ATTACHMENTS_PER_MESSAGE_MAX = 20;

/** A public reply goes to the customer (with its files, by mail); an internal note stays with the team. */
export const MessagePayloadSchema = z
  .object({
    body: MessageBodySchema,
    attachmentIds: z
      .array(IdSchema)
      .max(ATTACHMENTS_PER_MESSAGE_MAX, `at most ${ATTACHMENTS_PER_MESSAGE_MAX} files per message`)
      .refine((ids) => new Set(ids).size === ids.length, 'a file is named twice')
      .optional(),
    /** A public reply's extra recipients, copied (Cc) besides the requester. */
    cc: z.array(EmailSchema).max(COPIES_MAX, `at most ${COPIES_MAX} addresses in Cc`).optional(),
  })
  .strict();
type MessagePayload = z.infer<typeof MessagePayloadSchema>;

/**
 * The message id is the mutation id, so the console's pending message and the server's stored
 * one are the same document: it never shows twice and never disappears in between.
 */
function agentMessage(mutationId: string, ticket: Ticket, kind: 'reply' | 'note', body: string, ctx: ApplyContext, attachments: AttachmentRef[], copyTo: readonly string[] = []): Message {
  return {
    id: mutationId,
    ticketId: ticket.id,
    kind,
    body,
    authorId: ctx.actor.id,
    authorName: ctx.actor.name,
    createdAt: ctx.now,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(copyTo.length > 0 ? { copyTo: [...new Set(copyTo)] } : {}),
  };
}

/**
 * The files a message names, as the server knows them (uploaded by this agent to this ticket, on
 * no message yet). The console's optimistic view has no lookup: its pending message shows without
 * them until the server's copy arrives.
 */
function attachmentsOf(payload: MessagePayload, ctx: ApplyContext): AttachmentRef[] | Rejection {
  const ids = payload.attachmentIds ?? [];
  if (ids.length === 0 || !ctx.findAttachment) return [];
  const found: AttachmentRef[] = [];
  for (const id of ids) {
    const attachment = ctx.findAttachment(id);
    if (!attachment) return reject('attachment_not_found', 'there is no such file to attach (upload it to this ticket first; a file goes on one message)', { attachmentId: id });
    found.push(attachment);
  }
  return found;
}

/**
 * A conversation holds at most `ctx.conversation.max` messages (README "Limits"): past it, agents'
 * replies and notes are refused. Only agents' own words stop there; the customer's next message
 * opens a follow-up ticket, and system records (timers, links, escalation reasons) still go in, so
 * the lifecycle never stalls on a full conversation.
 */
export function checkConversationRoom(ctx: ApplyContext): Rejection | null {
  if (!ctx.conversation || ctx.conversation.length < ctx.conversation.max) return null;
  return reject('conversation_full', `the conversation already holds ${ctx.conversation.max} messages, the most a ticket keeps`, { max: ctx.conversation.max });
}

/**
 * A public reply is working the ticket: only its assignee (or a supervisor) answers the customer,
 * and answering a New ticket takes it, as the customer now has someone on the case.
 */
export function applyReply(ticket: Ticket, payload: MessagePayload, ctx: ApplyContext, mutationId: string): ApplyResult {
  const refusal = checkNotFinal(ticket) ?? checkMayWork(ticket, ctx) ?? checkConversationRoom(ctx);
  if (refusal) return refused(refusal);
  const attachments = attachmentsOf(payload, ctx);
  if (!Array.isArray(attachments)) return refused(attachments);
  const message = agentMessage(mutationId, ticket, 'reply', payload.body, ctx, attachments, payload.cc);
  const changes: Partial<Ticket> = { firstResponseAt: ticket.firstResponseAt ?? ctx.now };
  const takes = ticket.status === 'new' && ticket.assigneeId === null;
  if (ticket.status === 'new') Object.assign(changes, { status: 'in_progress', assigneeId: ticket.assigneeId ?? ctx.actor.id });
  // `assignedTo`: the reply also made the ticket the replier's (an assignment, for KPIs).
  const data = takes ? { messageId: message.id, assignedTo: ctx.actor.id } : { messageId: message.id };
  return accepted(ticket, changes, ctx, { type: 'ticket.replied', data }, [message]);
}

/** Notes are allowed to every agent on every ticket, closed ones too: colleagues add what they know. */
export function applyNote(ticket: Ticket, payload: MessagePayload, ctx: ApplyContext, mutationId: string): ApplyResult {
  const full = checkConversationRoom(ctx);
  if (full) return refused(full);
  const attachments = attachmentsOf(payload, ctx);
  if (!Array.isArray(attachments)) return refused(attachments);
  const message = agentMessage(mutationId, ticket, 'note', payload.body, ctx, attachments);
  return accepted(ticket, {}, ctx, { type: 'ticket.noted', data: { messageId: message.id } }, [message]);
}
