import { randomUUID } from 'node:crypto';
import { chooseGroup, GENERAL_GROUP_NAME, INITIAL_LEVEL, initialPriority, plannedTimers, startSlaClock, type Intake, type AttachmentRef, type Message, type MessageMail, type Ticket } from '../../../core';
import { hashSecret, newSecret } from '../../auth/tokens';
import { recordAuditEvent } from '../../store/audit-repository';
import { nextCounterValue } from '../../store/counters';
import { upsertCustomer } from '../../store/customers-repository';
import type { Executor } from '../../store/database';
import { listGroupCategories } from '../../store/groups-repository';
import { loadSlaSettings } from '../../store/settings-repository';
import { insertTicket } from '../../store/tickets-repository';
import { replaceTicketTimers } from '../../store/timers-repository';
import { acknowledgement } from './acknowledgement';
import type { SelfServiceOffer } from '../knowledge/self-service-offers';
import type { CommittedChange } from '../../sync/change-feed';
import { insertMessages } from './persist-change';

export type Registered = { ticket: Ticket; accessKey: string; change: CommittedChange };

/**
 * `acknowledge: false`: no acknowledgement (the request came from a machine, which must never be
 * answered automatically); `mail`: the opening message came by mail (its envelope);
 * `openingMessageId`, `attachments`: the caller names the opening message (its files point at it);
 * `groupId`: the channel chose the group (the support address the mail went to), over the categories;
 * `offer`: what self-service decided for this request (decided before the transaction): the
 * acknowledgement offers its article, and the decision is kept in the `ticket.registered` event.
 */
export type RegisterOptions = {
  followUpOf?: number | null;
  acknowledge?: boolean;
  mail?: MessageMail;
  openingMessageId?: string;
  attachments?: AttachmentRef[];
  groupId?: string | null;
  offer?: SelfServiceOffer;
};

/**
 * A request from any channel becomes a New ticket at L1 with the next human number, its SLA
 * clocks running, in the group whose categories match its type or tags (else General); the
 * requester's text opens the conversation and the acknowledgement answers it with the expected
 * response time. The access key lets the requester follow and answer the ticket; only its hash
 * is kept. Routing to an agent is the caller's next step, in the same transaction.
 */
export async function registerTicket(trx: Executor, intake: Intake, now: number, options: RegisterOptions = {}): Promise<Registered> {
  const followUpOf = options.followUpOf ?? null;
  const customer = await upsertCustomer(trx, intake.requester, now);
  const settings = await loadSlaSettings(trx);
  const number = await nextCounterValue(trx, 'ticket_number');
  const acknowledged = options.acknowledge !== false;
  // One position for the ticket, its opening message and (unless told not to) the acknowledgement.
  const seq = await nextCounterValue(trx, 'seq', acknowledged ? 3 : 2);
  const type = intake.type ?? 'incident';
  const priority = initialPriority(type);
  const requester = { email: intake.requester.email, name: intake.requester.name ?? customer.name, organization: intake.requester.organization ?? customer.organization };
  const tags = [...new Set(intake.tags ?? [])];
  const groups = await listGroupCategories(trx);
  const generalId = groups.find((group) => group.name === GENERAL_GROUP_NAME)?.id ?? null;
  const groupId = options.groupId ?? chooseGroup(groups, { type, tags }, generalId);
  const ticket: Ticket = {
    id: randomUUID(),
    number,
    subject: intake.subject,
    description: intake.body,
    channel: intake.channel ?? 'web_form',
    requester,
    type,
    priority,
    level: INITIAL_LEVEL,
    groupId,
    assigneeId: null,
    assignedAt: null,
    assignedBy: null,
    precedent: false,
    status: 'new',
    tags,
    duplicateOf: null,
    followUpOf,
    holdUntil: null,
    reopenCount: 0,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    fixedAt: null,
    closedAt: null,
    sla: startSlaClock(settings, { priority, requester }, now),
    version: 1,
  };
  const accessKey = newSecret();
  await insertTicket(trx, ticket, seq, hashSecret(accessKey));
  const opening: Message = {
    id: options.openingMessageId ?? randomUUID(),
    ticketId: ticket.id,
    kind: 'customer',
    body: intake.body,
    authorId: null,
    authorName: ticket.requester.name || ticket.requester.email,
    createdAt: now,
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.attachments?.length ? { attachments: options.attachments } : {}),
  };
  // The acknowledgement answers the request, so it is stamped a millisecond later: conversations
  // sort by time, and a tie would put the answer above the question in half the consoles.
  const offerUrl = acknowledged && options.offer?.article ? options.offer.urlFor(ticket, now) : null;
  const offered = options.offer?.article && offerUrl ? { title: options.offer.article.title, language: options.offer.article.language, url: offerUrl } : null;
  const answers = !acknowledged ? [] : [acknowledgement(ticket, settings.calendar.timeZone, now + 1, offered)];
  const messages = await insertMessages(trx, [opening, ...answers], seq + 1, ticket);
  await replaceTicketTimers(trx, ticket.id, plannedTimers(ticket, settings.calendar));
  const registered = await recordAuditEvent(trx, {
    ticketId: ticket.id,
    actorType: 'customer',
    actorId: customer.id,
    type: 'ticket.registered',
    data: {
      number,
      channel: ticket.channel,
      priority: ticket.priority,
      followUpOf,
      groupId,
      level: ticket.level,
      ...(options.offer && acknowledged ? { selfService: options.offer.decision } : {}),
    },
    createdAt: now,
  });
  return { ticket, accessKey, change: { tickets: [{ doc: ticket, seq }], messages, losses: [], audit: [registered] } };
}
