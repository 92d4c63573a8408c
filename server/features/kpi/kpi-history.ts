import { localMidnightAfter, startOfLocalDay, type AgentPeriodKpi, type Channel, type KpiHistory, type KpiHistoryQuery, type PeriodTotals } from '../../../core';
import type { Executor } from '../../store/database';
import { kpiEventsBetween, teamMembers } from '../../store/kpi-repository';
import { average, durationStats, share } from './kpi-math';
import { KpiTally, type AgentTally } from './kpi-tally';
import type { KpiScope } from './kpi-view';

/**
 * The KPIs of a period, replayed from the audit log with the same fold as the live figures. A
 * ticket counts for the group and line it is in now (moves are not replayed); reopens and
 * ratings count when they happen within the period. Per local day of the desk's time zone.
 */
export async function periodKpis(db: Executor, scope: KpiScope, query: KpiHistoryQuery, timeZone: string): Promise<KpiHistory> {
  const wanted = (groupId: string | null, level: number) =>
    groupId !== null && (scope.all || scope.groupIds.has(groupId)) && (query.groupId === undefined || query.groupId === groupId) && (query.level === undefined || query.level === level);

  const tally = new KpiTally(query.from);
  const days = new Map<number, { dayStart: number; incoming: number; solved: number }>();
  const day = (at: number) => {
    const dayStart = startOfLocalDay(timeZone, at);
    return days.get(dayStart) ?? days.set(dayStart, { dayStart, incoming: 0, solved: 0 }).get(dayStart)!;
  };
  for (let dayStart = startOfLocalDay(timeZone, query.from); dayStart < query.to; dayStart = localMidnightAfter(timeZone, dayStart, 1)) day(dayStart);

  for (const { event, ticket } of await kpiEventsBetween(db, query.from, query.to)) {
    if (!ticket || !wanted(ticket.groupId, ticket.level)) continue;
    tally.fold(event, ticket);
    if (event.type === 'ticket.registered') day(event.createdAt).incoming += 1;
    if (event.type === 'ticket.status_changed' && event.data.to === 'fixed') day(event.createdAt).solved += 1;
  }

  const members = await teamMembers(db);
  const shown = members.filter(
    (member) => tally.agents.has(member.id) || (member.active && member.role === 'agent' && member.memberships.some((membership) => wanted(membership.groupId, membership.level))),
  );
  const agents = shown.map((member) => agentRow(member.id, member.name, tally.agent(member.id))).sort((a, b) => a.name.localeCompare(b.name));
  return { from: query.from, to: query.to, timeZone, agents, team: totals(tally, [...days.values()].sort((a, b) => a.dayStart - b.dayStart)) };
}

function agentRow(agentId: string, name: string, tally: AgentTally): AgentPeriodKpi {
  const solved = [...tally.solvedTickets.entries()];
  return {
    agentId,
    name,
    assigned: tally.assigned,
    solved: tally.solved,
    firstResponse: durationStats(tally.firstResponsesMs),
    resolution: durationStats(tally.resolutionsMs),
    reopens: share(solved.filter(([ticketId]) => tally.reopened.has(ticketId)).length, solved.length),
    csat: average([...tally.ratings.values()]),
    slaBreaches: share(solved.filter(([, solve]) => solve.breached).length, solved.length),
  };
}

function totals(tally: KpiTally, days: PeriodTotals['days']): PeriodTotals {
  const teams = [...tally.teams.values()];
  const agents = [...tally.agents.values()];
  const incomingByChannel: Partial<Record<Channel, number>> = {};
  for (const team of teams) {
    for (const [channel, count] of Object.entries(team.incomingByChannel) as [Channel, number][]) incomingByChannel[channel] = (incomingByChannel[channel] ?? 0) + count;
  }
  const solved = teams.reduce((sum, team) => sum + team.solved, 0);
  const selfSolved = teams.reduce((sum, team) => sum + team.selfSolved, 0);
  const solvedTickets = agents.flatMap((agent) => [...agent.solvedTickets.entries()].map(([ticketId, solve]) => ({ ticketId, solve, agent })));
  return {
    incoming: teams.reduce((sum, team) => sum + team.incoming, 0),
    incomingByChannel,
    solved,
    selfSolved,
    deflection: share(selfSolved, solved + selfSolved),
    firstResponse: durationStats(teams.flatMap((team) => team.firstResponsesMs)),
    resolution: durationStats(teams.flatMap((team) => team.resolutionsMs)),
    reopens: share(solvedTickets.filter(({ ticketId, agent }) => agent.reopened.has(ticketId)).length, solvedTickets.length),
    csat: average(agents.flatMap((agent) => [...agent.ratings.values()])),
    slaBreaches: share(solvedTickets.filter(({ solve }) => solve.breached).length, solvedTickets.length),
    days,
  };
}
