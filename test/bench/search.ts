import { randomBytes } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { distributionLine, header, mib, seconds } from './report';
import { runSearchWorkload, SEARCH_WORKLOAD, type SearchFigures, type WorkloadRuntime } from './search-workload';
import { searchInChromium } from './search-chromium';

/** The desk and queries measured, for the header. */
export const SEARCH_LOAD = [
  `${SEARCH_WORKLOAD.tickets.toLocaleString('en')} tickets (subject + 2 messages each, en/ru/pl help-desk text), ${SEARCH_WORKLOAD.articles.toLocaleString('en')} published articles`,
  `index build after a first sync of ${SEARCH_WORKLOAD.firstSyncTickets.toLocaleString('en')} tickets, then of all; ${SEARCH_WORKLOAD.queries} searches (2 words of a customer question), article searches (whole questions) and suggestions for opened tickets`,
];

/**
 * Search in the console (test/bench/search-workload.ts): in Chromium on IndexedDB, the console's
 * real storage, then the same code in Node on RxDB's memory storage (the JavaScript alone: the
 * difference is IndexedDB's reads).
 */
export async function searchBench(): Promise<void> {
  header('search', [...SEARCH_LOAD, 'first in Debian\'s Chromium (headless, IndexedDB through RxDB\'s Dexie storage), then in Node (RxDB memory storage)']);
  console.log('Chromium, IndexedDB:');
  for (const figures of await searchInChromium()) printFigures(figures, 'renderer heap');
  console.log('Node, memory storage:');
  const runtime: WorkloadRuntime = {
    storage: getRxStorageMemory(),
    heapUsed: () => process.memoryUsage().heapUsed,
    gc: () => global.gc?.(),
    databaseName: (count) => `bench_search_${count}_${randomBytes(4).toString('hex')}`,
  };
  for (const count of [SEARCH_WORKLOAD.firstSyncTickets, SEARCH_WORKLOAD.tickets]) printFigures(await runSearchWorkload(runtime, count, count === SEARCH_WORKLOAD.tickets), global.gc ? 'heap' : 'heap, no --expose-gc');
}

export function printFigures(figures: SearchFigures, heapLabel: string): void {
  const heap = figures.heapBytes === null ? 'not measured' : `≈ ${mib(figures.heapBytes)} (${heapLabel}, after GC)`;
  console.log(`  ${figures.tickets.toLocaleString('en')} tickets + ${SEARCH_WORKLOAD.articles.toLocaleString('en')} articles (stored in ${seconds(figures.seedMs)}): index built in ${seconds(figures.buildMs)}, index memory ${heap}`);
  if (figures.ticketSearchMs.length === 0) return;
  console.log(distributionLine('ticket search (2 words)', figures.ticketSearchMs, 30));
  console.log(distributionLine('article search (question)', figures.articleSearchMs, 30));
  console.log(distributionLine('suggestions (open ticket)', figures.suggestionMs, 30));
}
