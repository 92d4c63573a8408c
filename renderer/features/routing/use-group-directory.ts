import { useEffect, useMemo, useState } from 'react';
import type { Subscription } from 'rxjs';
import type { DeskApi } from '../../api/desk-api';
import { useAppServices, useDeskApi, useDeskSession } from '../../app/app-context';
import type { DeskSession } from '../../sync/desk-session';
import { groupCacheKey, type GroupName } from './group-cache';
import { createGroupDirectory, type GroupDirectory } from './group-directory';

export type GroupDirectoryView = {
  /** Every group the server listed (or the cached list while offline), in the server's order. */
  groups: readonly GroupName[];
  /** undefined when the group is not (yet) known: callers show a neutral fallback. */
  find(groupId: string): GroupName | undefined;
};

type SharedDirectory = { api: DeskApi; cacheKey: string; directory: GroupDirectory };

/**
 * One directory per desk session, shared by every component that reads groups, so that opening
 * ticket after ticket does not ask the server each time. It lives as long as its session: the
 * WeakMap drops it with the session at sign-out (whose connection then never comes back online).
 */
const directories = new WeakMap<DeskSession, SharedDirectory>();

function directoryFor(session: DeskSession, api: DeskApi, cacheKey: string): GroupDirectory {
  const known = directories.get(session);
  if (known && known.api === api && known.cacheKey === cacheKey) return known.directory;
  known?.directory.close();
  const directory = createGroupDirectory(
    { cacheKey, connection$: session.connection$ },
    { loadGroups: (signal) => api.loadGroups(signal), storage: window.localStorage },
  );
  directories.set(session, { api, cacheKey, directory });
  return directory;
}

const NO_GROUPS: readonly GroupName[] = [];

/**
 * The signed-in desk's groups by name: the cached list (per server and agent) as soon as the server
 * address is known, refreshed from GET /api/groups whenever the desk is connected. Offline it
 * shows the last list fetched; before any fetch the list is empty.
 */
export function useGroupDirectory(): GroupDirectoryView {
  const session = useDeskSession();
  const api = useDeskApi();
  const { platform } = useAppServices();
  const [groups, setGroups] = useState<readonly GroupName[]>(NO_GROUPS);

  useEffect(() => {
    let current = true;
    let subscription: Subscription | undefined;
    void platform
      .serverUrl()
      .catch(() => '')
      .then((serverUrl) => {
        if (!current) return;
        subscription = directoryFor(session, api, groupCacheKey(serverUrl, session.agent.id)).groups$.subscribe(setGroups);
      });
    return () => {
      current = false;
      subscription?.unsubscribe();
    };
  }, [platform, session, api]);

  return useMemo(() => {
    const byId = new Map(groups.map((group) => [group.id, group]));
    return { groups, find: (groupId: string) => byId.get(groupId) };
  }, [groups]);
}
