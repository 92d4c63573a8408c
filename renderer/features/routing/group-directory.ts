import { BehaviorSubject, distinctUntilChanged, filter, map, type Observable } from 'rxjs';
import type { ConnectionState } from '../../sync/desk-session';
import { readCachedGroups, writeCachedGroups, type GroupName } from './group-cache';

/**
 * The groups (distribution lists) of the signed-in agent's server, by name: for showing a ticket's
 * group and offering groups to move it to, also offline.
 */
export interface GroupDirectory {
  /**
   * Emits the cached list at once (empty when nothing was ever fetched), then every list the
   * server returns. Never errors: a failed fetch keeps the last known names on screen.
   */
  readonly groups$: Observable<readonly GroupName[]>;
  /** Stops refreshing and drops a request in flight; the cache stays for the next sign-in. */
  close(): void;
}

export type GroupDirectoryOptions = {
  /** From groupCacheKey(serverUrl, agentId). */
  cacheKey: string;
  connection$: Observable<ConnectionState>;
};

export type GroupDirectoryDependencies = {
  loadGroups: (signal: AbortSignal) => Promise<readonly GroupName[]>;
  storage: Storage;
};

export function createGroupDirectory(
  { cacheKey, connection$ }: GroupDirectoryOptions,
  { loadGroups, storage }: GroupDirectoryDependencies,
): GroupDirectory {
  const groups = new BehaviorSubject<readonly GroupName[]>(readCachedGroups(storage, cacheKey) ?? []);
  let inFlight: AbortController | null = null;
  let closed = false;

  async function refresh(): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const fresh = (await loadGroups(controller.signal)).map(({ id, name }) => ({ id, name }));
      if (controller.signal.aborted || closed) return;
      writeCachedGroups(storage, cacheKey, fresh);
      groups.next(fresh);
    } catch {
      // Offline, timed out or refused: the cached names stay (a refused token already sends the
      // agent back to sign-in through the socket).
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  // As the agent directory: fetch when the desk connects, and again after every offline spell
  // (an admin may have added or renamed groups meanwhile); "syncing" counts as connected.
  const watch = connection$
    .pipe(
      map((connection) => connection.status !== 'offline'),
      distinctUntilChanged(),
      filter((connected) => connected),
    )
    .subscribe(() => void refresh());

  return {
    groups$: groups.asObservable(),
    close() {
      closed = true;
      watch.unsubscribe();
      inFlight?.abort();
      inFlight = null;
    },
  };
}
