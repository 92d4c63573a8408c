import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core';
import { makeTicket } from '../../../core/mutations/ticket.fixture';
import { teamKey } from './kpi-tally';
import { BREACH_HORIZON_MS, OpenTicketIndex } from './open-tickets';

const MINUTE = 60_000;
const NOW = Date.UTC(2025, 5, 2, 10);
const GROUP = 'group-support';
const OTHER_GROUP = 'group-billing';
const L1 = teamKey(GROUP, 1);
const [ANNA, BORIS] = ['anna', 'boris'];

let nextNumber = 100;
const ticket = (id: string, overrides: Partial<Ticket> = {}): Ticket =>
  makeTicket({ id, number: nextNumber++, groupId: GROUP, level: 1, status: 'in_progress', assigneeId: ANNA, createdAt: NOW - 30 * MINUTE, version: 1, ...overrides });

/** The SLA clock of a ticket that is running, with the given due times (minutes from NOW). */
const running = (firstResponseDue: number | null, resolutionDue: number | null, extra: Partial<Ticket['sla']> = {}): Ticket['sla'] => ({
  ...makeTicket().sla,
  runningSince: NOW - 30 * MINUTE,
  firstResponseDueAt: firstResponseDue === null ? null : NOW + firstResponseDue * MINUTE,
  resolutionDueAt: resolutionDue === null ? null : NOW + resolutionDue * MINUTE,
  ...extra,
});

const indexOf = (...tickets: Ticket[]): OpenTicketIndex => {
  const index = new OpenTicketIndex();
  tickets.forEach((entry) => index.upsert(entry));
  return index;
};

describe('OpenTicketIndex: an agent’s open work', () => {
  it('counts open tickets by status and weighs the load by priority (urgent 3, high 2, normal 1, low 0.5); Fixed is open but weighs nothing', () => {
    const index = indexOf(
      ticket('urgent', { priority: 'urgent', status: 'in_progress' }),
      ticket('high', { priority: 'high', status: 'waiting_for_customer' }),
      ticket('normal', { priority: 'normal', status: 'hold' }),
      ticket('low', { priority: 'low', status: 'new' }),
      ticket('fixed', { priority: 'urgent', status: 'fixed' }),
      ticket('closed', { priority: 'urgent', status: 'closed' }),
      ticket('canceled', { priority: 'urgent', status: 'canceled' }),
      ticket('boris', { assigneeId: BORIS, priority: 'high' }),
    );
    expect(index.agentWork(ANNA)).toEqual({ openByStatus: { new: 1, in_progress: 1, waiting_for_customer: 1, hold: 1, fixed: 1 }, load: 6.5 });
    expect(index.agentWork(BORIS).load).toBe(2);
    expect(index.agentWork('nobody')).toEqual({ openByStatus: { new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0 }, load: 0 });
  });

  it('moves the load with a reassignment and drops it when the ticket closes, naming both agents as changed', () => {
    const index = indexOf(ticket('t1', { priority: 'high', version: 1 }));
    expect(index.upsert(ticket('t1', { priority: 'high', assigneeId: BORIS, version: 2 }))).toEqual({ agents: [ANNA, BORIS], teams: [L1, L1] });
    expect(index.agentWork(ANNA).load).toBe(0);
    expect(index.agentWork(BORIS).load).toBe(2);
    expect(index.upsert(ticket('t1', { assigneeId: BORIS, status: 'closed', version: 3 }))).toEqual({ agents: [BORIS], teams: [L1] });
    expect(index.agentWork(BORIS).openByStatus.in_progress).toBe(0);
  });

  it('ignores an older version of a ticket arriving late: it neither undoes a reassignment nor revives a closed ticket', () => {
    const index = indexOf(ticket('t1', { assigneeId: BORIS, version: 5 }));
    expect(index.upsert(ticket('t1', { assigneeId: ANNA, version: 4 }))).toEqual({ agents: [], teams: [] });
    expect(index.agentWork(BORIS).load).toBe(1);
    expect(index.agentWork(ANNA).load).toBe(0);

    index.upsert(ticket('t1', { assigneeId: BORIS, status: 'closed', version: 6 }));
    index.upsert(ticket('t1', { assigneeId: BORIS, status: 'in_progress', version: 5 }));
    expect(index.agentWork(BORIS).load).toBe(0);
    expect(index.teamWork(L1, NOW).backlogByStatus.in_progress).toBe(0);
  });
});

