import type { Observable } from 'rxjs';
import { refreshedList } from '../directory/refreshed-list';
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
  const names = refreshedList<GroupName>({
    cached: readCachedGroups(storage, cacheKey) ?? [],
    load: async (signal) => (await loadGroups(signal)).map(({ id, name }) => ({ id, name })),
    save: (fresh) => writeCachedGroups(storage, cacheKey, fresh),
    connection$,
  });
  return { groups$: names.list$, close: names.close };
}
