import { BehaviorSubject, distinctUntilChanged, filter, map, type Observable } from 'rxjs';
import type { ConnectionState } from '../../sync/desk-session';

export type RefreshedList<T> = {
  /** The cached list at once, then every list the server returns; never errors. */
  readonly list$: Observable<readonly T[]>;
  /** Stops refreshing and drops a request in flight; the cache stays for the next sign-in. */
  close(): void;
};

/**
 * A small server list kept for offline reading (agent names, group names): starts from what was
 * cached, fetches when the desk connects and again after every offline spell (the team may have
 * changed meanwhile), and caches each fresh list. "syncing" counts as connected: waiting for
 * "online" would delay names until a long first pull has finished. A failed fetch (offline,
 * timed out, refused) keeps the last known list: a refused token already sends the agent back
 * to sign-in through the socket.
 */
export function refreshedList<T>(options: {
  cached: readonly T[];
  load: (signal: AbortSignal) => Promise<readonly T[]>;
  save: (list: readonly T[]) => void;
  connection$: Observable<ConnectionState>;
}): RefreshedList<T> {
  const list = new BehaviorSubject<readonly T[]>(options.cached);
  let inFlight: AbortController | null = null;
  let closed = false;

  async function refresh(): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const fresh = await options.load(controller.signal);
      if (controller.signal.aborted || closed) return;
      options.save(fresh);
      list.next(fresh);
    } catch {
      // The last known list stays on screen.
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  const watch = options.connection$
    .pipe(
      map((connection) => connection.status !== 'offline'),
      distinctUntilChanged(),
      filter((connected) => connected),
    )
    .subscribe(() => void refresh());

  return {
    list$: list.asObservable(),
    close() {
      closed = true;
      watch.unsubscribe();
      inFlight?.abort();
      inFlight = null;
    },
  };
}
