import type { Applied, Message, Ticket } from '../../../core';
import { recordAuditEvent, type AuditEvent } from '../../store/audit-repository';
import { nextCounterValue } from '../../store/counters';
import type { Executor } from '../../store/database';
import { insertMessage, updateTicket } from '../../store/tickets-repository';
import type { CommittedChange } from '../../sync/change-feed';

export type ActorRef = { type: AuditEvent['actorType']; id: string | null };

/**
 * Writes what the rules accepted: the ticket (new feed position), the messages it adds, and the
 * audit event. Inside a write transaction only.
 */
export async function persistApplied(trx: Executor, applied: Applied, actor: ActorRef, now: number): Promise<CommittedChange> {
  const firstSeq = await nextCounterValue(trx, 'seq', 1 + applied.messages.length);
  await updateTicket(trx, applied.ticket, firstSeq);
  const messages = await insertMessages(trx, applied.messages, firstSeq + 1, applied.ticket);
  await recordAuditEvent(trx, {
    ticketId: applied.ticket.id,
    actorType: actor.type,
    actorId: actor.id,
    type: applied.audit.type,
    data: applied.audit.data,
    createdAt: now,
  });
  return { tickets: [{ doc: applied.ticket, seq: firstSeq }], messages };
}

export async function insertMessages(
  trx: Executor,
  messages: Message[],
  firstSeq: number,
  ticket: Ticket,
): Promise<CommittedChange['messages']> {
  const written: CommittedChange['messages'] = [];
  for (const [index, message] of messages.entries()) {
    const seq = firstSeq + index;
    await insertMessage(trx, message, seq);
    written.push({ doc: message, seq, ticket });
  }
  return written;
}

export const mergeChanges = (changes: CommittedChange[]): CommittedChange => ({
  tickets: changes.flatMap((change) => change.tickets),
  messages: changes.flatMap((change) => change.messages),
});
