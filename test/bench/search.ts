import { randomBytes, randomUUID } from 'node:crypto';
import { firstValueFrom, filter } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { libraryArticle, type Article, type Message, type Ticket, type TicketStatus } from '../../core';
import { LABELLED_ARTICLES } from '../../core/knowledge/quality/labelled-articles';
import { openDeskDatabase, type DeskDatabase } from '../../renderer/db/database';
import { startLocalKnowledge } from '../../renderer/sync/local-knowledge';
import { ANY_TICKET, startLocalSearch } from '../../renderer/sync/local-search';
import { toTicketDocument } from '../../renderer/sync/queue-query';
import { suggestionsFor } from '../../renderer/sync/suggestions';
import { distributionLine, header, mib, now, seconds } from './report';
import { mulberry32 } from './seeded-random';

const TICKETS = 50_000;
const FIRST_SYNC_TICKETS = 10_000;
const ARTICLES = 2_000;
const QUERIES = 300;
const INSERT_BATCH = 5_000;
const STATUSES: TicketStatus[] = ['closed', 'closed', 'fixed', 'new', 'in_progress', 'waiting_for_customer'];

/**
 * Search in the console: the local ticket index (renderer/sync/local-search.ts) over 50,000 tickets
 * with their conversations, the article index over 2,000 articles, and suggestions for opened
 * tickets, on the console's own code and RxDB, in Node with RxDB's memory storage (the index work
 * is the same JavaScript as in Chromium; reading IndexedDB adds to the build, see the README).
 * The text is made from the labelled set's trilingual help-desk vocabulary, so the stems are real.
 */
export async function searchBench(): Promise<void> {
  header('search', [
    `${TICKETS.toLocaleString('en')} tickets (subject + 2 messages each, en/ru/pl help-desk text), ${ARTICLES.toLocaleString('en')} published articles`,
    `index build after a first sync of ${FIRST_SYNC_TICKETS.toLocaleString('en')} tickets, then of all; ${QUERIES} searches and ${QUERIES} suggestions (customer questions of the labelled set)`,
  ]);
  const random = mulberry32(20_261_207);
  const sentences = LABELLED_ARTICLES.flatMap((article) => [article.title, ...article.questions, ...article.body.split('. ')]);
  const sentence = () => sentences[Math.floor(random() * sentences.length)]!;
  const questions = LABELLED_ARTICLES.flatMap((article) => article.questions);

  for (const count of [FIRST_SYNC_TICKETS, TICKETS]) {
    const db = await openDeskDatabase(`bench_search_${randomBytes(4).toString('hex')}`, getRxStorageMemory());
    try {
      await seed(db, count, random, sentence);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = now();
      const search = startLocalSearch(db);
      const knowledge = startLocalKnowledge(db);
      await firstValueFrom(search.ready$.pipe(filter(Boolean)));
      await firstValueFrom(knowledge.ready$.pipe(filter(Boolean)));
      const built = now() - started;
      global.gc?.();
      const heap = process.memoryUsage().heapUsed - heapBefore;
      console.log(`  ${count.toLocaleString('en')} tickets + ${ARTICLES.toLocaleString('en')} articles: index built in ${seconds(built)}, index memory ≈ ${mib(heap)} (heap after GC${global.gc ? '' : ', run with --expose-gc for a clean figure'})`);
      if (count === TICKETS) {
        const ticketSearch: number[] = [];
        const articleSearch: number[] = [];
        const suggestion: number[] = [];
        const ticketIds = (await db.tickets.find({ limit: QUERIES }).exec()).map((doc) => doc.id);
        for (let run = 0; run < QUERIES; run++) {
          const question = questions[run % questions.length]!;
          let at = now();
          await search.search(question.split(' ').slice(0, 2).join(' '), ANY_TICKET, 'bench-agent');
          ticketSearch.push(now() - at);
          at = now();
          await knowledge.search(question, {});
          articleSearch.push(now() - at);
          at = now();
          await suggestionsFor(db, knowledge, search, ticketIds[run]!);
          suggestion.push(now() - at);
        }
        console.log(distributionLine('ticket search (2 words)', ticketSearch, 30));
        console.log(distributionLine('article search (question)', articleSearch, 30));
        console.log(distributionLine('suggestions (open ticket)', suggestion, 30));
      }
      search.stop();
      knowledge.stop();
    } finally {
      await db.close();
    }
  }
}

async function seed(db: DeskDatabase, count: number, random: () => number, sentence: () => string): Promise<void> {
  const nowMs = Date.now();
  for (let start = 0; start < count; start += INSERT_BATCH) {
    const tickets: Ticket[] = [];
    const messages: Message[] = [];
    for (let index = start; index < Math.min(count, start + INSERT_BATCH); index++) {
      const id = uuid(random);
      const createdAt = nowMs - Math.floor(random() * 180 * 86_400_000);
      tickets.push(ticketOf(id, index + 1, sentence(), STATUSES[index % STATUSES.length]!, createdAt));
      messages.push(messageOf(id, 'customer', `${sentence()}. ${sentence()}.`, createdAt), messageOf(id, 'reply', `${sentence()}.`, createdAt + 1));
    }
    await db.tickets.bulkInsert(tickets.map(toTicketDocument));
    await db.messages.bulkInsert(messages);
  }
  const articles: Article[] = [];
  for (let index = 0; index < ARTICLES; index++) {
    const labelled = LABELLED_ARTICLES[index % LABELLED_ARTICLES.length]!;
    const id = uuid(random);
    articles.push({ id, slug: id.slice(0, 8), title: `${labelled.title} (${index})`, body: `${labelled.body}\n\n${sentence()}. ${sentence()}.`, category: null, tags: labelled.tags, visibility: 'public', language: labelled.language, status: 'published', translationGroup: id, sourceTicketId: null, version: 1, createdAt: nowMs, createdBy: id, updatedAt: nowMs, updatedBy: id, publishedAt: nowMs });
  }
  await db.library!.bulkInsert(articles.map((article) => {
    const { _deleted: _removed, ...item } = libraryArticle(article);
    return item;
  }));
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

function messageOf(ticketId: string, kind: Message['kind'], body: string, createdAt: number): Message {
  return { id: randomUUID(), ticketId, kind, body, authorId: null, authorName: 'x', createdAt };
}
