import { describe, expect, it } from 'vitest';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '../domain/ticket';
import {
  LOAD_STATUSES,
  LOAD_WEIGHTS,
  ROUTABLE_STATUSES,
  chooseAssignee,
  chooseGroup,
  compareWaiting,
  isRoutable,
  type RoutableGroup,
  type RoutingCandidate,
} from './routing';

const candidate = (agentId: string, overrides: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  agentId,
  presence: 'online',
  capacity: 10,
  load: 0,
  lastAssignedAt: null,
  ...overrides,
});

/** Deep copy for "the input was not touched" checks (core has no structuredClone in its lib). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const verdicts = (decision: ReturnType<typeof chooseAssignee>) =>
  Object.fromEntries(decision.considered.map((c) => [c.agentId, c.verdict]));

/**
 * Routing as the server runs it for tickets that arrive one after another: each decision sees
 * the load the earlier ones left behind, and the chosen agent's turn moves to "now".
 */
function routeInTurn(agents: RoutingCandidate[], priorities: readonly Priority[], startAt = 1_000): (string | null)[] {
  const state = agents.map((agent) => ({ ...agent }));
  return priorities.map((priority, index) => {
    const { assigneeId } = chooseAssignee(state);
    const chosen = state.find((agent) => agent.agentId === assigneeId);
    if (chosen) {
      chosen.load += LOAD_WEIGHTS[priority];
      chosen.lastAssignedAt = startAt + index;
    }
    return assigneeId;
  });
}

const countBy = (ids: readonly (string | null)[]) => {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[String(id)] = (counts[String(id)] ?? 0) + 1;
  return counts;
};

/** An agent's weighted load over open tickets of these priorities (what the server sums in SQL). */
const loadOf = (priorities: readonly Priority[]): number => priorities.reduce((sum, priority) => sum + LOAD_WEIGHTS[priority], 0);

describe('LOAD_WEIGHTS', () => {
  it('weighs an urgent ticket as three normal ones, a high one as two, a low one as half', () => {
    expect(LOAD_WEIGHTS).toEqual({ urgent: 3, high: 2, normal: 1, low: 0.5 });
  });
});

describe('isRoutable', () => {
  const expected: Record<TicketStatus, boolean> = {
    new: true,
    in_progress: true,
    waiting_for_customer: true,
    hold: true,
    fixed: false,
    closed: false,
    canceled: false,
  };

  it.each(TICKET_STATUSES.map((status) => [status, expected[status]] as const))(
    'an unassigned %s ticket is routable: %s',
    (status, routable) => {
      expect(isRoutable({ assigneeId: null, status })).toBe(routable);
    },
  );

  it.each([...TICKET_STATUSES])('an assigned %s ticket is never routable', (status) => {
    expect(isRoutable({ assigneeId: 'agent-a', status })).toBe(false);
  });

  it('routes exactly the statuses that count as load (Fixed only waits to close)', () => {
    expect([...ROUTABLE_STATUSES].sort()).toEqual(['hold', 'in_progress', 'new', 'waiting_for_customer']);
    expect(LOAD_STATUSES).not.toContain('fixed');
  });
});

