import { z } from 'zod';
import { GroupSchema, IdSchema } from '../../../core';

/** What the console needs of a group to show and offer it: its id and name. */
export const GroupNameSchema = z.object({ id: IdSchema, name: GroupSchema.shape.name });
export type GroupName = z.infer<typeof GroupNameSchema>;

const GroupNameListSchema = z.array(GroupNameSchema);
const KEY_PREFIX = 'tierdesk.groups';

/**
 * One entry per server and signed-in agent, like the agent directory: two servers never mix their
 * groups, and a colleague signing in on the same machine starts from their own copy.
 */
export function groupCacheKey(serverUrl: string, agentId: string): string {
  return `${KEY_PREFIX}:${serverUrl.replace(/\/+$/, '')}:${agentId}`;
}

/** null when nothing was cached yet or what is stored is unreadable (never throws). */
export function readCachedGroups(storage: Storage, key: string): GroupName[] | null {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const parsed = GroupNameListSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Best effort: a full or blocked storage only costs the offline names, so failures are swallowed. */
export function writeCachedGroups(storage: Storage, key: string, groups: readonly GroupName[]): void {
  try {
    storage.setItem(key, JSON.stringify(groups.map(({ id, name }) => ({ id, name }))));
  } catch (error) {
    console.warn('could not cache the group names', error);
  }
}
