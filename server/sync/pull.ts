import { libraryArticle, libraryTemplate, type Checkpoint, type LibraryItem, type PullBatch, type PullRequest, type Replicated, type SyncCollection } from '../../core';
import { articlesChangedAfter, countArticlesChangedAfter } from '../store/articles-repository';
import type { Executor } from '../store/database';
import { countInScopesAfter, messagesInScopeAfter, ticketsInScopeAfter, type FeedRow } from '../store/feed-repository';
import { sightLossesAfter } from '../store/sight-repository';
import { countTemplatesChangedAfter, templatesChangedAfter } from '../store/templates-repository';
import { ticketTombstone } from './tombstone';
import { canSeeTicket, visibleScopes, type Viewer } from './visibility';

type FeedDocument = Replicated<object> & { id: string };

/**
 * Rows read per query and scope. A page is filled a chunk at a time, yielding to the event loop
 * between chunks: SQLite answers synchronously, and a whole 1,000-document page read at once kept
 * every other client waiting for it.
 */
const CHUNK = 200;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** One row of the viewer's feed: a document to send (or to skip: a loss whose ticket came back in sight). */
type ScannedRow = { doc: FeedDocument; seq: number; send: boolean };
/** A page from one source, and whether that source may have more after it. */
type SourcePage = { rows: ScannedRow[]; full: boolean };

/**
 * One page of a collection's feed for one viewer. Each of the viewer's visibility scopes is read
 * through its own index (their groups' rows, their own tickets' rows) and the pages are merged in
 * feed order; the tickets feed also interleaves the viewer's own sight losses (removal markers).
 * Every row read is one the viewer may see, so a pull costs what its page holds, whatever the
 * size of other groups' history. The page is filled up to `batchSize` while any source has more:
 * RxDB takes a short page to mean "no more". Read in chunks, yielding between them. Asked to,
 * it also counts what is left after the page, through the same indexes (index ranges, no rows).
 */
export async function pullPage(db: Executor, viewer: Viewer, request: PullRequest): Promise<PullBatch> {
  if (request.collection === 'library') return pullLibrary(db, viewer, request);
  const { batchSize } = request;
  const documents: FeedDocument[] = [];
  let checkpoint = request.checkpoint;
  for (let chunk = 0; ; chunk++) {
    if (chunk > 0) await yieldToEventLoop();
    const sources = await readSources(db, viewer, request.collection, checkpoint, Math.min(CHUNK, batchSize - documents.length));
    const safeUpTo = safeFeedLimit(sources);
    const rows = mergeInFeedOrder(sources.map((source) => source.rows)).filter((row) => row.seq <= safeUpTo);
    for (const row of rows) {
      if (documents.length === batchSize) break;
      if (row.send) documents.push(row.doc);
      checkpoint = { seq: row.seq, id: row.doc.id };
    }
    const more = sources.some((source) => source.full);
    if (documents.length === batchSize || !more) break;
  }
  if (!request.countRemaining) return { documents, checkpoint } as PullBatch<SyncCollection>;
  await yieldToEventLoop();
  const remaining = await countInScopesAfter(db, request.collection, visibleScopes(viewer), checkpoint?.seq ?? 0);
  return { documents, checkpoint, remaining } as PullBatch<SyncCollection>;
}

/**
 * A page of the library feed: the articles (every agent holds the same) and the templates this
 * agent answers with (the shared ones and their own). Both read from their `seq` indexes and are
 * merged in feed order; `seq` is unique (one counter), so the checkpoint's id breaks no tie. Rows
 * are taken only up to where a full source stopped: past it, that source may hold earlier rows.
 */
async function pullLibrary(db: Executor, viewer: Viewer, request: PullRequest): Promise<PullBatch> {
  const afterSeq = request.checkpoint?.seq ?? 0;
  const [articles, templates] = await Promise.all([
    articlesChangedAfter(db, afterSeq, request.batchSize),
    templatesChangedAfter(db, viewer.id, afterSeq, request.batchSize),
  ]);
  const sources = [
    { rows: articles.map((row) => ({ doc: libraryArticle(row.article), seq: row.seq })), full: articles.length === request.batchSize },
    { rows: templates.map((row) => ({ doc: libraryTemplate(row.template), seq: row.seq })), full: templates.length === request.batchSize },
  ];
  const safeUpTo = safeFeedLimit(sources);
  const rows: { doc: Replicated<LibraryItem>; seq: number }[] = sources
    .flatMap((source) => source.rows)
    .filter((row) => row.seq <= safeUpTo)
    .sort((a, b) => a.seq - b.seq)
    .slice(0, request.batchSize);
  const last = rows.at(-1);
  const checkpoint = last ? { seq: last.seq, id: last.doc.id } : request.checkpoint;
  const documents = rows.map((row) => row.doc);
  if (!request.countRemaining) return { documents, checkpoint } as PullBatch<'library'>;
  const after = checkpoint?.seq ?? 0;
  const [articlesLeft, templatesLeft] = await Promise.all([countArticlesChangedAfter(db, after), countTemplatesChangedAfter(db, viewer.id, after)]);
  return { documents, checkpoint, remaining: articlesLeft + templatesLeft } as PullBatch<'library'>;
}

async function readSources(db: Executor, viewer: Viewer, collection: SyncCollection, after: Checkpoint | null, limit: number): Promise<SourcePage[]> {
  const afterSeq = after?.seq ?? 0;
  const scopes = visibleScopes(viewer);
  const read = collection === 'messages' ? messagesInScopeAfter : ticketsInScopeAfter;
  if (collection === 'library') throw new Error('the library is not scoped: see pullLibrary');
  const pages: SourcePage[] = await Promise.all(
    scopes.map(async (scope) => {
      const rows: FeedRow<{ id: string }>[] = await read(db, scope, afterSeq, limit);
      return { rows: rows.map((row) => ({ doc: { ...row.doc, _deleted: false }, seq: row.seq, send: true })), full: rows.length === limit };
    }),
  );
  if (collection === 'tickets' && viewer.active) {
    const losses = await sightLossesAfter(db, viewer.id, afterSeq, limit);
    // A loss is only news while the ticket is still out of sight (it may have come back since).
    pages.push({
      rows: losses.map((loss) => ({ doc: ticketTombstone(loss.ticket), seq: loss.seq, send: !canSeeTicket(viewer, loss.ticket) })),
      full: losses.length === limit,
    });
  }
  return pages;
}

/**
 * How far rows read from several sources are safe to take: up to the last position every full
 * source has reached (past that, a full source may still hold earlier rows that were not fetched).
 */
function safeFeedLimit(sources: readonly { rows: readonly { seq: number }[]; full: boolean }[]): number {
  const limits = sources.filter((source) => source.full).map((source) => source.rows.at(-1)?.seq ?? Infinity);
  return limits.length ? Math.min(...limits) : Infinity;
}

/** Rows of several sources in feed order; a row two scopes both hold (a group's ticket assigned to the viewer) once. */
function mergeInFeedOrder(sources: ScannedRow[][]): ScannedRow[] {
  const bySeq = new Map<number, ScannedRow>();
  for (const rows of sources) for (const row of rows) if (!bySeq.has(row.seq)) bySeq.set(row.seq, row);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
