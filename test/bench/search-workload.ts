import { filter, firstValueFrom } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { libraryArticle, type Article, type Message, type Ticket, type TicketStatus } from '../../core';
import { LABELLED_ARTICLES } from '../../core/knowledge/quality/labelled-articles';
import { openDeskDatabase, type DeskDatabase } from '../../renderer/db/database';
import { startLocalKnowledge } from '../../renderer/sync/local-knowledge';
import { ANY_TICKET, startLocalSearch } from '../../renderer/sync/local-search';
import { toTicketDocument } from '../../renderer/sync/queue-query';
import { suggestionsFor } from '../../renderer/sync/suggestions';
import { mulberry32 } from './seeded-random';

/**
 * The search benchmark's workload, the same in Node (RxDB's memory storage) and in Chromium
 * (IndexedDB through RxDB's Dexie storage, test/bench/browser): a desk of tickets with their
 * conversations and published articles, made of the labelled set's en/ru/pl help-desk sentences
 * (so the stems are real), then the console's own code: the local ticket and article indexes,
 * searches, and suggestions for opened tickets. Runtime-neutral: no Node or DOM imports.
 */
export const SEARCH_WORKLOAD = { tickets: 50_000, firstSyncTickets: 10_000, articles: 2_000, queries: 300 };

/** What one desk size measured. `heapBytes`: what the indexes added to the JavaScript heap, after a GC when the runtime offers one. */
export type SearchFigures = {
  tickets: number;
  seedMs: number;
  buildMs: number;
  heapBytes: number | null;
  ticketSearchMs: number[];
  articleSearchMs: number[];
  suggestionMs: number[];
};

export type WorkloadRuntime = { storage: RxStorage<unknown, unknown>; heapUsed: () => number | null; gc: () => void; databaseName: (count: number) => string };

const INSERT_BATCH = 2_500;
/** What one pull page brings the console (PULL_BATCH_MAX is 500). */
const SYNC_PAGE = 500;
const STATUSES: TicketStatus[] = ['closed', 'closed', 'fixed', 'new', 'in_progress', 'waiting_for_customer'];

/** Builds the desk of `count` tickets, measures the index build and (when `measureQueries`) searches and suggestions. */
export async function runSearchWorkload(runtime: WorkloadRuntime, count: number, measureQueries: boolean): Promise<SearchFigures> {
  const random = mulberry32(20_261_207 + count);
  const sentences = LABELLED_ARTICLES.flatMap((article) => [article.title, ...article.questions, ...article.body.split('. ')]);
  const sentence = () => sentences[Math.floor(random() * sentences.length)]!;
  const questions = LABELLED_ARTICLES.flatMap((article) => article.questions);
  const db = await openDeskDatabase(runtime.databaseName(count), runtime.storage);
  try {
    let at = performance.now();
    await seed(db, count, random, sentence);
    const seedMs = performance.now() - at;
    runtime.gc();
    const heapBefore = runtime.heapUsed();
    at = performance.now();
    const search = startLocalSearch(db);
    const knowledge = startLocalKnowledge(db);
    await firstValueFrom(search.ready$.pipe(filter(Boolean)));
    await firstValueFrom(knowledge.ready$.pipe(filter(Boolean)));
    const buildMs = performance.now() - at;
    runtime.gc();
    const heapAfter = runtime.heapUsed();
    const figures: SearchFigures = { tickets: count, seedMs, buildMs, heapBytes: heapBefore === null || heapAfter === null ? null : heapAfter - heapBefore, ticketSearchMs: [], articleSearchMs: [], suggestionMs: [] };
    if (measureQueries) {
      const ticketIds = (await db.tickets.find({ limit: SEARCH_WORKLOAD.queries }).exec()).map((doc) => doc.id);
      for (let run = 0; run < SEARCH_WORKLOAD.queries; run++) {
        const question = questions[run % questions.length]!;
        at = performance.now();
        await search.search(question.split(' ').slice(0, 2).join(' '), ANY_TICKET, 'bench-agent');
        figures.ticketSearchMs.push(performance.now() - at);
        at = performance.now();
        await knowledge.search(question, {});
        figures.articleSearchMs.push(performance.now() - at);
        at = performance.now();
        await suggestionsFor(db, knowledge, search, ticketIds[run]!);
        figures.suggestionMs.push(performance.now() - at);
      }
    }
    search.stop();
    knowledge.stop();
    return figures;
  } finally {
    await db.remove();
  }
}

