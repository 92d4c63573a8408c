import { libraryArticle, libraryTemplate, mayUseTemplate, type LibraryItem, type Replicated, type StreamBatch, type Ticket } from '../../core';
import type { CommittedChange } from './change-feed';
import { ticketTombstone } from './tombstone';
import { canSeeTicket, type Viewer } from './visibility';

/**
 * What one viewer may receive of a committed change, as stream batches per collection: the
 * tickets and messages they may see, the articles and templates they hold, plus removal markers for tickets they just lost sight of.
 * Visibility is judged by each ticket's final state in the change: a change made of several
 * steps (assign to an outsider, then move to another group) must not leak what the middle step
 * showed, and a ticket visible again at the end gets no removal marker. Documents are in feed
 * order; a batch's checkpoint is its last document's feed position.
 */
export function streamBatchesFor(viewer: Viewer, change: CommittedChange): StreamBatch[] {
  const batches: StreamBatch[] = [];
  const latest = new Map<string, Ticket>();
  for (const row of change.tickets) latest.set(row.doc.id, row.doc);
  const finalState = (ticket: Ticket) => latest.get(ticket.id) ?? ticket;
  const tickets: { doc: Replicated<Ticket>; seq: number }[] = [
    ...change.tickets.filter((row) => canSeeTicket(viewer, row.doc)).map((row) => ({ doc: { ...row.doc, _deleted: false }, seq: row.seq })),
    ...change.losses
      .filter((loss) => loss.agentId === viewer.id && !canSeeTicket(viewer, finalState(loss.ticket)))
      .map((loss) => ({ doc: ticketTombstone(loss.ticket), seq: loss.seq })),
  ].sort((a, b) => a.seq - b.seq);
  const lastTicket = tickets.at(-1);
  if (lastTicket) {
    batches.push({
      collection: 'tickets',
      documents: tickets.map((row) => row.doc),
      checkpoint: { seq: lastTicket.seq, id: lastTicket.doc.id },
    });
  }
  const messages = change.messages.filter((row) => canSeeTicket(viewer, finalState(row.ticket)));
  const lastMessage = messages.at(-1);
  if (lastMessage) {
    batches.push({
      collection: 'messages',
      documents: messages.map((row) => ({ ...row.doc, _deleted: false })),
      checkpoint: { seq: lastMessage.seq, id: lastMessage.doc.id },
    });
  }
  // Articles are the same for every agent (published ones, and removal markers for the others);
  // templates go to those who answer with them: the shared ones to all, a personal one to its owner.
  const library: { doc: Replicated<LibraryItem>; seq: number }[] = [
    ...(change.articles ?? []).map((row) => ({ doc: libraryArticle(row.doc), seq: row.seq })),
    ...(change.templates ?? []).filter((row) => mayUseTemplate(viewer.id, row.doc)).map((row) => ({ doc: libraryTemplate(row.doc), seq: row.seq })),
  ].sort((a, b) => a.seq - b.seq);
  const lastItem = library.at(-1);
  if (lastItem) {
    batches.push({ collection: 'library', documents: library.map((row) => row.doc), checkpoint: { seq: lastItem.seq, id: lastItem.doc.id } });
  }
  return batches;
}
