import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core';
import { makeTicket } from '../../../core/mutations/ticket.fixture';
import type { AuditEvent } from '../../store/audit-repository';
import { KpiTally, teamKey, type TicketFacts } from './kpi-tally';

/**
 * The KPI definitions on hand-made audit histories: each case is the log of a few tickets, folded
 * in order the way the live panel and the history replay fold them.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PERIOD_START = Date.UTC(2025, 5, 2); // a Monday, 00:00 UTC
const at = (minutes: number) => PERIOD_START + minutes * MINUTE;

const GROUP = 'group-support';
const TEAM = teamKey(GROUP, 1);
const [ANNA, BORIS, SAM] = ['anna', 'boris', 'sam-supervisor'];

const ticketAt = (id: string, createdMinute: number, overrides: Partial<Ticket> = {}): Ticket =>
  makeTicket({ id, groupId: GROUP, level: 1, createdAt: at(createdMinute), updatedAt: at(createdMinute), ...overrides });

/** Where a breach is on record (the time the breach timer fired). */
const breached = (ticket: Ticket, clock: 'firstResponse' | 'resolution', minute: number): Ticket => ({ ...ticket, sla: { ...ticket.sla, [`${clock}BreachedAt`]: at(minute) } });

let nextEventId = 1;
function event(type: string, ticketId: string, actorId: string | null, minute: number, data: Record<string, unknown> = {}): AuditEvent {
  return { id: nextEventId++, ticketId, actorType: actorId ? 'agent' : 'customer', actorId, type, data, createdAt: at(minute) };
}

/** Folds the history in order; each event with the ticket as the fold would see it. */
function foldAll(history: [AuditEvent, TicketFacts | undefined][]): KpiTally {
  const tally = new KpiTally(PERIOD_START);
  for (const [entry, ticket] of history) tally.fold(entry, ticket);
  return tally;
}

describe('KpiTally: assignments', () => {
  it('counts routing, a supervisor’s reassignment and a take for whoever receives the ticket, never for the supervisor', () => {
    const ticket = ticketAt('t1', 0);
    const tally = foldAll([
      [event('ticket.assigned', 't1', null, 1, { from: null, to: ANNA, by: 'routing' }), ticket],
      [event('ticket.assigned', 't1', SAM, 5, { from: ANNA, to: BORIS }), ticket],
      [event('ticket.taken', 't1', ANNA, 9, { from: BORIS, to: ANNA, status: 'in_progress' }), ticket],
    ]);
    expect(tally.agent(ANNA).assigned).toBe(2);
    expect(tally.agent(BORIS).assigned).toBe(1);
    expect(tally.agents.has(SAM)).toBe(false);
  });

  it('does not count taking one’s own ticket, assigning it to its holder again, or sending it back to the queue', () => {
    const ticket = ticketAt('t1', 0);
    const tally = foldAll([
      [event('ticket.assigned', 't1', null, 1, { from: null, to: ANNA, by: 'routing' }), ticket],
      [event('ticket.taken', 't1', ANNA, 2, { from: ANNA, to: ANNA, status: 'in_progress' }), ticket],
      [event('ticket.assigned', 't1', SAM, 3, { from: ANNA, to: ANNA }), ticket],
      [event('ticket.assigned', 't1', ANNA, 4, { from: ANNA, to: null }), ticket],
    ]);
    expect(tally.agent(ANNA).assigned).toBe(1);
  });
});

