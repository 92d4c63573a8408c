import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, DEFAULT_SLA_SETTINGS, type Presence, type Role, type Ticket } from '../../../core';
import { makeTicket } from '../../../core/mutations/ticket.fixture';
import { ManualClock } from '../../clock';
import { insertAgent } from '../../store/agents-repository';
import { recordAuditEvent, type AuditEvent } from '../../store/audit-repository';
import { openDatabase, type Database } from '../../store/database';
import { insertGroup, replaceGroupMembers } from '../../store/groups-repository';
import { saveSlaSettings } from '../../store/settings-repository';
import { findTicketById, insertTicket, updateTicket } from '../../store/tickets-repository';
import type { CommittedChange } from '../../sync/change-feed';
import { agentView, scopeKey, scopeOf, snapshotFor } from './kpi-view';
import { LiveKpi } from './live-kpi';

/**
 * The live panel's rows and totals, over a real LiveKpi on a temporary SQLite database: the desk
 * (agents, groups, SLA zone) is stored the way the server stores it, and work arrives as the
 * committed changes the change feed delivers (ticket documents plus their audit events).
 */
const MINUTE = 60_000;
const ZONE = 'Europe/Warsaw';
// Monday 2 June 2025, 10:00 in Warsaw (UTC+2); the local day began at 22:00 UTC on 1 June.
const WARSAW_DAY_START = Date.UTC(2025, 5, 1, 22);
const MORNING = Date.UTC(2025, 5, 2, 8);

const GROUP_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const GROUP_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const ids = { anna: 'agent-anna', boris: 'agent-boris', bella: 'agent-bella', sam: 'supervisor-sam', ada: 'admin-ada', olga: 'agent-olga-gone' };

type Desk = { database: Database; live: LiveKpi; clock: ManualClock; presence: Map<string, Presence>; dir: string };
const opened: Desk[] = [];
afterEach(async () => {
  for (const desk of opened.splice(0)) {
    await desk.database.close();
    fs.rmSync(desk.dir, { recursive: true, force: true });
  }
});

/** A desk in Warsaw: Anna works groups A (capacity 5) and B (8), Boris A, Bella B; Sam supervises A; Ada is admin; Olga left. */
async function openDesk(now: number, seed: (database: Database) => Promise<void> = async () => undefined): Promise<Desk> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-kpi-view-'));
  const database = await openDatabase({ dataDir: dir, databaseUrl: null });
  const agent = (id: string, name: string, role: Role = 'agent', active = true) =>
    insertAgent(database.db, { id, email: `${id}@test.local`, name, role, level: 1, active }, 'not-a-hash', now);
  await agent(ids.anna, 'Anna');
  await agent(ids.boris, 'Boris');
  await agent(ids.bella, 'Bella');
  await agent(ids.sam, 'Sam', 'supervisor');
  await agent(ids.ada, 'Ada', 'admin');
  await agent(ids.olga, 'Olga', 'agent', false);
  await insertGroup(database.db, { id: GROUP_A, name: 'A', categories: [] }, now);
  await insertGroup(database.db, { id: GROUP_B, name: 'B', categories: [] }, now);
  const member = (agentId: string, capacity = 10) => ({ agentId, level: 1 as const, capacity });
  await replaceGroupMembers(database.db, GROUP_A, [member(ids.anna, 5), member(ids.boris), member(ids.sam), member(ids.olga)]);
  await replaceGroupMembers(database.db, GROUP_B, [member(ids.anna, 8), member(ids.bella)]);
  await saveSlaSettings(database.db, { ...DEFAULT_SLA_SETTINGS, calendar: { ...ALWAYS_OPEN, timeZone: ZONE } }, now);
  await seed(database);
  const clock = new ManualClock(now);
  const presence = new Map<string, Presence>();
  const live = new LiveKpi(database, clock, { presenceOf: (agentId) => presence.get(agentId) ?? 'offline' });
  await live.start();
  const desk = { database, live, clock, presence, dir };
  opened.push(desk);
  return desk;
}

