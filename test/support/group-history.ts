import { randomUUID } from 'node:crypto';
import type { Message, Ticket } from '../../core';
import { makeTicket } from '../../core/mutations/ticket.fixture';
import { nextCounterValue } from '../../server/store/counters';
import type { Database } from '../../server/store/database';

/**
 * Grows a group's history by `rows` feed rows: tickets with two messages each. Tests use it for
 * "other groups' history", which a pull must not pay for. Written straight into the
 * store in batches (through the HTTP API, 100,000 rows would take minutes), with feed positions
 * and ticket numbers from the real counters, so the feed stays what the server itself would write.
 */
export async function seedGroupHistory(database: Database, groupId: string, rows: number): Promise<void> {
  const ticketsWanted = Math.ceil(rows / 3);
  const BATCH = 500;
  for (let done = 0; done < ticketsWanted; done += BATCH) {
    const count = Math.min(BATCH, ticketsWanted - done);
    await database.writeTransaction(async (trx) => {
      const firstSeq = await nextCounterValue(trx, 'seq', count * 3);
      const firstNumber = await nextCounterValue(trx, 'ticket_number', count);
      const tickets: { ticket: Ticket; seq: number }[] = [];
      const messages: { message: Message; seq: number; ticket: Ticket }[] = [];
      for (let index = 0; index < count; index++) {
        const seq = firstSeq + index * 3;
        const ticket = makeTicket({ id: randomUUID(), number: firstNumber + index, groupId, subject: `Foreign ${firstNumber + index}` });
        tickets.push({ ticket, seq });
        for (const offset of [1, 2]) {
          const message: Message = { id: randomUUID(), ticketId: ticket.id, kind: 'customer', body: 'Someone else’s problem, described at some length.', authorId: null, authorName: 'Customer', createdAt: ticket.createdAt + offset };
          messages.push({ message, seq: seq + offset, ticket });
        }
      }
      await trx
        .insertInto('tickets')
        .values(tickets.map(({ ticket, seq }) => ({ id: ticket.id, number: ticket.number, seq, status: ticket.status, assignee_id: null, group_id: groupId, priority: ticket.priority, level: ticket.level, access_key_hash: 'x', doc: JSON.stringify(ticket), updated_at: ticket.updatedAt, requester_email: ticket.requester.email, channel: ticket.channel, created_at: ticket.createdAt })))
        .execute();
      await trx
        .insertInto('messages')
        .values(messages.map(({ message, seq }) => ({ id: message.id, ticket_id: message.ticketId, seq, doc: JSON.stringify(message), group_id: groupId, assignee_id: null, created_at: message.createdAt })))
        .execute();
    });
  }
}
