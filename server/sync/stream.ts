import type { Agent, StreamBatch } from '../../core';
import type { CommittedChange } from './change-feed';
import { canSeeTicket } from './visibility';

/**
 * What one agent may receive of a committed change, as stream batches per collection. The
 * checkpoint of a batch is its last document's feed position.
 */
export function streamBatchesFor(agent: Agent, change: CommittedChange): StreamBatch[] {
  const batches: StreamBatch[] = [];
  const tickets = change.tickets.filter((row) => canSeeTicket(agent, row.doc));
  const lastTicket = tickets.at(-1);
  if (lastTicket) {
    batches.push({
      collection: 'tickets',
      documents: tickets.map((row) => ({ ...row.doc, _deleted: false })),
      checkpoint: { seq: lastTicket.seq, id: lastTicket.doc.id },
    });
  }
  const messages = change.messages.filter((row) => canSeeTicket(agent, row.ticket));
  const lastMessage = messages.at(-1);
  if (lastMessage) {
    batches.push({
      collection: 'messages',
      documents: messages.map((row) => ({ ...row.doc, _deleted: false })),
      checkpoint: { seq: lastMessage.seq, id: lastMessage.doc.id },
    });
  }
  return batches;
}