describe('KpiTally: first response', () => {
  it('counts only the first public reply, for the agent who wrote it (not the assignee); notes and later replies do not count', () => {
    // Anna holds it and leaves a note; Boris answers the customer first, 30 minutes after creation.
    const ticket = ticketAt('t1', 0, { assigneeId: ANNA, firstResponseAt: at(30) });
    const tally = foldAll([
      [event('ticket.registered', 't1', null, 0, { groupId: GROUP, level: 1, channel: 'email' }), ticket],
      [event('ticket.assigned', 't1', null, 0, { from: null, to: ANNA, by: 'routing' }), ticket],
      [event('ticket.noted', 't1', ANNA, 10, { messageId: 'note' }), ticket],
      [event('ticket.replied', 't1', BORIS, 30, { messageId: 'first' }), ticket],
      [event('ticket.replied', 't1', BORIS, 50, { messageId: 'second' }), ticket],
      [event('ticket.replied', 't1', ANNA, 70, { messageId: 'third' }), ticket],
    ]);
    expect(tally.agent(BORIS).firstResponsesMs).toEqual([30 * MINUTE]);
    expect(tally.agent(ANNA).firstResponsesMs).toEqual([]);
    expect(tally.team(TEAM).firstResponsesMs).toEqual([30 * MINUTE]);
    const bucket = tally.team(TEAM).hours.get(0);
    expect(bucket).toMatchObject({ firstResponses: 1, firstResponseTotalMs: 30 * MINUTE });
  });

  it('is wall-clock time: a Hold or Waiting pause before the answer still counts in full (unlike the SLA clock, which pauses)', () => {
    const ticket = ticketAt('t1', 0, { assigneeId: ANNA, firstResponseAt: at(90) });
    const tally = foldAll([
      [event('ticket.status_changed', 't1', ANNA, 5, { from: 'in_progress', to: 'hold' }), ticket],
      [event('ticket.hold_ended', 't1', null, 65, { from: 'hold', to: 'in_progress' }), ticket],
      [event('ticket.status_changed', 't1', ANNA, 70, { from: 'in_progress', to: 'waiting_for_customer' }), ticket],
      [event('ticket.customer_wrote', 't1', null, 80, { reopened: false, from: 'waiting_for_customer' }), ticket],
      [event('ticket.replied', 't1', ANNA, 90), ticket],
    ]);
    expect(tally.agent(ANNA).firstResponsesMs).toEqual([90 * MINUTE]);
  });

  it('counts a ticket created before the period from its creation, not from the period’s start', () => {
    const ticket = ticketAt('t1', -120, { firstResponseAt: at(15) });
    const tally = foldAll([[event('ticket.replied', 't1', ANNA, 15), ticket]]);
    expect(tally.agent(ANNA).firstResponsesMs).toEqual([135 * MINUTE]);
  });

  it('counts one first response per ticket even when two replies were recorded in the same millisecond', () => {
    // Two replies pushed in one outbox batch commit one after the other; the server stamps each with
    // clock.now(), which can repeat (a fast machine, or the manual test/demo clock). Both then equal
    // firstResponseAt, and the agent's first-response count and median would include the ticket twice.
    const ticket = ticketAt('t1', 0, { assigneeId: ANNA, firstResponseAt: at(20) });
    const tally = foldAll([
      [event('ticket.replied', 't1', ANNA, 20, { messageId: 'first' }), ticket],
      [event('ticket.replied', 't1', ANNA, 20, { messageId: 'second' }), ticket],
    ]);
    expect(tally.agent(ANNA).firstResponsesMs).toEqual([20 * MINUTE]);
    expect(tally.team(TEAM).firstResponsesMs).toEqual([20 * MINUTE]);
  });

  it('ignores replies whose ticket is unknown, and replies without an agent', () => {
    const ticket = ticketAt('t1', 0, { firstResponseAt: at(5) });
    const tally = foldAll([
      [event('ticket.replied', 't1', ANNA, 5), undefined],
      [event('ticket.replied', 't1', null, 5), ticket],
    ]);
    expect(tally.agents.size).toBe(0);
    expect(tally.teams.size).toBe(0);
  });
});

