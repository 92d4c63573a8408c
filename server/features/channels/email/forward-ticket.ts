import { randomUUID } from 'node:crypto';
import { mailDomain, PUBLIC_MESSAGE_KINDS, subjectTag, type Agent, type Message, type Ticket } from '../../../../core';
import { recordAuditEvent } from '../../../store/audit-repository';
import { findAttachments } from '../../../store/attachments-repository';
import { nextCounterValue } from '../../../store/counters';
import { mailIdsOfTicket, queueOutbound, recordMailId } from '../../../store/mail-repository';
import { conversationPage, findTicketByNumber, insertMessage } from '../../../store/tickets-repository';
import { loadViewer } from '../../../sync/load-viewer';
import { canSeeTicket } from '../../../sync/visibility';
import type { CommitPath } from '../../tickets/commit-path';
import type { DeskAddresses } from './outbound-queue';

/** A forward carries the latest public messages, at most this many. */
const FORWARDED_MESSAGES = 50;

export type ForwardRequest = { to: string; note?: string };

/**
 * An agent forwards a ticket they may see to an outside address (a vendor, another team): one mail
 * with the agent's note, the public conversation (never internal notes) and its files, queued in
 * the durable outbox like every mail. The ticket records it as a line of its conversation, which
 * carries the forward's delivery state; the requester is not written to. Null: no such ticket for
 * this agent.
 */
export async function forwardTicket(commits: CommitPath, desk: DeskAddresses, agent: Agent, number: number, request: ForwardRequest): Promise<{ id: string } | null> {
  return commits.commit(async (trx, now) => {
    const found = await findTicketByNumber(trx, number);
    if (!found || !canSeeTicket(await loadViewer(trx, agent), found.ticket)) return { value: null };
    const ticket = found.ticket;
    const conversation = (await conversationPage(trx, ticket.id, { before: null, limit: FORWARDED_MESSAGES * 2 })).messages.filter((message) => PUBLIC_MESSAGE_KINDS.has(message.kind)).slice(-FORWARDED_MESSAGES);
    const files = await findAttachments(trx, conversation.flatMap((message) => message.attachments?.map((file) => file.id) ?? []));
    const id = randomUUID();
    const from = desk.from;
    const messageId = `${id}@${mailDomain(from)}`;
    await queueOutbound(trx, {
      id,
      ticketId: ticket.id,
      createdAt: now,
      envelope: {
        messageId,
        from,
        fromName: agent.name,
        to: [request.to],
        cc: [],
        subject: `Fwd: ${subjectTag(ticket.number)} ${ticket.subject}`,
        text: transcript(ticket, conversation, request.note),
        inReplyTo: null,
        references: (await mailIdsOfTicket(trx, ticket.id, 20)).map((entry) => entry.messageId),
        automatic: false,
        attachments: files.map(({ sha256, filename, contentType }) => ({ sha256, filename, contentType })),
      },
    });
    await recordMailId(trx, { messageId, ticketId: ticket.id, direction: 'out', sender: null, createdAt: now });
    const line: Message = {
      id,
      ticketId: ticket.id,
      kind: 'system',
      body: `Forwarded to ${request.to} by ${agent.name}${request.note ? `: ${request.note}` : ''}`,
      authorId: agent.id,
      authorName: agent.name,
      createdAt: now,
      delivery: { state: 'queued', attempts: 0 },
      mail: { from, to: [request.to], cc: [], subject: `Fwd: ${subjectTag(ticket.number)} ${ticket.subject}` },
    };
    const seq = await nextCounterValue(trx, 'seq');
    await insertMessage(trx, line, seq, ticket);
    const event = await recordAuditEvent(trx, { ticketId: ticket.id, actorType: 'agent', actorId: agent.id, type: 'ticket.forwarded', data: { to: request.to, messageId: id }, createdAt: now });
    return { value: { id }, change: { tickets: [], messages: [{ doc: line, seq, ticket }], losses: [], audit: [event] } };
  });
}

function transcript(ticket: Ticket, conversation: readonly Message[], note: string | undefined): string {
  const header = `Ticket ${subjectTag(ticket.number)} ${ticket.subject}\nRequester: ${ticket.requester.name ? `${ticket.requester.name} <${ticket.requester.email}>` : ticket.requester.email}`;
  const messages = conversation.map((message) => `--- ${message.authorName}, ${new Date(message.createdAt).toISOString()} ---\n${message.body}`);
  return [...(note ? [note, ''] : []), header, '', ...messages].join('\n');
}