/** A first sync as a console lives it: the index already running, pages of tickets and their messages arriving; how long after the last page everything is searchable. */
export type FirstSyncFigures = { tickets: number; syncMs: number; caughtUpMs: number };

export async function runFirstSyncIndexing(runtime: WorkloadRuntime, count: number): Promise<FirstSyncFigures> {
  const random = mulberry32(20_261_208 + count);
  const sentences = LABELLED_ARTICLES.flatMap((article) => [article.title, ...article.questions, ...article.body.split('. ')]);
  const sentence = () => sentences[Math.floor(random() * sentences.length)]!;
  const db = await openDeskDatabase(runtime.databaseName(count), runtime.storage);
  try {
    const search = startLocalSearch(db);
    await firstValueFrom(search.ready$.pipe(filter(Boolean)));
    const started = performance.now();
    await seedTickets(db, count, random, sentence, SYNC_PAGE);
    const lastPageAt = performance.now();
    // The last ticket's number is searchable once the index has taken every page.
    for (;;) {
      const hits = await search.search(String(count), ANY_TICKET, 'bench-agent', 5);
      if (hits.some((hit) => hit.number === count)) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const caughtUpMs = performance.now() - lastPageAt;
    search.stop();
    return { tickets: count, syncMs: lastPageAt - started, caughtUpMs };
  } finally {
    await db.remove();
  }
}

async function seed(db: DeskDatabase, count: number, random: () => number, sentence: () => string): Promise<void> {
  const nowMs = Date.now();
  await seedTickets(db, count, random, sentence, INSERT_BATCH);
  const articles: Article[] = [];
  for (let index = 0; index < SEARCH_WORKLOAD.articles; index++) {
    const labelled = LABELLED_ARTICLES[index % LABELLED_ARTICLES.length]!;
    const id = uuid(random);
    articles.push({ id, slug: id.slice(0, 8), title: `${labelled.title} (${index})`, body: `${labelled.body}\n\n${sentence()}. ${sentence()}.`, category: null, tags: labelled.tags, visibility: 'public', language: labelled.language, status: 'published', translationGroup: id, sourceTicketId: null, version: 1, createdAt: nowMs, createdBy: id, updatedAt: nowMs, updatedBy: id, publishedAt: nowMs });
  }
  await db.library!.bulkInsert(articles.map((article) => {
    const { _deleted: _removed, ...item } = libraryArticle(article);
    return item;
  }));
}

/** Tickets with a customer message and a reply each, written `batch` tickets at a time (with a turn of the event loop between, as pages arrive). */
async function seedTickets(db: DeskDatabase, count: number, random: () => number, sentence: () => string, batch: number): Promise<void> {
  const nowMs = Date.now();
  for (let start = 0; start < count; start += batch) {
    const tickets: Ticket[] = [];
    const messages: Message[] = [];
    for (let index = start; index < Math.min(count, start + batch); index++) {
      const id = uuid(random);
      const createdAt = nowMs - Math.floor(random() * 180 * 86_400_000);
      tickets.push(ticketOf(id, index + 1, sentence(), STATUSES[index % STATUSES.length]!, createdAt));
      messages.push(messageOf(uuid(random), id, 'customer', `${sentence()}. ${sentence()}.`, createdAt), messageOf(uuid(random), id, 'reply', `${sentence()}.`, createdAt + 1));
    }
    await db.tickets.bulkInsert(tickets.map(toTicketDocument));
    await db.messages.bulkInsert(messages);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const uuid = (random: () => number) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

function ticketOf(id: string, number: number, subject: string, status: TicketStatus, createdAt: number): Ticket {
  return {
    id, number, subject, description: '', channel: 'email', requester: { email: `customer${number % 3_000}@bench.example`, name: `Customer ${number % 3_000}`, organization: null },
    type: 'incident', priority: 'normal', level: 1, groupId: null, assigneeId: null, assignedAt: null, assignedBy: null, precedent: false, status, tags: [],
    duplicateOf: null, followUpOf: null, holdUntil: null, reopenCount: 0, createdAt, updatedAt: createdAt, firstResponseAt: null, fixedAt: null, closedAt: null, sla: {} as Ticket['sla'], version: 1,
  };
}

function messageOf(id: string, ticketId: string, kind: Message['kind'], body: string, createdAt: number): Message {
  return { id, ticketId, kind, body, authorId: null, authorName: 'x', createdAt };
}
