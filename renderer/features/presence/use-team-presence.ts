import type { Presence } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';

const NOBODY: ReadonlyMap<string, Presence> = new Map();

/**
 * Supervisors and admins: every agent's presence by agent id, live. Empty for agents and while
 * offline; an agent missing from the map is best shown as offline.
 */
export function useTeamPresence(): ReadonlyMap<string, Presence> {
  const session = useDeskSession();
  return useObservable(session.teamPresence$, NOBODY);
}