describe('chooseAssignee: who gets the ticket', () => {
  it('gives it to the online candidate with the least load', () => {
    const decision = chooseAssignee([
      candidate('agent-a', { load: 4 }),
      candidate('agent-b', { load: 1.5 }),
      candidate('agent-c', { load: 2 }),
    ]);
    expect(decision.assigneeId).toBe('agent-b');
    expect(decision.reason).toBe('lowest load 1.5 of capacity 10 among 3 available');
  });

  it('compares load, not the number of tickets: one urgent ticket outweighs two normal ones', () => {
    const decision = chooseAssignee([
      candidate('agent-a', { load: loadOf(['urgent']) }),
      candidate('agent-b', { load: loadOf(['normal', 'normal']) }),
    ]);
    expect(decision.assigneeId).toBe('agent-b');
  });

  it('never chooses a candidate whose load has reached their capacity', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 10, capacity: 10 }), candidate('agent-b', { load: 12, capacity: 8 })]);
    expect(decision.assigneeId).toBeNull();
    expect(verdicts(decision)).toEqual({ 'agent-a': 'at_capacity', 'agent-b': 'at_capacity' });
  });

  it('still chooses a candidate just under capacity, even with a much higher load than someone full', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 2, capacity: 2 }), candidate('agent-b', { load: 9.5, capacity: 10 })]);
    expect(decision.assigneeId).toBe('agent-b');
  });

  it('counts capacity in weighted load: three urgent tickets leave room, three urgent and one normal do not', () => {
    const underCapacity = candidate('agent-a', { load: loadOf(['urgent', 'urgent', 'urgent']), capacity: 10 });
    const atCapacity = candidate('agent-b', { load: loadOf(['urgent', 'urgent', 'urgent', 'normal']), capacity: 10 });
    expect(chooseAssignee([underCapacity]).assigneeId).toBe('agent-a');
    expect(verdicts(chooseAssignee([atCapacity]))).toEqual({ 'agent-b': 'at_capacity' });
  });

  it('treats a capacity of zero as "takes no routed work"', () => {
    expect(chooseAssignee([candidate('agent-a', { capacity: 0 })]).assigneeId).toBeNull();
  });

  it.each(['offline', 'away'] as const)('never chooses a candidate who is %s, however idle', (presence) => {
    const decision = chooseAssignee([candidate('agent-a', { presence, load: 0 }), candidate('agent-b', { load: 9 })]);
    expect(decision.assigneeId).toBe('agent-b');
    expect(verdicts(decision)).toEqual({ 'agent-a': presence, 'agent-b': 'chosen' });
  });

  it('chooses only among the candidates it is given: the line and group are the caller\u2019s filter', () => {
    // The caller passes the members of the ticket's group at the ticket's line; an idle L1 agent
    // left out of an L2 ticket's candidates is never considered.
    const l1 = candidate('agent-l1', { load: 0 });
    const l2 = [candidate('agent-l2a', { load: 3 }), candidate('agent-l2b', { load: 5 })];
    const decision = chooseAssignee(l2);
    expect(decision.assigneeId).toBe('agent-l2a');
    expect(decision.considered.map((c) => c.agentId)).not.toContain(l1.agentId);
    expect(chooseAssignee([l1, ...l2]).assigneeId).toBe('agent-l1');
  });

  it('excludes the agent who just gave the ticket back, even when they are the least loaded', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 0 }), candidate('agent-b', { load: 6 })], 'agent-a');
    expect(decision.assigneeId).toBe('agent-b');
    expect(verdicts(decision)).toEqual({ 'agent-a': 'excluded', 'agent-b': 'chosen' });
  });

  it('lets the ticket wait rather than return it to the only agent who gave it back', () => {
    const decision = chooseAssignee([candidate('agent-a')], 'agent-a');
    expect(decision.assigneeId).toBeNull();
    expect(decision.reason).toBe('nobody available (1 excluded): the ticket waits in the queue');
  });

  it('ignores an exclusion naming someone who is not a candidate', () => {
    expect(chooseAssignee([candidate('agent-a')], 'agent-z').assigneeId).toBe('agent-a');
  });
});