describe('KpiTally: solves, reopens and breaches', () => {
  it('credits the solve to whoever set Fixed, with the resolution time from the ticket’s creation', () => {
    const ticket = ticketAt('t1', 0, { assigneeId: ANNA });
    const tally = foldAll([
      [event('ticket.status_changed', 't1', ANNA, 10, { from: 'new', to: 'in_progress' }), ticket],
      [event('ticket.status_changed', 't1', SAM, 180, { from: 'in_progress', to: 'fixed' }), ticket],
    ]);
    expect(tally.agent(SAM)).toMatchObject({ solved: 1, resolutionsMs: [3 * HOUR] });
    expect(tally.agent(SAM).solvedTickets.get('t1')).toEqual({ breached: false });
    expect(tally.agents.has(ANNA)).toBe(false);
    expect(tally.team(TEAM)).toMatchObject({ solved: 1, resolutionsMs: [3 * HOUR] });
    expect(tally.team(TEAM).hours.get(3)?.solved).toBe(1);
  });

  it('a ticket solved, reopened by the customer and solved again: two solves, one distinct ticket, reopened once (1 of 1)', () => {
    const ticket = ticketAt('t1', 0, { assigneeId: ANNA });
    const tally = foldAll([
      [event('ticket.status_changed', 't1', ANNA, 60, { from: 'in_progress', to: 'fixed' }), ticket],
      [event('ticket.customer_wrote', 't1', null, 90, { reopened: true, from: 'fixed' }), ticket],
      [event('ticket.status_changed', 't1', ANNA, 150, { from: 'in_progress', to: 'fixed' }), ticket],
    ]);
    const anna = tally.agent(ANNA);
    expect(anna.solved).toBe(2);
    expect(anna.resolutionsMs).toEqual([60 * MINUTE, 150 * MINUTE]);
    expect([...anna.solvedTickets.keys()]).toEqual(['t1']);
    expect([...anna.reopened]).toEqual(['t1']);
    expect(tally.team(TEAM).solved).toBe(2);
  });

  it('counts a reopen for the last solver of the period; a customer answering a Waiting ticket is no reopen', () => {
    const first = ticketAt('t1', 0);
    const earlier = ticketAt('t2', -600);
    const waiting = ticketAt('t3', 0);
    const tally = foldAll([
      [event('ticket.status_changed', 't1', ANNA, 30, { from: 'in_progress', to: 'fixed' }), first],
      [event('ticket.customer_wrote', 't1', null, 40, { reopened: true, from: 'fixed' }), first],
      [event('ticket.status_changed', 't1', BORIS, 50, { from: 'in_progress', to: 'fixed' }), first],
      [event('ticket.customer_wrote', 't1', null, 60, { reopened: true, from: 'fixed' }), first],
      // Solved before the period: nobody solved it in the period, so nobody gets its reopen.
      [event('ticket.customer_wrote', 't2', null, 70, { reopened: true, from: 'fixed' }), earlier],
      [event('ticket.status_changed', 't3', ANNA, 80, { from: 'in_progress', to: 'waiting_for_customer' }), waiting],
      [event('ticket.customer_wrote', 't3', null, 90, { reopened: false, from: 'waiting_for_customer' }), waiting],
    ]);
    expect([...tally.agent(ANNA).reopened]).toEqual(['t1']);
    expect([...tally.agent(BORIS).reopened]).toEqual(['t1']);
    expect(tally.agents.size).toBe(2);
  });

  it('counts a solve as breached when a breach was on record at or before it, not when it was recorded later', () => {
    const tally = foldAll([
      [event('ticket.status_changed', 'before', ANNA, 300, { to: 'fixed' }), breached(ticketAt('before', 0), 'firstResponse', 240)],
      [event('ticket.status_changed', 'same', ANNA, 300, { to: 'fixed' }), breached(ticketAt('same', 0), 'resolution', 300)],
      // History replays with the ticket as it is now: a breach after a reopen must not taint the earlier solve.
      [event('ticket.status_changed', 'after', ANNA, 300, { to: 'fixed' }), breached(ticketAt('after', 0), 'resolution', 301)],
      [event('ticket.status_changed', 'clean', ANNA, 300, { to: 'fixed' }), ticketAt('clean', 0)],
    ]);
    const solves = Object.fromEntries(tally.agent(ANNA).solvedTickets);
    expect(solves).toEqual({ before: { breached: true }, same: { breached: true }, after: { breached: false }, clean: { breached: false } });
  });

  it('ignores status changes other than to Fixed, and solves without a known ticket', () => {
    const ticket = ticketAt('t1', 0);
    const tally = foldAll([
      [event('ticket.status_changed', 't1', ANNA, 10, { from: 'new', to: 'in_progress' }), ticket],
      [event('ticket.status_changed', 't1', ANNA, 20, { from: 'in_progress', to: 'canceled' }), ticket],
      [event('ticket.status_changed', 't2', ANNA, 30, { from: 'in_progress', to: 'fixed' }), undefined],
    ]);
    expect(tally.agents.size).toBe(0);
  });
});

