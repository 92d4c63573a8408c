import type { Observable } from 'rxjs';
import { fetchAgentDirectory, type DirectoryAgent } from '../../api/directory';
import type { ConnectionState, SessionAgent } from '../../sync/desk-session';
import { directoryCacheKey, readCachedDirectory, writeCachedDirectory } from './directory-cache';
import { refreshedList } from './refreshed-list';

/**
 * Who is who on the signed-in agent's server, for showing names and offering assignees. It lives
 * as long as the desk session (opened and closed by DeskAuth, outside React, so StrictMode's
 * double effects do not fetch twice).
 */
export interface AgentDirectory {
  /**
   * Emits the cached list at once (empty when nothing was ever fetched), then every list the
   * server returns. Never errors: a failed fetch keeps the last known names on screen.
   */
  readonly agents$: Observable<readonly DirectoryAgent[]>;
  /** Stops refreshing and drops a request in flight; the cache stays for the next sign-in. */
  close(): void;
}

export type AgentDirectoryOptions = {
  serverUrl: string;
  token: string;
  agent: SessionAgent;
  connection$: Observable<ConnectionState>;
};

export type OpenAgentDirectory = (options: AgentDirectoryOptions) => AgentDirectory;

export type AgentDirectoryDependencies = {
  fetchAgents: (serverUrl: string, token: string, signal: AbortSignal) => Promise<DirectoryAgent[]>;
  storage: Storage;
};

export function createAgentDirectory(
  { serverUrl, token, agent, connection$ }: AgentDirectoryOptions,
  { fetchAgents, storage }: AgentDirectoryDependencies,
): AgentDirectory {
  const cacheKey = directoryCacheKey(serverUrl, agent.id);
  const names = refreshedList<DirectoryAgent>({
    cached: readCachedDirectory(storage, cacheKey) ?? [],
    load: (signal) => fetchAgents(serverUrl, token, signal),
    save: (fresh) => writeCachedDirectory(storage, cacheKey, [...fresh]),
    connection$,
  });
  return { agents$: names.list$, close: names.close };
}

/** The console's wiring: the real endpoint and the page's localStorage. */
export const openAgentDirectory: OpenAgentDirectory = (options) =>
  createAgentDirectory(options, { fetchAgents: fetchAgentDirectory, storage: window.localStorage });

