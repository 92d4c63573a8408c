import { DirectoryListSchema, type DirectoryAgent } from '../../api/directory';

const KEY_PREFIX = 'tierdesk.directory';

/**
 * One entry per server and signed-in agent, like the local database: two servers never mix their
 * colleagues, and a colleague signing in on the same machine starts from their own copy.
 */
export function directoryCacheKey(serverUrl: string, agentId: string): string {
  return `${KEY_PREFIX}:${serverUrl.replace(/\/+$/, '')}:${agentId}`;
}

/** null when nothing was cached yet or what is stored is unreadable (never throws). */
export function readCachedDirectory(storage: Storage, key: string): DirectoryAgent[] | null {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const parsed = DirectoryListSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Best effort: a full or blocked storage only costs the offline names, so failures are swallowed. */
export function writeCachedDirectory(storage: Storage, key: string, agents: readonly DirectoryAgent[]): void {
  try {
    storage.setItem(key, JSON.stringify(agents));
  } catch (error) {
    console.warn('could not cache the agent directory', error);
  }
}