describe('OpenTicketIndex: a team’s backlog and queue', () => {
  it('keeps a backlog per group and line, and moves a ticket between them when it is escalated', () => {
    const index = indexOf(
      ticket('a', { status: 'new', assigneeId: null }),
      ticket('b', { status: 'hold' }),
      ticket('c', { status: 'fixed' }),
      ticket('elsewhere', { groupId: OTHER_GROUP }),
    );
    expect(index.teamWork(L1, NOW).backlogByStatus).toEqual({ new: 1, in_progress: 0, waiting_for_customer: 0, hold: 1, fixed: 1 });
    expect(index.teamKeys().sort()).toEqual([teamKey(OTHER_GROUP, 1), L1].sort());

    expect(index.upsert(ticket('b', { status: 'hold', level: 2, version: 2 }))).toEqual({ agents: [ANNA, ANNA], teams: [L1, teamKey(GROUP, 2)] });
    expect(index.teamWork(L1, NOW).backlogByStatus.hold).toBe(0);
    expect(index.teamWork(teamKey(GROUP, 2), NOW).backlogByStatus.hold).toBe(1);
  });

  it('counts as unassigned only routable tickets (nobody holds them and they are New, In Progress, Waiting or Hold), and tells the oldest one’s creation', () => {
    const index = indexOf(
      ticket('young', { status: 'new', assigneeId: null, createdAt: NOW - 5 * MINUTE }),
      ticket('old', { status: 'waiting_for_customer', assigneeId: null, createdAt: NOW - 50 * MINUTE }),
      ticket('held', { status: 'hold', assigneeId: null, createdAt: NOW - 20 * MINUTE }),
      // Answered and waiting to close: nobody needs to take it.
      ticket('fixed', { status: 'fixed', assigneeId: null, createdAt: NOW - 500 * MINUTE }),
      ticket('assigned', { status: 'new', assigneeId: ANNA, createdAt: NOW - 900 * MINUTE }),
    );
    const work = index.teamWork(L1, NOW);
    expect(work.unassigned).toBe(3);
    expect(work.oldestUnassignedSince).toBe(NOW - 50 * MINUTE);

    index.upsert(ticket('old', { status: 'in_progress', assigneeId: BORIS, createdAt: NOW - 50 * MINUTE, version: 2 }));
    expect(index.teamWork(L1, NOW)).toMatchObject({ unassigned: 2, oldestUnassignedSince: NOW - 20 * MINUTE });
  });

  it('has no oldest unassigned ticket when the queue is empty', () => {
    expect(indexOf(ticket('t1')).teamWork(L1, NOW)).toMatchObject({ unassigned: 0, oldestUnassignedSince: null });
    expect(new OpenTicketIndex().teamWork(L1, NOW)).toMatchObject({ unassigned: 0, oldestUnassignedSince: null, predictedBreaches: [] });
  });
});

describe('OpenTicketIndex: predicted breaches', () => {
  it('looks 60 minutes ahead', () => {
    expect(BREACH_HORIZON_MS).toBe(60 * MINUTE);
  });

  it('lists running clocks due within the next hour and not yet breached, soonest first; answered tickets use the resolution clock', () => {
    const index = indexOf(
      ticket('first-30', { firstResponseAt: null, sla: running(30, 300) }),
      ticket('first-90', { firstResponseAt: null, sla: running(90, 300) }),
      ticket('first-60', { firstResponseAt: null, sla: running(60, 300) }),
      // Answered: the first-response due time (met) no longer matters; resolution falls due in 45 minutes.
      ticket('answered', { firstResponseAt: NOW - 10 * MINUTE, sla: running(10, 45) }),
      ticket('answered-later', { firstResponseAt: NOW - 10 * MINUTE, sla: running(10, 120) }),
      // First response already breached: the resolution clock is the one still to be met.
      ticket('first-breached', { firstResponseAt: null, sla: running(-5, 50, { firstResponseBreachedAt: NOW - 5 * MINUTE }) }),
      ticket('both-breached', { firstResponseAt: NOW - MINUTE, sla: running(-20, -1, { resolutionBreachedAt: NOW - MINUTE }) }),
      // Due a minute ago, but the breach timer has not fired yet: it is about to breach.
      ticket('overdue', { firstResponseAt: null, sla: running(-1, 300) }),
    );
    expect(index.teamWork(L1, NOW).predictedBreaches.map(({ number: _number, ...breach }) => breach)).toEqual([
      { ticketId: 'overdue', dueAt: NOW - MINUTE, clock: 'first_response' },
      { ticketId: 'first-30', dueAt: NOW + 30 * MINUTE, clock: 'first_response' },
      { ticketId: 'answered', dueAt: NOW + 45 * MINUTE, clock: 'resolution' },
      { ticketId: 'first-breached', dueAt: NOW + 50 * MINUTE, clock: 'resolution' },
      { ticketId: 'first-60', dueAt: NOW + 60 * MINUTE, clock: 'first_response' },
    ]);
  });

  it('excludes paused clocks (Waiting, Hold), and moves with the clock it is given', () => {
    const paused = { ...running(10, 20), runningSince: null };
    const index = indexOf(
      ticket('waiting', { status: 'waiting_for_customer', firstResponseAt: null, sla: paused }),
      ticket('hold', { status: 'hold', firstResponseAt: null, sla: paused }),
      ticket('running', { firstResponseAt: null, sla: running(100, 300) }),
    );
    expect(index.teamWork(L1, NOW).predictedBreaches).toEqual([]);
    const later = index.teamWork(L1, NOW + 40 * MINUTE).predictedBreaches;
    expect(later.map((breach) => breach.ticketId)).toEqual(['running']);
    expect(later[0]?.number).toEqual(expect.any(Number));
  });
});
