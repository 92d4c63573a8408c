import { randomBytes } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { distributionLine, header, mib, seconds } from './report';
import { runFirstSyncIndexing, runSearchWorkload, SEARCH_WORKLOAD, type FirstSyncFigures, type SearchFigures, type WorkloadRuntime } from './search-workload';
import { searchInChromium } from './search-chromium';

/** The desk and queries measured, for the header. */
export const SEARCH_LOAD = [
  `${SEARCH_WORKLOAD.tickets.toLocaleString('en')} tickets (subject + 2 messages each, en/ru/pl help-desk text), ${SEARCH_WORKLOAD.articles.toLocaleString('en')} published articles`,
  `a first sync of ${SEARCH_WORKLOAD.firstSyncTickets.toLocaleString('en')} tickets into an empty desk with the index running; the index built from scratch over ${SEARCH_WORKLOAD.firstSyncTickets.toLocaleString('en')} tickets, then over all (a console reopened); ${SEARCH_WORKLOAD.queries} searches (2 words of a customer question), article searches (whole questions) and suggestions for opened tickets`,
];

/**
 * Search in the console (test/bench/search-workload.ts): in Chromium on IndexedDB, the console's
 * real storage, then the same code in Node on RxDB's memory storage (the JavaScript alone: the
 * difference is IndexedDB's reads).
 */
export async function searchBench(): Promise<void> {
  header('search', [...SEARCH_LOAD, 'first in Debian\'s Chromium (headless, IndexedDB through RxDB\'s Dexie storage), then in Node (RxDB memory storage)']);
  console.log('Chromium, IndexedDB:');
  const chromium = await searchInChromium();
  printFirstSync(chromium.firstSync);
  for (const figures of chromium.figures) printFigures(figures, 'renderer heap');
  console.log('Node, memory storage:');
  const runtime: WorkloadRuntime = {
    storage: getRxStorageMemory(),
    heapUsed: () => process.memoryUsage().heapUsed,
    gc: () => global.gc?.(),
    databaseName: (count) => `bench_search_${count}_${randomBytes(4).toString('hex')}`,
  };
  printFirstSync(await runFirstSyncIndexing(runtime, SEARCH_WORKLOAD.firstSyncTickets));
  for (const count of [SEARCH_WORKLOAD.firstSyncTickets, SEARCH_WORKLOAD.tickets]) printFigures(await runSearchWorkload(runtime, count, count === SEARCH_WORKLOAD.tickets), global.gc ? 'heap' : 'heap, no --expose-gc');
}

function printFirstSync(figures: FirstSyncFigures): void {
  console.log(`  first sync of ${figures.tickets.toLocaleString('en')} tickets in pages of 500, the index running: pages stored in ${seconds(figures.syncMs)}; all searchable ${seconds(figures.caughtUpMs)} after the last page`);
}

export function printFigures(figures: SearchFigures, heapLabel: string): void {
  const heap = figures.heapBytes === null ? 'not measured' : `≈ ${mib(figures.heapBytes)} (${heapLabel}, after GC)`;
  console.log(`  ${figures.tickets.toLocaleString('en')} tickets + ${SEARCH_WORKLOAD.articles.toLocaleString('en')} articles (stored in ${seconds(figures.seedMs)}): index built in ${seconds(figures.buildMs)}, index memory ${heap}`);
  if (figures.ticketSearchMs.length === 0) return;
  console.log(distributionLine('ticket search (2 words)', figures.ticketSearchMs, 30));
  console.log(distributionLine('article search (question)', figures.articleSearchMs, 30));
  console.log(distributionLine('suggestions (open ticket)', figures.suggestionMs, 30));
}
