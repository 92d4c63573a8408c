import { sumTeamWork, type AgentLiveKpi, type KpiLiveSnapshot, type Level, type TeamLiveKpi, type TeamTotals } from '../../../core';
import type { Viewer } from '../../sync/visibility';
import type { LiveKpi } from './live-kpi';
import { average, durationStats, share } from './kpi-math';

/** What a viewer may watch: everything (admins) or the groups they supervise. */
export type KpiScope = { all: true } | { all: false; groupIds: ReadonlySet<string> };

export const scopeOf = (viewer: Pick<Viewer, 'role' | 'groupIds'>): KpiScope =>
  viewer.role === 'admin' ? { all: true } : { all: false, groupIds: new Set(viewer.groupIds) };

/** A stable name for a scope, so that viewers with the same scope share one computation. */
export const scopeKey = (scope: KpiScope): string => (scope.all ? '*' : [...scope.groupIds].sort().join(','));

const inScope = (scope: KpiScope, groupId: string): boolean => scope.all || scope.groupIds.has(groupId);

const groupOf = (key: string): string => key.slice(0, key.lastIndexOf('/'));

/**
 * One agent as this scope shows them, or null when they are not in it: an active agent with a
 * membership in the scope (supervisors and admins, who get no routed work, only while they hold
 * open tickets). Capacity is the largest of the memberships shown.
 */
export function agentView(live: LiveKpi, agentId: string, scope: KpiScope): AgentLiveKpi | null {
  const member = live.member(agentId);
  if (!member?.active) return null;
  const memberships = member.memberships.filter((membership) => inScope(scope, membership.groupId));
  const work = live.agentWork(agentId);
  const holdsWork = Object.values(work.openByStatus).some((count) => count > 0);
  if (memberships.length === 0 && !(scope.all && holdsWork)) return null;
  if (member.role !== 'agent' && !holdsWork) return null;
  const tally = live.agentTally(agentId);
  const solvedTickets = [...(tally?.solvedTickets.entries() ?? [])];
  return {
    agentId,
    name: member.name,
    role: member.role,
    presence: live.presence.presenceOf(agentId),
    load: work.load,
    capacity: Math.max(0, ...memberships.map((membership) => membership.capacity)),
    memberships,
    openByStatus: work.openByStatus,
    assignedToday: tally?.assigned ?? 0,
    solvedToday: tally?.solved ?? 0,
    firstResponseToday: durationStats(tally?.firstResponsesMs ?? []),
    resolutionToday: durationStats(tally?.resolutionsMs ?? []),
    reopensToday: share(solvedTickets.filter(([ticketId]) => tally?.reopened.has(ticketId)).length, solvedTickets.length),
    csatToday: average([...(tally?.ratings.values() ?? [])]),
    slaBreachesToday: share(solvedTickets.filter(([, solve]) => solve.breached).length, solvedTickets.length),
  };
}

export function teamView(live: LiveKpi, key: string): TeamLiveKpi {
  const work = live.teamWork(key);
  const tally = live.teamTally(key);
  return {
    groupId: groupOf(key),
    level: Number(key.slice(key.lastIndexOf('/') + 1)) as Level,
    ...work,
    hours: [...(tally?.hours.values() ?? [])].sort((a, b) => a.hourStart - b.hourStart),
  };
}

export function scopedTeamKeys(live: LiveKpi, scope: KpiScope): string[] {
  return live.teamKeys().filter((key) => inScope(scope, groupOf(key))).sort();
}

export function totalsOf(live: LiveKpi, teams: readonly TeamLiveKpi[]): TeamTotals {
  const work = sumTeamWork(teams);
  let incomingToday = 0;
  let solvedToday = 0;
  let selfSolvedToday = 0;
  const firstResponses: number[] = [];
  const resolutions: number[] = [];
  for (const team of teams) {
    const tally = live.teamTally(`${team.groupId}/${team.level}`);
    if (!tally) continue;
    incomingToday += tally.incoming;
    solvedToday += tally.solved;
    selfSolvedToday += tally.selfSolved;
    firstResponses.push(...tally.firstResponsesMs);
    resolutions.push(...tally.resolutionsMs);
  }
  return {
    backlogByStatus: work.backlogByStatus,
    unassigned: work.unassigned,
    oldestUnassignedSince: work.oldestUnassignedSince,
    predictedBreaches: work.predictedBreaches.length,
    incomingToday,
    solvedToday,
    selfSolvedToday,
    deflectionToday: share(selfSolvedToday, solvedToday + selfSolvedToday),
    firstResponseToday: durationStats(firstResponses),
    resolutionToday: durationStats(resolutions),
  };
}

/** The whole picture for one scope. */
export function snapshotFor(live: LiveKpi, scope: KpiScope): KpiLiveSnapshot {
  const agents = live
    .allMembers()
    .map((member) => agentView(live, member.id, scope))
    .filter((agent): agent is AgentLiveKpi => agent !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
  const teams = scopedTeamKeys(live, scope).map((key) => teamView(live, key));
  return { at: live.now(), dayStart: live.dayStart, timeZone: live.zone, agents, teams, team: totalsOf(live, teams) };
}