/** A running SLA clock due days from now: no predicted breach unless a test says so. */
const calm: Ticket['sla'] = { ...makeTicket().sla, runningSince: MORNING, firstResponseDueAt: MORNING + 10 * 1_440 * MINUTE, resolutionDueAt: MORNING + 20 * 1_440 * MINUTE };
let nextNumber = 1;
const ticket = (id: string, overrides: Partial<Ticket> = {}): Ticket =>
  makeTicket({ id, number: nextNumber++, groupId: GROUP_A, level: 1, status: 'in_progress', assigneeId: ids.anna, createdAt: MORNING, sla: calm, version: 1, ...overrides });
const event = (type: string, ticketId: string, actorId: string | null, createdAt: number, data: Record<string, unknown> = {}): AuditEvent => ({
  ticketId,
  actorType: actorId ? 'agent' : 'customer',
  actorId,
  type,
  data,
  createdAt,
});

let seq = 1;
/** Writes the tickets and events as one committed change, and returns what the change feed would deliver. */
async function commit(database: Database, tickets: Ticket[], events: AuditEvent[]): Promise<CommittedChange> {
  const rows: CommittedChange['tickets'] = [];
  for (const doc of tickets) {
    const row = { doc, seq: seq++ };
    const stored = await findTicketById(database.db, doc.id);
    if (stored) await updateTicket(database.db, doc, row.seq, stored);
    else await insertTicket(database.db, doc, row.seq, 'key-hash');
    rows.push(row);
  }
  const audit: AuditEvent[] = [];
  for (const entry of events) audit.push(await recordAuditEvent(database.db, entry));
  return { tickets: rows, messages: [], losses: [], audit };
}
const applyAll = async (desk: Desk, tickets: Ticket[], events: AuditEvent[]) => desk.live.apply(await commit(desk.database, tickets, events));

const supervisorOfA = scopeOf({ role: 'supervisor', groupIds: [GROUP_A] });
const everything = scopeOf({ role: 'admin', groupIds: [] });

describe('scopes', () => {
  it('gives admins everything and supervisors the groups they are in, named the same for the same groups', () => {
    expect(everything).toEqual({ all: true });
    expect(scopeOf({ role: 'supervisor', groupIds: [GROUP_B, GROUP_A] })).toEqual({ all: false, groupIds: new Set([GROUP_A, GROUP_B]) });
    expect(scopeKey(scopeOf({ role: 'supervisor', groupIds: [GROUP_B, GROUP_A] }))).toBe(scopeKey(scopeOf({ role: 'supervisor', groupIds: [GROUP_A, GROUP_B] })));
    expect(scopeKey(everything)).not.toBe(scopeKey(supervisorOfA));
  });
});

