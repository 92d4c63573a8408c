import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { runFirstSyncIndexing, runSearchWorkload, SEARCH_WORKLOAD, type FirstSyncFigures, type SearchFigures } from '../search-workload';

/** What the page hands back to the benchmark (search-chromium.ts), which polls for it. */
type BenchWindow = typeof window & { __searchBench?: { figures: SearchFigures[]; firstSync: FirstSyncFigures } | { error: string }; gc?: () => void };
const page = window as BenchWindow;
// Chromium's heap figure, precise with --enable-precise-memory-info.
const heapUsed = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;

async function run(): Promise<{ figures: SearchFigures[]; firstSync: FirstSyncFigures }> {
  const runtime = {
    storage: getRxStorageDexie() as RxStorage<unknown, unknown>,
    heapUsed,
    gc: () => page.gc?.(),
    databaseName: (count: number) => `bench_search_${count}_${Date.now()}`,
  };
  const firstSync = await runFirstSyncIndexing(runtime, SEARCH_WORKLOAD.firstSyncTickets);
  // `?only=first-sync`: that scenario alone (a quick check while working on the sync's indexing).
  if (new URLSearchParams(location.search).get('only') === 'first-sync') return { figures: [], firstSync };
  const figures: SearchFigures[] = [];
  for (const count of [SEARCH_WORKLOAD.firstSyncTickets, SEARCH_WORKLOAD.tickets]) figures.push(await runSearchWorkload(runtime, count, count === SEARCH_WORKLOAD.tickets));
  return { figures, firstSync };
}

run().then(
  (result) => {
    page.__searchBench = result;
    document.getElementById('status')!.textContent = 'done';
  },
  (error: unknown) => {
    page.__searchBench = { error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  },
);
