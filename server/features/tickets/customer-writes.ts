import { randomUUID } from 'node:crypto';
import { applyCustomerMessage, type AttachmentRef, type MessageMail, type Rejection, type Ticket } from '../../../core';
import type { Executor } from '../../store/database';
import { countMessages } from '../../store/tickets-repository';
import { mergeChanges } from '../../sync/change-feed';
import type { Router } from '../routing/router';
import type { MutationLimits } from './apply-agent-mutation';
import type { Written } from './commit-path';
import { persistApplied } from './persist-change';
import { registerTicket } from './register-ticket';

/** `followUpAccessKey` is set when the message opened a follow-up (of a Closed ticket, or of one whose conversation is full). */
export type CustomerMessageResult = { ok: true; ticket: Ticket; followUpAccessKey: string | null } | { ok: false; rejection: Rejection };

/** `automatic`: a machine wrote it (see applyCustomerMessage): kept, but it reopens nothing and opens no follow-up. */
export type CustomerText = { body: string; mail?: MessageMail; automatic?: boolean; messageId?: string; attachments?: AttachmentRef[] };

/**
 * The requester writes again, whatever the channel (the access-key API, a mail reply): a
 * Waiting or Fixed ticket goes back to work (core's rule); a Closed ticket, or one whose
 * conversation is full, gets a follow-up ticket, so the customer's message is never lost. A
 * ticket nobody holds is routed. Inside a write transaction; the caller proved who writes.
 */
export async function appendCustomerMessage(trx: Executor, router: Router, limits: MutationLimits, previous: Ticket, text: CustomerText, now: number): Promise<Written<CustomerMessageResult>> {
  if (previous.status === 'closed') return openFollowUp(trx, router, previous, text, now);
  const result = applyCustomerMessage(previous, { messageId: text.messageId ?? randomUUID(), body: text.body, now, mail: text.mail, automatic: text.automatic, attachments: text.attachments });
  if (!result.ok) return { value: { ok: false, rejection: result.rejection } };
  if ((await countMessages(trx, previous.id, limits.maxMessagesPerTicket)) >= limits.maxMessagesPerTicket) return openFollowUp(trx, router, previous, text, now);
  const change = await persistApplied(trx, previous, result, { type: 'customer', id: null }, now);
  const reopened = change.tickets[0]?.doc ?? result.ticket;
  // A ticket nobody holds (its agent left) that the customer brings back needs someone now.
  const routed = await router.route(trx, reopened, now);
  const ticket = routed.assigned[0] ?? reopened;
  return { value: { ok: true, ticket, followUpAccessKey: null }, change: mergeChanges([change, routed.change]), assigned: routed.assigned };
}

/** A new ticket that follows up on `previous` (Closed is final, a full conversation takes no more), routed at once. */
export async function openFollowUp(trx: Executor, router: Router, previous: Ticket, text: CustomerText, now: number): Promise<Written<CustomerMessageResult>> {
  const intake = {
    subject: `Re: ${previous.subject}`.slice(0, 200),
    body: text.body,
    requester: { ...previous.requester, organization: previous.requester.organization ?? undefined },
    channel: previous.channel,
    type: previous.type,
    tags: previous.tags,
  };
  const registered = await registerTicket(trx, intake, now, { followUpOf: previous.number, mail: text.mail, openingMessageId: text.messageId, attachments: text.attachments });
  const routed = await router.route(trx, registered.ticket, now);
  const ticket = routed.assigned[0] ?? registered.ticket;
  return { value: { ok: true, ticket, followUpAccessKey: registered.accessKey }, change: mergeChanges([registered.change, routed.change]), assigned: routed.assigned };
}
