import { KPI_OPEN_STATUSES, type CountByStatus, type PredictedBreach, type TeamLiveKpi } from './kpi';

/**
 * How team figures add up, for the server's totals and the console's scoped tiles alike: group ×
 * line figures are additive, except the oldest wait (the minimum) and breaches (merged, soonest first).
 */
export const noCounts = (): CountByStatus => Object.fromEntries(KPI_OPEN_STATUSES.map((status) => [status, 0])) as CountByStatus;

export function addCounts(into: CountByStatus, from: CountByStatus): CountByStatus {
  for (const status of KPI_OPEN_STATUSES) into[status] += from[status];
  return into;
}

export const countTotal = (counts: CountByStatus): number => KPI_OPEN_STATUSES.reduce((sum, status) => sum + counts[status], 0);

export type TeamWorkSum = {
  backlogByStatus: CountByStatus;
  backlog: number;
  unassigned: number;
  /** The earliest creation time among the tickets waiting unassigned; null when none waits. */
  oldestUnassignedSince: number | null;
  /** Soonest first, over every team summed. */
  predictedBreaches: PredictedBreach[];
};

export function sumTeamWork(teams: readonly Pick<TeamLiveKpi, 'backlogByStatus' | 'unassigned' | 'oldestUnassignedSince' | 'predictedBreaches'>[]): TeamWorkSum {
  const backlogByStatus = noCounts();
  let unassigned = 0;
  let oldestUnassignedSince: number | null = null;
  const predictedBreaches: PredictedBreach[] = [];
  for (const team of teams) {
    addCounts(backlogByStatus, team.backlogByStatus);
    unassigned += team.unassigned;
    if (team.oldestUnassignedSince !== null && (oldestUnassignedSince === null || team.oldestUnassignedSince < oldestUnassignedSince)) {
      oldestUnassignedSince = team.oldestUnassignedSince;
    }
    predictedBreaches.push(...team.predictedBreaches);
  }
  predictedBreaches.sort((a, b) => a.dueAt - b.dueAt);
  return { backlogByStatus, backlog: countTotal(backlogByStatus), unassigned, oldestUnassignedSince, predictedBreaches };
}