describe('KpiTally: ratings', () => {
  it('keeps the latest rating per ticket, for the agent who solved it', () => {
    const tally = foldAll([
      [event('ticket.rated', 't1', null, 10, { score: 2, solvedBy: ANNA }), undefined],
      [event('ticket.rated', 't2', null, 20, { score: 4, solvedBy: ANNA }), undefined],
      [event('ticket.rated', 't1', null, 30, { score: 5, solvedBy: ANNA }), undefined],
      [event('ticket.rated', 't3', null, 40, { score: 1, solvedBy: null }), undefined],
    ]);
    expect(Object.fromEntries(tally.agent(ANNA).ratings)).toEqual({ t1: 5, t2: 4 });
    expect(tally.agents.size).toBe(1);
  });
});

describe('KpiTally: incoming and hour buckets', () => {
  it('counts incoming per team and channel, in the hour (since the period’s start) of registration', () => {
    const tally = foldAll([
      [event('ticket.registered', 't1', null, 5, { groupId: GROUP, level: 1, channel: 'email' }), undefined],
      [event('ticket.registered', 't2', null, 59, { groupId: GROUP, level: 1, channel: 'portal' }), undefined],
      [event('ticket.registered', 't3', null, 125, { groupId: GROUP, level: 1, channel: 'email' }), undefined],
      [event('ticket.registered', 't4', null, 130, { groupId: GROUP, level: 2, channel: 'phone' }), undefined],
      // An older event without placement falls back to the ticket.
      [event('ticket.registered', 't5', null, 140, {}), ticketAt('t5', 140, { channel: 'api' })],
    ]);
    const team = tally.team(TEAM);
    expect(team.incoming).toBe(4);
    expect(team.incomingByChannel).toEqual({ email: 2, portal: 1, api: 1 });
    expect([...team.hours.keys()].sort()).toEqual([0, 2]);
    expect(team.hours.get(0)).toEqual({ hourStart: PERIOD_START, incomingByChannel: { email: 1, portal: 1 }, solved: 0, selfSolved: 0, firstResponses: 0, firstResponseTotalMs: 0 });
    expect(team.hours.get(2)).toMatchObject({ hourStart: PERIOD_START + 2 * HOUR, incomingByChannel: { email: 1, api: 1 } });
    expect(tally.team(teamKey(GROUP, 2))).toMatchObject({ incoming: 1, incomingByChannel: { phone: 1 } });
  });

  it('reports which agents and teams an event changed, so that only they are re-sent', () => {
    const tally = new KpiTally(PERIOD_START);
    const ticket = ticketAt('t1', 0, { firstResponseAt: at(3) });
    expect(tally.fold(event('ticket.registered', 't1', null, 0, { groupId: GROUP, level: 1, channel: 'email' }), ticket)).toEqual({ agents: [], teams: [TEAM] });
    expect(tally.fold(event('ticket.assigned', 't1', null, 1, { from: null, to: ANNA }), ticket)).toEqual({ agents: [ANNA], teams: [] });
    expect(tally.fold(event('ticket.replied', 't1', BORIS, 3), ticket)).toEqual({ agents: [BORIS], teams: [TEAM] });
    expect(tally.fold(event('ticket.status_changed', 't1', BORIS, 4, { to: 'fixed' }), ticket)).toEqual({ agents: [BORIS], teams: [TEAM] });
    expect(tally.fold(event('ticket.customer_wrote', 't1', null, 5, { reopened: true }), ticket)).toEqual({ agents: [BORIS], teams: [] });
    expect(tally.fold(event('ticket.rated', 't1', null, 6, { score: 3, solvedBy: BORIS }), undefined)).toEqual({ agents: [BORIS], teams: [] });
    expect(tally.fold(event('ticket.noted', 't1', ANNA, 7), ticket)).toEqual({ agents: [], teams: [] });
  });
});

describe('KpiTally: self-service', () => {
  it('counts a customer’s own solve for the team and its hour, never as an agent’s solve', () => {
    const ticket = ticketAt('t1', 0);
    const tally = new KpiTally(PERIOD_START);
    tally.fold(event('ticket.status_changed', 't0', ANNA, 30, { to: 'fixed' }), ticketAt('t0', 0));
    expect(tally.fold(event('ticket.self_solved', 't1', null, 70, { from: 'new', articleId: 'a1' }), ticket)).toEqual({ agents: [], teams: [TEAM] });
    const team = tally.team(TEAM);
    expect(team).toMatchObject({ solved: 1, selfSolved: 1 });
    expect(team.hours.get(1)).toMatchObject({ solved: 0, selfSolved: 1 });
    expect(tally.agent(ANNA).solved).toBe(1);
  });
});
