import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../app/testing/fake-desk-session';
import { agentsInScope, groupOptions, teamsInScope, ticketsInScope, WHOLE_DESK } from './kpi-scope';
import { BILLING_ID, makeAgentKpi, makeTeamKpi, NETWORK_ID } from './supervisor-testing';

const networkL1 = makeTeamKpi({
  groupId: NETWORK_ID,
  level: 1,
  backlogByStatus: { new: 2, in_progress: 3, waiting_for_customer: 0, hold: 1, fixed: 0 },
  unassigned: 2,
  oldestUnassignedSince: 5_000,
  predictedBreaches: [{ ticketId: 'a', number: 11, dueAt: 900, clock: 'resolution' }],
});
const networkL2 = makeTeamKpi({
  groupId: NETWORK_ID,
  level: 2,
  backlogByStatus: { new: 1, in_progress: 0, waiting_for_customer: 4, hold: 0, fixed: 2 },
  unassigned: 1,
  oldestUnassignedSince: 3_000,
  predictedBreaches: [{ ticketId: 'b', number: 12, dueAt: 500, clock: 'first_response' }],
});
const billingL1 = makeTeamKpi({ groupId: BILLING_ID, level: 1, unassigned: 5, oldestUnassignedSince: null });
const teams = [networkL1, networkL2, billingL1];

describe('teams in scope', () => {
  it('keeps one group, one line, or both', () => {
    expect(teamsInScope(teams, { groupId: NETWORK_ID, level: null })).toEqual([networkL1, networkL2]);
    expect(teamsInScope(teams, { groupId: null, level: 1 })).toEqual([networkL1, billingL1]);
    expect(teamsInScope(teams, { groupId: NETWORK_ID, level: 2 })).toEqual([networkL2]);
    expect(teamsInScope(teams, WHOLE_DESK)).toEqual(teams);
  });
});

describe('agents in scope', () => {
  const lee = makeAgentKpi({ agentId: '1', name: 'Lee', memberships: [{ groupId: NETWORK_ID, level: 1, capacity: 8 }] });
  const kim = makeAgentKpi({ agentId: '2', name: 'Kim', memberships: [{ groupId: BILLING_ID, level: 2, capacity: 5 }] });
  const sam = makeAgentKpi({ agentId: '3', name: 'Sam', role: 'supervisor', memberships: [] });

  it('keeps members of the group at the line; everybody without a filter', () => {
    expect(agentsInScope([lee, kim, sam], { groupId: NETWORK_ID, level: null })).toEqual([lee]);
    expect(agentsInScope([lee, kim, sam], { groupId: null, level: 2 })).toEqual([kim]);
    expect(agentsInScope([lee, kim, sam], { groupId: BILLING_ID, level: 1 })).toEqual([]);
    expect(agentsInScope([lee, kim, sam], WHOLE_DESK)).toEqual([lee, kim, sam]);
  });
});

describe('tickets in scope', () => {
  it('puts unassigned tickets first and keeps the queue order otherwise', () => {
    const held = makeTicket({ groupId: NETWORK_ID, level: 1, assigneeId: '00000000-0000-4000-8000-00000000aaaa' });
    const waiting = makeTicket({ groupId: NETWORK_ID, level: 1, assigneeId: null });
    const elsewhere = makeTicket({ groupId: BILLING_ID, level: 1, assigneeId: null });
    const noGroup = makeTicket({ groupId: null, level: 1, assigneeId: null });
    expect(ticketsInScope([held, waiting, elsewhere, noGroup], { groupId: NETWORK_ID, level: 1 })).toEqual([waiting, held]);
    expect(ticketsInScope([held, waiting, elsewhere, noGroup], WHOLE_DESK)).toEqual([waiting, elsewhere, noGroup, held]);
  });
});

describe('group options', () => {
  const directory = [
    { id: BILLING_ID, name: 'Billing' },
    { id: NETWORK_ID, name: 'Network' },
    { id: '00000000-0000-4000-8000-0000000000d9', name: 'Elsewhere' },
  ];
  it('offers the groups of the live figures, named from the directory, unknown ones last', () => {
    const unknown = '00000000-0000-4000-8000-0000000000ee';
    expect(groupOptions(directory, [networkL1, makeTeamKpi({ groupId: unknown, level: 1 }), networkL2])).toEqual([
      { id: NETWORK_ID, name: 'Network' },
      { id: unknown, name: null },
    ]);
  });

  it('offers the whole directory without live figures', () => {
    expect(groupOptions(directory, null)).toEqual(directory);
  });
});