describe('chooseAssignee: verdicts and reasons', () => {
  it('gives every candidate a verdict, sorted by agent id', () => {
    const decision = chooseAssignee(
      [
        candidate('agent-f', { load: 1 }),
        candidate('agent-e', { load: 0, presence: 'offline' }),
        candidate('agent-d', { load: 10, capacity: 10 }),
        candidate('agent-c', { load: 0, presence: 'away' }),
        candidate('agent-b', { load: 2 }),
        candidate('agent-a', { load: 0 }),
      ],
      'agent-a',
    );
    expect(decision.assigneeId).toBe('agent-f');
    expect(decision.considered.map((c) => [c.agentId, c.verdict])).toEqual([
      ['agent-a', 'excluded'],
      ['agent-b', 'eligible'],
      ['agent-c', 'away'],
      ['agent-d', 'at_capacity'],
      ['agent-e', 'offline'],
      ['agent-f', 'chosen'],
    ]);
  });

  it('keeps what routing saw of each candidate next to the verdict, for the audit log', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 2.5, capacity: 7, lastAssignedAt: 42 })]);
    expect(decision.considered).toEqual([
      { agentId: 'agent-a', presence: 'online', capacity: 7, load: 2.5, lastAssignedAt: 42, verdict: 'chosen' },
    ]);
  });

  it('judges exclusion before presence and capacity', () => {
    const decision = chooseAssignee([candidate('agent-a', { presence: 'offline', load: 20 })], 'agent-a');
    expect(verdicts(decision)).toEqual({ 'agent-a': 'excluded' });
  });

  it('names the counts of each verdict when nobody is online', () => {
    const decision = chooseAssignee([
      candidate('agent-a', { presence: 'offline' }),
      candidate('agent-b', { presence: 'away' }),
      candidate('agent-c', { presence: 'offline' }),
    ]);
    expect(decision.assigneeId).toBeNull();
    expect(decision.reason).toMatch(/^nobody available \(.*\): the ticket waits in the queue$/);
    expect(decision.reason).toContain('2 offline');
    expect(decision.reason).toContain('1 away');
    expect(decision.considered.map((c) => c.verdict)).toEqual(['offline', 'away', 'offline']);
  });

  it('writes "at capacity" in words in the reason', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 10 }), candidate('agent-b', { presence: 'offline' })]);
    expect(decision.reason).toBe('nobody available (1 at capacity, 1 offline): the ticket waits in the queue');
  });

  it('says nobody works this group at this line when there are no candidates', () => {
    expect(chooseAssignee([])).toEqual({ assigneeId: null, reason: 'nobody works this group at this line', considered: [] });
  });

  it('says in the reason when round robin broke a tie', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 2 }), candidate('agent-b', { load: 2 }), candidate('agent-c', { load: 5 })]);
    expect(decision.reason).toBe(
      'lowest load 2 of capacity 10 among 3 available; 2 tied at that load, round robin gave it to the one who waited longest',
    );
  });
});

describe('chooseAssignee: round robin among equals', () => {
  it('prefers the one who never got a routed ticket, then the one who waited longest, then the smaller id', () => {
    expect(chooseAssignee([candidate('agent-a', { lastAssignedAt: 5 }), candidate('agent-b', { lastAssignedAt: null })]).assigneeId).toBe('agent-b');
    expect(chooseAssignee([candidate('agent-a', { lastAssignedAt: 9 }), candidate('agent-b', { lastAssignedAt: 3 })]).assigneeId).toBe('agent-b');
    expect(chooseAssignee([candidate('agent-b'), candidate('agent-a')]).assigneeId).toBe('agent-a');
    expect(chooseAssignee([candidate('agent-b', { lastAssignedAt: 7 }), candidate('agent-a', { lastAssignedAt: 7 })]).assigneeId).toBe('agent-a');
  });

  it('lets load win over turn: the one who waited longest but carries more does not get it', () => {
    const decision = chooseAssignee([candidate('agent-a', { load: 3, lastAssignedAt: null }), candidate('agent-b', { load: 2, lastAssignedAt: 99 })]);
    expect(decision.assigneeId).toBe('agent-b');
  });

  it('rotates through all tied agents in a fair cycle: 9 decisions over 3 agents give each 3', () => {
    // Loads stay equal (each ticket is solved before the next arrives): only the turn decides.
    const agents = [candidate('agent-c', { load: 2 }), candidate('agent-a', { load: 2 }), candidate('agent-b', { load: 2 })];
    const chosen: (string | null)[] = [];
    for (let decisionAt = 1; decisionAt <= 9; decisionAt += 1) {
      const { assigneeId } = chooseAssignee(agents);
      chosen.push(assigneeId);
      const agent = agents.find((a) => a.agentId === assigneeId);
      if (agent) agent.lastAssignedAt = decisionAt;
    }
    expect(countBy(chosen)).toEqual({ 'agent-a': 3, 'agent-b': 3, 'agent-c': 3 });
    // A cycle: every window of three consecutive decisions serves each agent once, in the same order.
    expect(chosen.slice(0, 3)).toEqual(['agent-a', 'agent-b', 'agent-c']);
    expect(chosen.slice(3, 6)).toEqual(chosen.slice(0, 3));
    expect(chosen.slice(6, 9)).toEqual(chosen.slice(0, 3));
  });

  it('stays fair when each assignment also adds to the load', () => {
    const chosen = routeInTurn([candidate('agent-a'), candidate('agent-b'), candidate('agent-c')], Array(9).fill('normal'));
    expect(countBy(chosen)).toEqual({ 'agent-a': 3, 'agent-b': 3, 'agent-c': 3 });
  });
});