describe('agent rows', () => {
  it('shows the active agents of the scope’s groups; supervisors and admins only while they hold open work', async () => {
    const desk = await openDesk(MORNING);
    const names = (scope = supervisorOfA) => snapshotFor(desk.live, scope).agents.map((agent) => agent.name);
    expect(names()).toEqual(['Anna', 'Boris']);
    expect(names(everything)).toEqual(['Anna', 'Bella', 'Boris']);

    await applyAll(desk, [ticket('sams', { assigneeId: ids.sam }), ticket('adas', { assigneeId: ids.ada, groupId: GROUP_B })], []);
    expect(names()).toEqual(['Anna', 'Boris', 'Sam']);
    // Ada is in no group: only a scope of everything shows her, and only while she holds a ticket.
    expect(names(everything)).toEqual(['Ada', 'Anna', 'Bella', 'Boris', 'Sam']);
    expect(agentView(desk.live, ids.olga, everything)).toBeNull();
  });

  it('shows the memberships of the scope and the largest capacity among them', async () => {
    const desk = await openDesk(MORNING);
    desk.presence.set(ids.anna, 'away');
    expect(agentView(desk.live, ids.anna, supervisorOfA)).toMatchObject({ capacity: 5, memberships: [{ groupId: GROUP_A, level: 1, capacity: 5 }], presence: 'away', role: 'agent' });
    expect(agentView(desk.live, ids.anna, everything)?.capacity).toBe(8);
    expect(agentView(desk.live, ids.bella, supervisorOfA)).toBeNull();
    expect(agentView(desk.live, ids.boris, everything)?.presence).toBe('offline');
  });

  it('has zeros and nulls, not made-up numbers, for an agent who did nothing today', async () => {
    const desk = await openDesk(MORNING);
    expect(agentView(desk.live, ids.boris, supervisorOfA)).toMatchObject({
      load: 0,
      openByStatus: { new: 0, in_progress: 0, waiting_for_customer: 0, hold: 0, fixed: 0 },
      assignedToday: 0,
      solvedToday: 0,
      firstResponseToday: { count: 0, medianMs: null, meanMs: null },
      resolutionToday: { count: 0, medianMs: null, meanMs: null },
      reopensToday: { part: 0, whole: 0, share: null },
      csatToday: { count: 0, average: null },
      slaBreachesToday: { part: 0, whole: 0, share: null },
    });
  });

  it('turns today’s events into the agent’s figures: assigned, first response, solves, reopens over distinct tickets, CSAT, breach share', async () => {
    const desk = await openDesk(MORNING);
    const t1 = ticket('t1', { firstResponseAt: MORNING + 20 * MINUTE, priority: 'high' });
    const t2 = ticket('t2', { sla: { ...makeTicket().sla, resolutionBreachedAt: MORNING + 50 * MINUTE } });
    await applyAll(desk, [t1, t2], [
      event('ticket.assigned', 't1', null, MORNING, { from: null, to: ids.anna, by: 'routing' }),
      event('ticket.assigned', 't2', ids.sam, MORNING, { from: null, to: ids.anna }),
      event('ticket.replied', 't1', ids.anna, MORNING + 20 * MINUTE),
    ]);
    expect(agentView(desk.live, ids.anna, supervisorOfA)).toMatchObject({ load: 3, assignedToday: 2, firstResponseToday: { count: 1, medianMs: 20 * MINUTE } });

    await applyAll(desk, [{ ...t1, status: 'fixed', version: 2 }], [event('ticket.status_changed', 't1', ids.anna, MORNING + 60 * MINUTE, { to: 'fixed' })]);
    await applyAll(desk, [{ ...t1, status: 'in_progress', version: 3 }], [event('ticket.customer_wrote', 't1', null, MORNING + 70 * MINUTE, { reopened: true })]);
    await applyAll(desk, [{ ...t1, status: 'fixed', version: 4 }], [event('ticket.status_changed', 't1', ids.anna, MORNING + 100 * MINUTE, { to: 'fixed' })]);
    await applyAll(desk, [{ ...t2, status: 'fixed', version: 2 }], [event('ticket.status_changed', 't2', ids.anna, MORNING + 120 * MINUTE, { to: 'fixed' })]);
    await applyAll(desk, [], [
      event('ticket.rated', 't1', null, MORNING + 130 * MINUTE, { score: 2, solvedBy: ids.anna }),
      event('ticket.rated', 't2', null, MORNING + 131 * MINUTE, { score: 4, solvedBy: ids.anna }),
      event('ticket.rated', 't1', null, MORNING + 132 * MINUTE, { score: 5, solvedBy: ids.anna }),
    ]);
    expect(agentView(desk.live, ids.anna, supervisorOfA)).toMatchObject({
      load: 0,
      openByStatus: { in_progress: 0, fixed: 2 },
      solvedToday: 3,
      resolutionToday: { count: 3, medianMs: 100 * MINUTE, meanMs: (60 + 100 + 120) / 3 * MINUTE },
      reopensToday: { part: 1, whole: 2, share: 0.5 },
      csatToday: { count: 2, average: 4.5 },
      slaBreachesToday: { part: 1, whole: 2, share: 0.5 },
    });
  });
});

