import type { AgentLiveKpi, KpiLiveSnapshot, TeamLiveKpi } from '../../../core';

/** Fixtures of the supervisor tests (test code only). */

export const NETWORK_ID = '00000000-0000-4000-8000-0000000000d1';
export const BILLING_ID = '00000000-0000-4000-8000-0000000000d2';
export const GROUPS = [
  { id: NETWORK_ID, name: 'Network', categories: [], members: [] },
  { id: BILLING_ID, name: 'Billing', categories: [], members: [] },
];

const HOUR = 3_600_000;

export function makeAgentKpi(overrides: Partial<AgentLiveKpi> & Pick<AgentLiveKpi, 'agentId' | 'name'>): AgentLiveKpi {
  return {
    role: 'agent',
    presence: 'online',
    load: 0,
    capacity: 10,
    memberships: [{ groupId: NETWORK_ID, level: 1, capacity: 10 }],
    openByStatus: { new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0 },
    assignedToday: 0,
    solvedToday: 0,
    firstResponseToday: { count: 0, medianMs: null, meanMs: null },
    resolutionToday: { count: 0, medianMs: null, meanMs: null },
    reopensToday: { part: 0, whole: 0, share: null },
    csatToday: { count: 0, average: null },
    slaBreachesToday: { part: 0, whole: 0, share: null },
    ...overrides,
  };
}

export function makeTeamKpi(overrides: Partial<TeamLiveKpi> & Pick<TeamLiveKpi, 'groupId' | 'level'>): TeamLiveKpi {
  return {
    backlogByStatus: { new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0 },
    unassigned: 0,
    oldestUnassignedSince: null,
    predictedBreaches: [],
    hours: [],
    ...overrides,
  };
}

/** A snapshot of `agents` and `teams` taken at `at`, the day starting `hoursIntoDay` hours earlier. */
export function makeSnapshot(agents: AgentLiveKpi[], teams: TeamLiveKpi[], at = Date.now(), hoursIntoDay = 3): KpiLiveSnapshot {
  const dayStart = at - hoursIntoDay * HOUR - 60_000;
  return {
    at,
    dayStart,
    timeZone: 'UTC',
    agents,
    teams,
    team: {
      backlogByStatus: { new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0 },
      unassigned: 0,
      oldestUnassignedSince: null,
      predictedBreaches: 0,
      incomingToday: 0,
      solvedToday: 0,
      selfSolvedToday: 0,
      deflectionToday: { part: 0, whole: 0, share: null },
      firstResponseToday: { count: 0, medianMs: null, meanMs: null },
      resolutionToday: { count: 0, medianMs: null, meanMs: null },
    },
  };
}
