import { randomUUID } from 'node:crypto';
import { initialPriority, type Intake, type Message, type Ticket } from '../../../core';
import { hashSecret, newSecret } from '../../auth/tokens';
import { recordAuditEvent } from '../../store/audit-repository';
import { nextCounterValue } from '../../store/counters';
import { upsertCustomer } from '../../store/customers-repository';
import type { Executor } from '../../store/database';
import { insertTicket } from '../../store/tickets-repository';
import type { CommittedChange } from '../../sync/change-feed';
import { insertMessages } from './persist-change';

export type Registered = { ticket: Ticket; accessKey: string; change: CommittedChange };

/**
 * A request from any channel becomes a New ticket at L1 with the next human number; the
 * requester's text opens the conversation. The access key lets the requester follow and answer
 * the ticket; only its hash is kept.
 */
export async function registerTicket(trx: Executor, intake: Intake, now: number): Promise<Registered> {
  const customer = await upsertCustomer(trx, intake.requester, now);
  const number = await nextCounterValue(trx, 'ticket_number');
  const seq = await nextCounterValue(trx, 'seq', 2);
  const type = intake.type ?? 'incident';
  const ticket: Ticket = {
    id: randomUUID(),
    number,
    subject: intake.subject,
    description: intake.body,
    channel: intake.channel ?? 'web_form',
    requester: { email: intake.requester.email, name: intake.requester.name ?? customer.name },
    type,
    priority: initialPriority(type),
    level: 1,
    groupId: null,
    assigneeId: null,
    status: 'new',
    tags: [],
    duplicateOf: null,
    reopenCount: 0,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    fixedAt: null,
    closedAt: null,
    version: 1,
  };
  const accessKey = newSecret();
  await insertTicket(trx, ticket, seq, hashSecret(accessKey));
  const opening: Message = {
    id: randomUUID(),
    ticketId: ticket.id,
    kind: 'customer',
    body: intake.body,
    authorId: null,
    authorName: ticket.requester.name || ticket.requester.email,
    createdAt: now,
  };
  const messages = await insertMessages(trx, [opening], seq + 1, ticket);
  await recordAuditEvent(trx, {
    ticketId: ticket.id,
    actorType: 'customer',
    actorId: customer.id,
    type: 'ticket.registered',
    data: { number, channel: ticket.channel, priority: ticket.priority },
    createdAt: now,
  });
  return { ticket, accessKey, change: { tickets: [{ doc: ticket, seq }], messages } };
}