describe('teams and totals', () => {
  it('shows only the scope’s groups, and totals them: backlog, queue, oldest wait, predicted breaches, incoming, solves, response times', async () => {
    const desk = await openDesk(MORNING);
    const soon = { ...makeTicket().sla, runningSince: MORNING, firstResponseDueAt: MORNING + 30 * MINUTE, resolutionDueAt: MORNING + 600 * MINUTE };
    const queued = (id: string, groupId: string, minutesAgo: number) => ticket(id, { groupId, status: 'new', assigneeId: null, createdAt: MORNING - minutesAgo * MINUTE, sla: soon });
    await applyAll(desk, [queued('qa', GROUP_A, 5), queued('qb', GROUP_B, 90), ticket('ra', { firstResponseAt: MORNING + 10 * MINUTE }), ticket('rb', { groupId: GROUP_B, firstResponseAt: MORNING + 30 * MINUTE })], [
      event('ticket.registered', 'qa', null, MORNING, { groupId: GROUP_A, level: 1, channel: 'email' }),
      event('ticket.registered', 'qb', null, MORNING, { groupId: GROUP_B, level: 1, channel: 'phone' }),
      event('ticket.replied', 'ra', ids.anna, MORNING + 10 * MINUTE),
      event('ticket.replied', 'rb', ids.bella, MORNING + 30 * MINUTE),
    ]);

    const ofA = snapshotFor(desk.live, supervisorOfA);
    expect(ofA).toMatchObject({ at: MORNING, dayStart: WARSAW_DAY_START, timeZone: ZONE });
    expect(ofA.teams.map((team) => team.groupId)).toEqual([GROUP_A]);
    expect(ofA.teams[0]).toMatchObject({ level: 1, unassigned: 1, oldestUnassignedSince: MORNING - 5 * MINUTE, backlogByStatus: { new: 1, in_progress: 1 } });
    // 10:00 in Warsaw is the day's eleventh hour.
    expect(ofA.teams[0]?.hours).toEqual([{ hourStart: WARSAW_DAY_START + 10 * 60 * MINUTE, incomingByChannel: { email: 1 }, solved: 0, selfSolved: 0, firstResponses: 1, firstResponseTotalMs: 10 * MINUTE }]);
    expect(ofA.team).toMatchObject({ unassigned: 1, predictedBreaches: 1, incomingToday: 1, firstResponseToday: { count: 1, medianMs: 10 * MINUTE } });
    expect(JSON.stringify(ofA)).not.toContain(GROUP_B);

    const all = snapshotFor(desk.live, everything);
    expect(all.teams.map((team) => team.groupId).sort()).toEqual([GROUP_A, GROUP_B].sort());
    expect(all.team).toMatchObject({
      backlogByStatus: { new: 2, in_progress: 2, waiting_for_customer: 0, hold: 0, fixed: 0 },
      unassigned: 2,
      oldestUnassignedSince: MORNING - 90 * MINUTE,
      predictedBreaches: 2,
      incomingToday: 2,
      solvedToday: 0,
      firstResponseToday: { count: 2, medianMs: 20 * MINUTE },
    });
  });
});

