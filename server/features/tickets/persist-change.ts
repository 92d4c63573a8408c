import { advanceSlaClock, plannedTimers, type Applied, type Message, type Ticket } from '../../../core';
import { recordAuditEvent, type AuditEvent } from '../../store/audit-repository';
import { nextCounterValue } from '../../store/counters';
import type { Executor } from '../../store/database';
import { loadSlaSettings } from '../../store/settings-repository';
import { insertMessage, placeMessages, updateTicket } from '../../store/tickets-repository';
import { replaceTicketTimers } from '../../store/timers-repository';
import type { CommittedChange } from '../../sync/change-feed';
import { recordSightChanges } from './sight-changes';

export type ActorRef = { type: AuditEvent['actorType']; id: string | null };

/**
 * Writes what the rules accepted: the ticket with its SLA clocks brought up to date (new feed
 * position), the messages it adds, the audit event, the timers its new state needs, and who lost
 * or gained sight of it. Every change of every ticket passes here, so clocks, timers and
 * visibility can never fall out of step with it. Inside a write transaction only.
 */
export async function persistApplied(trx: Executor, before: Ticket, applied: Applied, actor: ActorRef, now: number): Promise<CommittedChange> {
  const settings = await loadSlaSettings(trx);
  const ticket: Ticket = { ...applied.ticket, sla: advanceSlaClock(before, applied.ticket, settings, now) };
  const firstSeq = await nextCounterValue(trx, 'seq', 1 + applied.messages.length);
  await updateTicket(trx, ticket, firstSeq, before);
  if (before.groupId !== ticket.groupId || before.assigneeId !== ticket.assigneeId) await placeMessages(trx, ticket.id, ticket);
  await replaceTicketTimers(trx, ticket.id, plannedTimers(ticket, settings.calendar));
  const messages = await insertMessages(trx, applied.messages, firstSeq + 1, ticket);
  const event = await recordAuditEvent(trx, {
    ticketId: ticket.id,
    actorType: actor.type,
    actorId: actor.id,
    type: applied.audit.type,
    data: applied.audit.data,
    createdAt: now,
  });
  const sight = await recordSightChanges(trx, before, ticket);
  // Re-stamped messages (sight gained) include the ones just inserted: announce each once, at its final position.
  const restamped = new Set(sight.messages.map((row) => row.doc.id));
  return {
    tickets: [{ doc: ticket, seq: firstSeq }],
    messages: [...messages.filter((row) => !restamped.has(row.doc.id)), ...sight.messages],
    losses: sight.losses,
    audit: [event],
  };
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
    await insertMessage(trx, message, seq, ticket);
    written.push({ doc: message, seq, ticket, written: true });
  }
  return written;
}
