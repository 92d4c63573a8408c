import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { runSearchWorkload, SEARCH_WORKLOAD, type SearchFigures } from '../search-workload';

/** What the page hands back to the benchmark (search-chromium.ts), which polls for it. */
type BenchWindow = typeof window & { __searchBench?: { figures: SearchFigures[] } | { error: string }; gc?: () => void };
const page = window as BenchWindow;
// Chromium's heap figure, precise with --enable-precise-memory-info.
const heapUsed = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;

async function run(): Promise<SearchFigures[]> {
  const runtime = {
    storage: getRxStorageDexie() as RxStorage<unknown, unknown>,
    heapUsed,
    gc: () => page.gc?.(),
    databaseName: (count: number) => `bench_search_${count}_${Date.now()}`,
  };
  const figures: SearchFigures[] = [];
  for (const count of [SEARCH_WORKLOAD.firstSyncTickets, SEARCH_WORKLOAD.tickets]) figures.push(await runSearchWorkload(runtime, count, count === SEARCH_WORKLOAD.tickets));
  return figures;
}

run().then(
  (figures) => {
    page.__searchBench = { figures };
    document.getElementById('status')!.textContent = 'done';
  },
  (error: unknown) => {
    page.__searchBench = { error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  },
);