describe('chooseAssignee: tickets arriving together', () => {
  // The server decides one ticket at a time over shared load state; these simulate a burst.
  it('spreads 10 tickets over 2 agents with capacity 10 evenly, 5 and 5', () => {
    const chosen = routeInTurn([candidate('agent-a'), candidate('agent-b')], Array(10).fill('normal'));
    expect(countBy(chosen)).toEqual({ 'agent-a': 5, 'agent-b': 5 });
  });

  it('lets the rest wait unassigned once both agents reach their capacity', () => {
    const chosen = routeInTurn([candidate('agent-a'), candidate('agent-b')], Array(25).fill('normal'));
    expect(countBy(chosen)).toEqual({ 'agent-a': 10, 'agent-b': 10, null: 5 });
    expect(chosen.slice(20)).toEqual([null, null, null, null, null]);
  });

  it('fills the emptier agent first when one starts with more load', () => {
    const chosen = routeInTurn([candidate('agent-a', { load: 4 }), candidate('agent-b')], Array(6).fill('normal'));
    expect(chosen.slice(0, 4)).toEqual(['agent-b', 'agent-b', 'agent-b', 'agent-b']);
    expect(countBy(chosen)).toEqual({ 'agent-a': 1, 'agent-b': 5 });
  });

  it('stops assigning urgent tickets once the weighted load reaches capacity', () => {
    const chosen = routeInTurn([candidate('agent-a', { capacity: 6 }), candidate('agent-b', { capacity: 6 })], Array(6).fill('urgent'));
    expect(countBy(chosen)).toEqual({ 'agent-a': 2, 'agent-b': 2, null: 2 });
  });
});

describe('chooseAssignee: purity', () => {
  const input = (): RoutingCandidate[] => [
    candidate('agent-b', { load: 1, lastAssignedAt: 10 }),
    candidate('agent-a', { load: 1, lastAssignedAt: 20 }),
    candidate('agent-c', { presence: 'away' }),
  ];

  it('gives the same decision for the same input', () => {
    expect(chooseAssignee(input(), 'agent-c')).toEqual(chooseAssignee(input(), 'agent-c'));
    expect(chooseAssignee(input()).assigneeId).toBe('agent-b');
  });

  it('does not reorder or change the candidates it is given', () => {
    const candidates = input();
    const before = copy(candidates);
    chooseAssignee(candidates);
    chooseAssignee([]);
    expect(candidates).toEqual(before);
    expect(candidates.some((c) => 'verdict' in c)).toBe(false);
  });

  it('works on frozen input', () => {
    const candidates = Object.freeze(input().map((c) => Object.freeze(c)));
    expect(chooseAssignee(candidates).assigneeId).toBe('agent-b');
  });
});

