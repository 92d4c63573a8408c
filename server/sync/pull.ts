import type { Checkpoint, PullBatch, PullRequest, Replicated, SyncCollection } from '../../core';
import type { Executor } from '../store/database';
import { sightLossesAfter } from '../store/sight-repository';
import { messagesAfter, ticketsAfter } from '../store/tickets-repository';
import { ticketTombstone } from './tombstone';
import { canSeeTicket, type Viewer } from './visibility';

type FeedDocument = Replicated<object> & { id: string };
/** One row of the viewer's feed: a document to send (or to skip, when not for this viewer). */
type ScannedRow = { doc: FeedDocument; seq: number; send: boolean };
/** A page from one source, and whether that source may have more after it. */
type SourcePage = { rows: ScannedRow[]; full: boolean };

/**
 * One page of a collection's feed for one viewer. The tickets feed interleaves the viewer's own
 * sight losses (removal markers) with the shared changes, in feed order. Rows the viewer may not
 * see are skipped, and the scan goes on until the page is full or the feed ends: RxDB takes a
 * short page to mean "no more", so a page thinned by filtering would stop the pull early.
 */
export async function pullPage(db: Executor, viewer: Viewer, request: PullRequest): Promise<PullBatch> {
  const { batchSize } = request;
  const documents: FeedDocument[] = [];
  let checkpoint = request.checkpoint;
  for (;;) {
    const sources = await scanSources(db, viewer, request.collection, checkpoint, batchSize);
    // Rows are only safe to take up to the last position every full source has reached: past
    // that, a full source may still hold earlier rows that were not fetched.
    const limits = sources.filter((source) => source.full).map((source) => source.rows.at(-1)?.seq ?? Infinity);
    const safeUpTo = limits.length ? Math.min(...limits) : Infinity;
    const rows = sources
      .flatMap((source) => source.rows)
      .filter((row) => row.seq <= safeUpTo)
      .sort((a, b) => a.seq - b.seq);
    for (const row of rows) {
      if (documents.length === batchSize) break;
      if (row.send) documents.push(row.doc);
      checkpoint = { seq: row.seq, id: row.doc.id };
    }
    const more = sources.some((source) => source.full);
    if (documents.length === batchSize || !more) break;
  }
  return { documents, checkpoint } as PullBatch<SyncCollection>;
}

async function scanSources(db: Executor, viewer: Viewer, collection: SyncCollection, after: Checkpoint | null, limit: number): Promise<SourcePage[]> {
  if (collection === 'messages') {
    const rows = await messagesAfter(db, after, limit);
    return [
      {
        rows: rows.map((row) => ({ doc: { ...row.doc, _deleted: false }, seq: row.seq, send: canSeeTicket(viewer, row.ticket) })),
        full: rows.length === limit,
      },
    ];
  }
  const [tickets, losses] = await Promise.all([ticketsAfter(db, after, limit), sightLossesAfter(db, viewer.id, after?.seq ?? 0, limit)]);
  return [
    {
      rows: tickets.map((row) => ({ doc: { ...row.doc, _deleted: false }, seq: row.seq, send: canSeeTicket(viewer, row.doc) })),
      full: tickets.length === limit,
    },
    {
      // A loss is only news while the ticket is still out of sight (it may have come back since).
      rows: losses.map((loss) => ({ doc: ticketTombstone(loss.ticket), seq: loss.seq, send: !canSeeTicket(viewer, loss.ticket) })),
      full: losses.length === limit,
    },
  ];
}
