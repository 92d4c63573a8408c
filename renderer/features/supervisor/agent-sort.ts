import { countTotal, type AgentLiveKpi, type Presence } from '../../../core';

export const AGENT_SORT_KEYS = ['name', 'load', 'firstResponse', 'open', 'presence'] as const;
export type AgentSortKey = (typeof AGENT_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export type AgentSort = { key: AgentSortKey; direction: SortDirection };

/** The order a supervisor most likely wants first: names A→Z, the busiest or slowest on top, present agents first. */
export const NATURAL_DIRECTION: Record<AgentSortKey, SortDirection> = {
  name: 'ascending',
  load: 'descending',
  firstResponse: 'descending',
  open: 'descending',
  presence: 'ascending',
};

const PRESENCE_ORDER: Record<Presence, number> = { online: 0, away: 1, offline: 2 };

/** Load against capacity; an agent without capacity but with work counts as fully over. */
export function loadShare(agent: Pick<AgentLiveKpi, 'load' | 'capacity'>): number {
  if (agent.capacity > 0) return agent.load / agent.capacity;
  return agent.load > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** null means "no figure": such agents go last in either direction. */
function sortValue(agent: AgentLiveKpi, key: AgentSortKey): number | string | null {
  switch (key) {
    case 'name':
      return agent.name;
    case 'load':
      return loadShare(agent);
    case 'firstResponse':
      return agent.firstResponseToday.medianMs;
    case 'open':
      return countTotal(agent.openByStatus);
    case 'presence':
      return PRESENCE_ORDER[agent.presence];
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A new sorted array; ties (and agents without a figure) are ordered by name. */
export function sortAgents(agents: readonly AgentLiveKpi[], sort: AgentSort): AgentLiveKpi[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...agents].sort((a, b) => {
    const left = sortValue(a, sort.key);
    const right = sortValue(b, sort.key);
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1;
    } else if (left !== right) {
      const order = typeof left === 'string' && typeof right === 'string' ? collator.compare(left, right) : (left as number) < (right as number) ? -1 : 1;
      if (order !== 0) return sign * order;
    }
    return collator.compare(a.name, b.name) || a.agentId.localeCompare(b.agentId);
  });
}