describe('compareWaiting', () => {
  it('serves more urgent tickets first', () => {
    const waiting = PRIORITIES.map((priority, index) => ({ priority, number: 100 - index }))
      .reverse()
      .sort(compareWaiting);
    expect(waiting.map((t) => t.priority)).toEqual(['urgent', 'high', 'normal', 'low']);
    expect(compareWaiting({ priority: 'urgent', number: 900 }, { priority: 'low', number: 1 })).toBeLessThan(0);
  });

  it('serves older tickets (lower number) first within one priority', () => {
    const waiting = [
      { priority: 'normal' as const, number: 1050 },
      { priority: 'urgent' as const, number: 1049 },
      { priority: 'normal' as const, number: 1003 },
      { priority: 'urgent' as const, number: 1100 },
    ].sort(compareWaiting);
    expect(waiting.map((t) => t.number)).toEqual([1049, 1100, 1003, 1050]);
  });

  it('says two tickets of the same priority and number are equal', () => {
    expect(compareWaiting({ priority: 'high', number: 7 }, { priority: 'high', number: 7 })).toBe(0);
  });
});

describe('chooseGroup', () => {
  const GENERAL = 'group-general';
  const hardware: RoutableGroup = { id: 'group-hardware', name: 'Hardware', categories: ['printer', 'laptop'] };
  const complaints: RoutableGroup = { id: 'group-complaints', name: 'Complaints', categories: ['complaint'] };
  const general: RoutableGroup = { id: GENERAL, name: 'General', categories: [] };
  const groups = [hardware, complaints, general];

  it('matches the ticket type against group categories', () => {
    expect(chooseGroup(groups, { type: 'complaint', tags: [] }, GENERAL)).toBe('group-complaints');
  });

  it('matches any of the ticket tags against group categories', () => {
    expect(chooseGroup(groups, { type: 'incident', tags: ['urgent-customer', 'laptop'] }, GENERAL)).toBe('group-hardware');
  });

  it('compares categories case-insensitively', () => {
    const shouting: RoutableGroup = { id: 'group-services', name: 'Services', categories: ['SERVICE_REQUEST', 'Printer'] };
    expect(chooseGroup([shouting], { type: 'service_request', tags: [] }, GENERAL)).toBe('group-services');
    expect(chooseGroup([shouting], { type: 'incident', tags: ['pRiNtEr'] }, GENERAL)).toBe('group-services');
  });

  it('takes the first group by name when several match, whatever their order', () => {
    const zeta: RoutableGroup = { id: 'group-zeta', name: 'Zeta printers', categories: ['printer'] };
    const alpha: RoutableGroup = { id: 'group-alpha', name: 'Alpha printers', categories: ['printer'] };
    expect(chooseGroup([zeta, hardware, alpha], { type: 'incident', tags: ['printer'] }, GENERAL)).toBe('group-alpha');
    expect(chooseGroup([alpha, zeta, hardware], { type: 'incident', tags: ['printer'] }, GENERAL)).toBe('group-alpha');
  });

  it('falls back when no group matches', () => {
    expect(chooseGroup(groups, { type: 'consultation', tags: ['billing'] }, GENERAL)).toBe(GENERAL);
    expect(chooseGroup([], { type: 'incident', tags: [] }, GENERAL)).toBe(GENERAL);
  });

  it('never picks the fallback group by category, so a specific group that also matches wins', () => {
    // "General" sorts before "Hardware": were the fallback matched by category, it would win.
    const generalWithPrinters: RoutableGroup = { ...general, categories: ['printer'] };
    expect(chooseGroup([generalWithPrinters, hardware], { type: 'incident', tags: ['printer'] }, GENERAL)).toBe('group-hardware');
  });

  it('returns null when nothing matches and there is no fallback', () => {
    expect(chooseGroup(groups, { type: 'consultation', tags: [] }, null)).toBeNull();
    expect(chooseGroup(groups, { type: 'incident', tags: ['printer'] }, null)).toBe('group-hardware');
  });

  it('does not reorder the groups it is given', () => {
    const input = [hardware, complaints, general];
    chooseGroup(input, { type: 'complaint', tags: [] }, GENERAL);
    expect(input.map((g) => g.id)).toEqual(['group-hardware', 'group-complaints', GENERAL]);
  });
});
