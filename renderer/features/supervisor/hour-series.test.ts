import { describe, expect, it } from 'vitest';
import { hourSeries, hourTotals } from './hour-series';
import { makeTeamKpi, NETWORK_ID } from './supervisor-testing';

const HOUR = 3_600_000;
const dayStart = 1_700_000_000_000;

describe('hour series', () => {
  it('sums buckets of every team by hour and fills empty hours up to now', () => {
    const a = makeTeamKpi({
      groupId: NETWORK_ID,
      level: 1,
      hours: [
        { hourStart: dayStart, incomingByChannel: { email: 2, phone: 1 }, solved: 1, selfSolved: 0, firstResponses: 2, firstResponseTotalMs: 20 * 60_000 },
        { hourStart: dayStart + 2 * HOUR, incomingByChannel: { portal: 4 }, solved: 0, selfSolved: 2, firstResponses: 0, firstResponseTotalMs: 0 },
      ],
    });
    const b = makeTeamKpi({
      groupId: NETWORK_ID,
      level: 2,
      hours: [{ hourStart: dayStart, incomingByChannel: { email: 1 }, solved: 2, selfSolved: 0, firstResponses: 1, firstResponseTotalMs: 40 * 60_000 }],
    });
    const series = hourSeries([a, b], dayStart, dayStart + 3 * HOUR + 5 * 60_000);
    expect(series).toEqual([
      { hourStart: dayStart, incoming: 4, solved: 3, selfSolved: 0, firstResponses: 3, meanFirstResponseMs: 20 * 60_000 },
      { hourStart: dayStart + HOUR, incoming: 0, solved: 0, selfSolved: 0, firstResponses: 0, meanFirstResponseMs: null },
      { hourStart: dayStart + 2 * HOUR, incoming: 4, solved: 0, selfSolved: 2, firstResponses: 0, meanFirstResponseMs: null },
      { hourStart: dayStart + 3 * HOUR, incoming: 0, solved: 0, selfSolved: 0, firstResponses: 0, meanFirstResponseMs: null },
    ]);
    expect(hourTotals(series)).toEqual({ incoming: 8, solved: 3, selfSolved: 2, meanFirstResponseMs: 20 * 60_000 });
  });

  it('has no mean first response without responses', () => {
    expect(hourTotals(hourSeries([], dayStart, dayStart + 10))).toEqual({ incoming: 0, solved: 0, selfSolved: 0, meanFirstResponseMs: null });
  });
});
