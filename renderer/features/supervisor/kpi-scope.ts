import type { AgentLiveKpi, Level, TeamLiveKpi, TeamWorkSum } from '../../../core';
import type { TicketView } from '../../sync/desk-session';

/** Which part of the desk the supervisor looks at: one group and/or one line, or everything (null). */
export type KpiScope = { groupId: string | null; level: Level | null };

export const WHOLE_DESK: KpiScope = { groupId: null, level: null };

const inScope = (scope: KpiScope, groupId: string | null, level: Level): boolean =>
  (scope.groupId === null || scope.groupId === groupId) && (scope.level === null || scope.level === level);

/** The group × line figures inside the scope (they are additive, so the caller may sum them). */
export function teamsInScope(teams: readonly TeamLiveKpi[], scope: KpiScope): TeamLiveKpi[] {
  return teams.filter((team) => inScope(scope, team.groupId, team.level));
}

/**
 * Agents with a membership in the scope. With no filter everybody listed stays, members or not
 * (a supervisor without a group still shows, with their own open work).
 */
export function agentsInScope(agents: readonly AgentLiveKpi[], scope: KpiScope): AgentLiveKpi[] {
  if (scope.groupId === null && scope.level === null) return [...agents];
  return agents.filter((agent) => agent.memberships.some((membership) => inScope(scope, membership.groupId, membership.level)));
}

/** Open tickets in the scope, unassigned first; otherwise the queue's order (priority, then age) is kept. */
export function ticketsInScope(tickets: readonly TicketView[], scope: KpiScope): TicketView[] {
  const scoped = tickets.filter((ticket) => inScope(scope, ticket.groupId, ticket.level));
  return [...scoped.filter((ticket) => ticket.assigneeId === null), ...scoped.filter((ticket) => ticket.assigneeId !== null)];
}

/** What the team tiles show for a scope: the teams' figures summed as core sums them. */
export type TeamFigures = TeamWorkSum;

export type GroupOption = { id: string; name: string | null };

/**
 * The groups to offer in the filter: those the live figures cover (the supervisor's scope), named
 * from the directory (null when unknown); without live figures (offline, History), every group the
 * directory knows.
 */
export function groupOptions(directory: readonly { id: string; name: string }[], teams: readonly TeamLiveKpi[] | null): GroupOption[] {
  if (teams === null || teams.length === 0) return directory.map(({ id, name }) => ({ id, name }));
  const inFigures = new Set(teams.map((team) => team.groupId));
  const named = directory.filter((group) => inFigures.has(group.id)).map(({ id, name }) => ({ id, name }));
  const knownIds = new Set(named.map((group) => group.id));
  const unnamed = [...inFigures].filter((id) => !knownIds.has(id)).map((id) => ({ id, name: null }));
  return [...named, ...unnamed];
}
