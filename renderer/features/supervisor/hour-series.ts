import type { TeamLiveKpi } from '../../../core';

const HOUR = 3_600_000;
/** A day has at most 25 hours (the day the clocks go back). */
const MAX_HOURS = 25;

/** One hour of today for the charts: the sums over the teams in scope. */
export type HourPoint = {
  hourStart: number;
  incoming: number;
  solved: number;
  /** Solved by customers themselves with an offered article. */
  selfSolved: number;
  firstResponses: number;
  /** Mean first response time of the responses given in this hour; null when there were none. */
  meanFirstResponseMs: number | null;
};

/**
 * Sums the teams' hour buckets by hour and fills the hours without a bucket with zeros, from the
 * start of the day to the hour of `at`, so that the charts' time axis has no holes.
 */
export function hourSeries(teams: readonly TeamLiveKpi[], dayStart: number, at: number): HourPoint[] {
  const sums = new Map<number, { incoming: number; solved: number; selfSolved: number; firstResponses: number; firstResponseTotalMs: number }>();
  const sumFor = (hourStart: number) => {
    let sum = sums.get(hourStart);
    if (!sum) {
      sum = { incoming: 0, solved: 0, selfSolved: 0, firstResponses: 0, firstResponseTotalMs: 0 };
      sums.set(hourStart, sum);
    }
    return sum;
  };
  const lastHour = Math.min(Math.floor((at - dayStart) / HOUR), MAX_HOURS - 1);
  for (let hour = 0; hour <= lastHour; hour += 1) sumFor(dayStart + hour * HOUR);
  for (const team of teams) {
    for (const bucket of team.hours) {
      const sum = sumFor(bucket.hourStart);
      sum.incoming += Object.values(bucket.incomingByChannel).reduce((total, count) => total + (count ?? 0), 0);
      sum.solved += bucket.solved;
      // Buckets from a server older than self-service carry no such count.
      sum.selfSolved += bucket.selfSolved ?? 0;
      sum.firstResponses += bucket.firstResponses;
      sum.firstResponseTotalMs += bucket.firstResponseTotalMs;
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hourStart, sum]) => ({
      hourStart,
      incoming: sum.incoming,
      solved: sum.solved,
      selfSolved: sum.selfSolved,
      firstResponses: sum.firstResponses,
      meanFirstResponseMs: sum.firstResponses > 0 ? sum.firstResponseTotalMs / sum.firstResponses : null,
    }));
}

/** Today's totals over the hours: incoming, solved (by agents, and by customers themselves) and the mean first response (null without responses). */
export function hourTotals(points: readonly HourPoint[]): { incoming: number; solved: number; selfSolved: number; meanFirstResponseMs: number | null } {
  let incoming = 0;
  let solved = 0;
  let selfSolved = 0;
  let responses = 0;
  let responseMs = 0;
  for (const point of points) {
    incoming += point.incoming;
    solved += point.solved;
    selfSolved += point.selfSolved;
    if (point.meanFirstResponseMs !== null) {
      responses += point.firstResponses;
      responseMs += point.meanFirstResponseMs * point.firstResponses;
    }
  }
  return { incoming, solved, selfSolved, meanFirstResponseMs: responses > 0 ? responseMs / responses : null };
}
