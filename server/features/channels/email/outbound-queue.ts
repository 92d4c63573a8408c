import { fillPlaceholders, mailDomain, replySubject, signatureValues, type Message, type Ticket } from '../../../../core';
import type { TicketLinks } from '../../../auth/ticket-links';
import { findAgentById, signatureOf } from '../../../store/agents-repository';
import { findAttachments } from '../../../store/attachments-repository';
import type { Executor } from '../../../store/database';
import { mailIdsOfTicket, queueOutbound, recordMailId, type OutboundEnvelope } from '../../../store/mail-repository';
import { latestCustomerMail, updateMessageDoc } from '../../../store/tickets-repository';
import type { CommittedChange } from '../../../sync/change-feed';
import type { CommitStep } from '../../tickets/commit-path';
import type { DeskMail } from './desk-mail';

/** What the outbox asks of the desk's mail identity. */
export type DeskAddresses = Pick<DeskMail, 'from' | 'isDeskAddress' | 'replyFrom'>;

type CustomerMail = NonNullable<Message['mail']>;

/** Public messages that go to the customer by mail. */
const MAILED_KINDS: ReadonlySet<Message['kind']> = new Set(['reply', 'auto_reply']);
/** A reply's References list the thread's latest ids, up to this many (mail clients thread on any of them). */
const REFERENCES_MAX = 20;
/** A reply copies at most this many of the customer's recipients. */
const CC_MAX = 20;

/**
 * The commit step that queues mail: every public message a write stores on a ticket whose
 * customer is reached by mail (every channel but messengers, which answer in their own app) gets
 * a row in the durable outbox, in the same transaction, and its document says `delivery: queued`.
 * The mail threads under the customer's own: In-Reply-To names the ticket's latest mail,
 * References its thread, the subject carries the ticket's tag.
 */
export function mailOutboxStep(desk: DeskAddresses, links: TicketLinks): CommitStep {
  return async (trx, change, now) => {
    if (!change.messages.some((row) => row.written && MAILED_KINDS.has(row.doc.kind))) return change;
    const messages: CommittedChange['messages'] = [];
    for (const row of change.messages) {
      const mailed = row.written && MAILED_KINDS.has(row.doc.kind) && !row.doc.delivery && row.ticket.channel !== 'messenger' && !desk.isDeskAddress(row.ticket.requester.email);
      messages.push(mailed ? { ...row, doc: await queueMail(trx, desk, links, row.doc, row.ticket, now) } : row);
    }
    return { ...change, messages };
  };
}

/**
 * Whom the customer's latest mail also went to (its To and Cc, and its sender when a colleague
 * wrote instead of the requester), without the desk's own addresses and the requester: an agent's
 * reply copies them, as the customer's own "reply all" would. Acknowledgements go to the requester only.
 */
function customerCopies(latest: CustomerMail | null, ticket: Ticket, desk: DeskAddresses): string[] {
  if (!latest) return [];
  const addresses = [...latest.to, ...latest.cc, latest.from].map(bareAddress);
  return [...new Set(addresses)].filter((address) => address.includes('@') && !desk.isDeskAddress(address) && address !== ticket.requester.email).slice(0, CC_MAX);
}

/** `Name <a@b>` → `a@b`, lower case. */
const bareAddress = (entry: string): string => (/<([^<>\s]+@[^<>\s]+)>/.exec(entry)?.[1] ?? entry).trim().toLowerCase();

/** The author's signature under an agent's reply (RFC 3676 "-- " separator), placeholders filled; nothing for the desk's own mails. */
async function signatureFor(trx: Executor, message: Message): Promise<string> {
  if (message.kind !== 'reply' || !message.authorId) return '';
  const [signature, author] = [await signatureOf(trx, message.authorId), await findAgentById(trx, message.authorId)];
  if (!signature || !author) return '';
  return `\n\n-- \n${fillPlaceholders(signature, signatureValues(author))}`;
}

/** Where the customer follows the request: a signed link for the requester (the CCs' client shows the same mail). Left out when links cannot be signed. */
function requestLink(links: TicketLinks, ticket: Ticket, now: number): string {
  const url = links.urlFor(ticket, ticket.requester.email, now);
  return url ? `\n\nRequest #${ticket.number}: ${url}` : '';
}

/** The customer's other recipients and those the agent added, once each, never the desk or the requester. */
function replyCopies(latest: CustomerMail | null, message: Message, ticket: Ticket, desk: DeskAddresses): string[] {
  const added = (message.copyTo ?? []).map((address) => address.toLowerCase()).filter((address) => !desk.isDeskAddress(address) && address !== ticket.requester.email);
  return [...new Set([...customerCopies(latest, ticket, desk), ...added])].slice(0, CC_MAX);
}

async function queueMail(trx: Executor, desk: DeskAddresses, links: TicketLinks, message: Message, ticket: Ticket, now: number): Promise<Message> {
  const thread = await mailIdsOfTicket(trx, ticket.id, REFERENCES_MAX);
  const latestInbound = [...thread].reverse().find((entry) => entry.direction === 'in') ?? thread[thread.length - 1];
  const latest = await latestCustomerMail(trx, ticket.id);
  // The customer's mail client expects the answer from the address they wrote to.
  const from = desk.replyFrom(latest ? [...latest.to, ...latest.cc].map(bareAddress) : []);
  const messageId = `${message.id}@${mailDomain(from)}`;
  const envelope: OutboundEnvelope = {
    messageId,
    from,
    fromName: message.kind === 'auto_reply' ? 'Tierdesk' : message.authorName,
    to: [ticket.requester.email],
    cc: message.kind === 'reply' ? replyCopies(latest, message, ticket, desk) : [],
    subject: replySubject(ticket.subject, ticket.number),
    text: message.body + requestLink(links, ticket, now) + (await signatureFor(trx, message)),
    inReplyTo: latestInbound?.messageId ?? null,
    references: thread.map((entry) => entry.messageId),
    automatic: message.kind === 'auto_reply',
    attachments: (await findAttachments(trx, message.attachments?.map((file) => file.id) ?? [])).map(({ sha256, filename, contentType }) => ({ sha256, filename, contentType })),
  };
  await queueOutbound(trx, { id: message.id, ticketId: ticket.id, envelope, createdAt: now });
  await recordMailId(trx, { messageId, ticketId: ticket.id, direction: 'out', sender: null, createdAt: now });
  const queued: Message = { ...message, delivery: { state: 'queued', attempts: 0 }, mail: { from, to: envelope.to, cc: envelope.cc, subject: envelope.subject } };
  // Written earlier in this same transaction: the document changes at the position it already has.
  await updateMessageDoc(trx, queued);
  return queued;
}