describe('LiveKpi over the day', () => {
  it('loads today (from local midnight in the desk’s zone, not UTC) and the open tickets at start', async () => {
    const desk = await openDesk(MORNING, async (database) => {
      const old = ticket('old', { createdAt: WARSAW_DAY_START - 120 * MINUTE });
      await commit(database, [old, ticket('early'), ticket('done', { status: 'closed' })], [
        // 23:30 on Sunday in Warsaw: yesterday.
        event('ticket.status_changed', 'done', ids.anna, WARSAW_DAY_START - 30 * MINUTE, { to: 'fixed' }),
        // 00:30 on Monday in Warsaw, still Sunday in UTC: today.
        event('ticket.registered', 'early', null, WARSAW_DAY_START + 30 * MINUTE, { groupId: GROUP_A, level: 1, channel: 'portal' }),
        event('ticket.assigned', 'early', null, WARSAW_DAY_START + 30 * MINUTE, { from: null, to: ids.anna, by: 'routing' }),
      ]);
    });
    expect(desk.live.dayStart).toBe(WARSAW_DAY_START);
    expect(desk.live.zone).toBe(ZONE);
    expect(agentView(desk.live, ids.anna, everything)).toMatchObject({ load: 2, assignedToday: 1, solvedToday: 0 });
    expect(snapshotFor(desk.live, everything).team.incomingToday).toBe(1);
  });

  it('folds each committed change once: a change delivered twice, or an older ticket version arriving late, changes nothing', async () => {
    const desk = await openDesk(MORNING);
    const change = await commit(desk.database, [ticket('t1', { version: 2 })], [event('ticket.assigned', 't1', null, MORNING, { from: null, to: ids.anna, by: 'routing' })]);
    desk.live.apply(change);
    expect(desk.live.takeDirt()).toMatchObject({ agents: new Set([ids.anna]), teams: new Set([`${GROUP_A}/1`]), reshaped: false });
    desk.live.apply(change);
    desk.live.apply({ tickets: [{ doc: ticket('t1', { assigneeId: ids.boris, version: 1 }), seq: 1 }], messages: [], losses: [], audit: [] });
    expect(agentView(desk.live, ids.anna, everything)).toMatchObject({ load: 1, assignedToday: 1 });
    expect(agentView(desk.live, ids.boris, everything)?.load).toBe(0);
  });

  it('starts a new day at local midnight in Warsaw: today’s tallies reset, open work stays', async () => {
    const lateEvening = Date.UTC(2025, 5, 2, 21, 30); // 23:30 in Warsaw
    const desk = await openDesk(lateEvening);
    await applyAll(desk, [ticket('t1', { status: 'fixed' }), ticket('t2')], [event('ticket.status_changed', 't1', ids.anna, lateEvening, { to: 'fixed' })]);
    desk.live.takeDirt();

    desk.clock.advance(30 * MINUTE - 1);
    expect(await desk.live.rollOverIfDue()).toBe(false);
    expect(agentView(desk.live, ids.anna, everything)?.solvedToday).toBe(1);

    desk.clock.advance(1); // 00:00 in Warsaw, 22:00 UTC
    expect(await desk.live.rollOverIfDue()).toBe(true);
    expect(desk.live.dayStart).toBe(Date.UTC(2025, 5, 2, 22));
    expect(agentView(desk.live, ids.anna, everything)).toMatchObject({ solvedToday: 0, load: 1, openByStatus: { fixed: 1, in_progress: 1 } });
    expect(desk.live.takeDirt().reshaped).toBe(true);
    expect(await desk.live.rollOverIfDue()).toBe(false);
  });

  it('handles the 23-hour day when Warsaw moves its clocks forward (30 March 2025)', async () => {
    const dstDayStart = Date.UTC(2025, 2, 29, 23); // 00:00 CET
    const desk = await openDesk(Date.UTC(2025, 2, 30, 12));
    expect(desk.live.dayStart).toBe(dstDayStart);

    const lastHour = Date.UTC(2025, 2, 30, 21, 30); // 23:30 CEST, the day's 23rd hour
    desk.clock.advance(lastHour - desk.clock.now());
    await applyAll(desk, [ticket('late', { createdAt: lastHour })], [event('ticket.registered', 'late', null, lastHour, { groupId: GROUP_A, level: 1, channel: 'email' })]);
    expect(snapshotFor(desk.live, everything).teams.find((team) => team.groupId === GROUP_A)?.hours.map((hour) => hour.hourStart)).toEqual([Date.UTC(2025, 2, 30, 21)]);

    desk.clock.advance(Date.UTC(2025, 2, 30, 22) - 1 - desk.clock.now());
    expect(await desk.live.rollOverIfDue()).toBe(false);
    desk.clock.advance(1);
    expect(await desk.live.rollOverIfDue()).toBe(true);
    expect(desk.live.dayStart).toBe(Date.UTC(2025, 2, 30, 22)); // 00:00 CEST: 23 hours after the last midnight
    expect(snapshotFor(desk.live, everything).team.incomingToday).toBe(0);
  });
});
