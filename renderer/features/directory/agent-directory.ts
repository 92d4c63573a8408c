import { BehaviorSubject, distinctUntilChanged, filter, map, type Observable } from 'rxjs';
import { fetchAgentDirectory, type DirectoryAgent } from '../../api/directory';
import type { ConnectionState, SessionAgent } from '../../sync/desk-session';
import { directoryCacheKey, readCachedDirectory, writeCachedDirectory } from './directory-cache';

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
  const agents = new BehaviorSubject<readonly DirectoryAgent[]>(readCachedDirectory(storage, cacheKey) ?? []);
  let inFlight: AbortController | null = null;

  async function refresh(): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const fresh = await fetchAgents(serverUrl, token, controller.signal);
      if (controller.signal.aborted) return;
      writeCachedDirectory(storage, cacheKey, fresh);
      agents.next(fresh);
    } catch {
      // Offline, timed out or refused: the cached names stay. A refused token is not handled
      // here: the socket's refusal already sends the agent back to sign-in.
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  // Fetch when the desk first connects after sign-in, and again after every offline spell (the
  // team may have changed meanwhile). "syncing" counts as connected: waiting for "online" would
  // delay names until a long first pull has finished. The real session starts offline, so this
  // also is the "after sign-in" fetch, and no request is wasted while the server is unreachable.
  const watch = connection$
    .pipe(
      map((connection) => connection.status !== 'offline'),
      distinctUntilChanged(),
      filter((connected) => connected),
    )
    .subscribe(() => void refresh());

  return {
    agents$: agents.asObservable(),
    close() {
      watch.unsubscribe();
      inFlight?.abort();
      inFlight = null;
    },
  };
}

/** The console's wiring: the real endpoint and the page's localStorage. */
export const openAgentDirectory: OpenAgentDirectory = (options) =>
  createAgentDirectory(options, { fetchAgents: fetchAgentDirectory, storage: window.localStorage });

