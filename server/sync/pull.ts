import type { Agent, Checkpoint, PullBatch, PullRequest, Replicated, SyncCollection } from '../../core';
import type { Executor } from '../store/database';
import { messagesAfter, ticketsAfter } from '../store/tickets-repository';
import { canSeeTicket } from './visibility';

type ScannedRow<T> = { doc: T; seq: number; visible: boolean };

/**
 * One page of a collection's feed for one agent. Rows the agent may not see are skipped, and the
 * scan goes on until the page is full or the feed ends: RxDB takes a short page to mean "no
 * more", so a page thinned by filtering would stop the pull early.
 */
export async function pullPage(db: Executor, agent: Agent, request: PullRequest): Promise<PullBatch> {
  const scan = async (after: Checkpoint | null): Promise<ScannedRow<Replicated<object> & { id: string }>[]> => {
    if (request.collection === 'tickets') {
      const rows = await ticketsAfter(db, after, request.batchSize);
      return rows.map((row) => ({ doc: { ...row.doc, _deleted: false }, seq: row.seq, visible: canSeeTicket(agent, row.doc) }));
    }
    const rows = await messagesAfter(db, after, request.batchSize);
    return rows.map((row) => ({ doc: { ...row.doc, _deleted: false }, seq: row.seq, visible: canSeeTicket(agent, row.ticket) }));
  };

  const documents: (Replicated<object> & { id: string })[] = [];
  let checkpoint = request.checkpoint;
  for (;;) {
    const rows = await scan(checkpoint);
    for (const row of rows) {
      if (documents.length === request.batchSize) break;
      if (row.visible) documents.push(row.doc);
      checkpoint = { seq: row.seq, id: row.doc.id };
    }
    if (documents.length === request.batchSize || rows.length < request.batchSize) break;
  }
  return { documents, checkpoint } as PullBatch<SyncCollection>;
}
