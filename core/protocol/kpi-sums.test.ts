import { describe, expect, it } from 'vitest';
import { KPI_OPEN_STATUSES, type CountByStatus, type TeamLiveKpi } from './kpi';
import { addCounts, noCounts, sumTeamWork } from './kpi-sums';

const counts = (values: Partial<CountByStatus> = {}): CountByStatus => ({ new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0, ...values });
const team = (figures: Partial<TeamLiveKpi>): TeamLiveKpi => ({
  groupId: 'g',
  level: 1,
  backlogByStatus: counts(),
  unassigned: 0,
  oldestUnassignedSince: null,
  predictedBreaches: [],
  hours: [],
  ...figures,
});
const networkL1 = team({
  backlogByStatus: counts({ new: 2, in_progress: 3, hold: 1 }),
  unassigned: 2,
  oldestUnassignedSince: 5_000,
  predictedBreaches: [{ ticketId: 'a', number: 11, dueAt: 900, clock: 'resolution' }],
});
const networkL2 = team({
  level: 2,
  backlogByStatus: counts({ new: 1, waiting_for_customer: 4, fixed: 2 }),
  unassigned: 1,
  oldestUnassignedSince: 3_000,
  predictedBreaches: [{ ticketId: 'b', number: 12, dueAt: 500, clock: 'first_response' }],
});
const billingL1 = team({ groupId: 'billing', unassigned: 5, oldestUnassignedSince: null });

describe('summing teams', () => {
  it('adds counts, keeps the oldest wait and orders predicted breaches soonest first', () => {
    const sum = sumTeamWork([networkL1, networkL2, billingL1]);
    expect(sum.backlogByStatus).toEqual({ new: 3, in_progress: 3, waiting_for_customer: 4, hold: 1, fixed: 2 });
    expect(sum.backlog).toBe(13);
    expect(sum.unassigned).toBe(8);
    expect(sum.oldestUnassignedSince).toBe(3_000);
    expect(sum.predictedBreaches.map((breach) => breach.number)).toEqual([12, 11]);
  });

  it('has no oldest wait when nobody waits', () => {
    expect(sumTeamWork([billingL1]).oldestUnassignedSince).toBeNull();
    expect(sumTeamWork([])).toMatchObject({ backlog: 0, unassigned: 0, oldestUnassignedSince: null, predictedBreaches: [] });
  });
});

describe('counts by status', () => {
  it('starts every open status at zero, Fixed included (it counts until it closes)', () => {
    expect(noCounts()).toEqual({ new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0 });
    expect(Object.keys(noCounts()).sort()).toEqual([...KPI_OPEN_STATUSES].sort());
  });

  it('gives a fresh object each time, so one team’s counts never leak into another’s', () => {
    const first = noCounts();
    first.new = 5;
    expect(noCounts().new).toBe(0);
  });

  it('adds status by status into the first argument', () => {
    const into = { new: 1, in_progress: 2, waiting_for_customer: 0, hold: 0, fixed: 1 };
    const result = addCounts(into, { new: 2, in_progress: 0, waiting_for_customer: 3, hold: 1, fixed: 0 });
    expect(result).toBe(into);
    expect(into).toEqual({ new: 3, in_progress: 2, waiting_for_customer: 3, hold: 1, fixed: 1 });
  });
});
