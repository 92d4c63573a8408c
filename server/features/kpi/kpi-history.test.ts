import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, DEFAULT_SLA_SETTINGS, MutationSchema, type Agent, type Channel, type KpiHistory, type Role } from '../../../core';
import { createApplication, type Application } from '../../app';
import { ManualClock } from '../../clock';
import { readConfig } from '../../config';
import { createLogger } from '../../logger';
import { insertAgent } from '../../store/agents-repository';
import { openDatabase, type Database } from '../../store/database';
import { insertGroup, replaceGroupMembers } from '../../store/groups-repository';
import { saveSlaSettings } from '../../store/settings-repository';
import { periodKpis } from './kpi-history';
import { scopeOf, type KpiScope } from './kpi-view';

/**
 * Any period's KPIs, replayed from the audit log of the real application (composition root, temporary
 * SQLite database): two days of work in Warsaw go through the ticket service (the path HTTP and
 * socket pushes take) and the lifecycle timers under a manual clock, then are replayed for
 * different periods, scopes and filters.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONE = 'Europe/Warsaw';
const DAY1 = Date.UTC(2025, 5, 1, 22); // Monday 2 June 2025, 00:00 in Warsaw (UTC+2)
const DAY2 = DAY1 + 24 * HOUR;
const DAY3 = DAY2 + 24 * HOUR;
const local = (day: number, hours: number, minutes = 0) => day + hours * HOUR + minutes * MINUTE;

const person = (name: string, role: Role = 'agent'): Agent => ({ id: randomUUID(), email: `${name.toLowerCase()}@test.local`, name, role, level: 1, active: true });
const [admin, anna, boris, bella, sam] = [person('Admin', 'admin'), person('Anna'), person('Boris'), person('Bella'), person('Sam', 'supervisor')];
const GROUP_A = randomUUID();
const GROUP_B = randomUUID();

describe('periodKpis: replaying the audit log', () => {
  const clock = new ManualClock(local(DAY1, 10));
  let dir: string;
  let database: Database;
  let app: Application;
  const tickets: Record<string, { id: string; number: number; accessKey: string }> = {};

  const advanceTo = async (instant: number) => {
    clock.advance(instant - clock.now());
    await app.scheduler.runDue();
  };
  const register = async (name: string, groupId: string, channel: Channel) => {
    const { ticket, accessKey } = await app.tickets.register({ subject: name, body: 'help', channel, requester: { email: 'cleo@example.com', name: 'Cleo' }, tags: [groupId === GROUP_A ? 'team-a' : 'team-b'] });
    tickets[name] = { id: ticket.id, number: ticket.number, accessKey };
  };
  const act = async (who: Agent, name: string, type: string, payload: Record<string, unknown>) => {
    const ticketId = tickets[name]!.id;
    const mutation = MutationSchema.parse({ id: randomUUID(), ticketId, createdAt: clock.now(), type, payload });
    const result = await app.tickets.applyAtomically(who, ticketId, [mutation]);
    if (!result.ok) throw new Error(`${type} on ${name} refused: ${result.rejection.message}`);
  };
  const assign = (name: string, who: Agent) => act(admin, name, 'assign', { assigneeId: who.id });
  const write = (who: Agent, name: string, kind: 'reply' | 'note' = 'reply') => act(who, name, kind, { body: 'Here is what to do' });
  const setStatus = (who: Agent, name: string, status: string, extra: Record<string, unknown> = {}) => act(who, name, 'setStatus', { status, ...extra });
  const customerWrites = async (name: string) => {
    const result = await app.tickets.addCustomerMessage(tickets[name]!.number, tickets[name]!.accessKey, 'It is back');
    if (typeof result === 'string' || !result.ok) throw new Error(`customer message on ${name} refused`);
  };
  const rate = async (name: string, score: number) => {
    const result = await app.tickets.rate(tickets[name]!.number, tickets[name]!.accessKey, { score });
    if (typeof result === 'string' || !result.ok) throw new Error(`rating of ${name} refused`);
  };

  const history = (scope: KpiScope, from: number, to: number, filters: { groupId?: string; level?: number } = {}): Promise<KpiHistory> =>
    periodKpis(database.db, scope, { from, to, ...filters }, ZONE);
  const everything = scopeOf({ role: 'admin', groupIds: [] });
  const row = (result: KpiHistory, who: Agent) => result.agents.find((agent) => agent.agentId === who.id);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-kpi-history-'));
    database = await openDatabase({ dataDir: dir, databaseUrl: null });
    for (const agent of [admin, anna, boris, bella, sam]) await insertAgent(database.db, agent, 'not-a-hash', clock.now());
    await insertGroup(database.db, { id: GROUP_A, name: 'A', categories: ['team-a'] }, clock.now());
    await insertGroup(database.db, { id: GROUP_B, name: 'B', categories: ['team-b'] }, clock.now());
    const member = (agent: Agent) => ({ agentId: agent.id, level: 1 as const, capacity: 10 });
    await replaceGroupMembers(database.db, GROUP_A, [anna, boris, sam].map(member));
    await replaceGroupMembers(database.db, GROUP_B, [bella].map(member));
    await saveSlaSettings(database.db, { ...DEFAULT_SLA_SETTINGS, calendar: { ...ALWAYS_OPEN, timeZone: ZONE } }, clock.now());
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', TIERDESK_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    app = await createApplication({ config, database, clock, logger: createLogger('silent') });

    // Monday 10:00. Nobody is online, so every assignment below is a supervisor's (here the admin's).
    await register('t1', GROUP_A, 'email');
    await register('t2', GROUP_A, 'portal');
    await register('t5', GROUP_A, 'phone');
    await assign('t1', anna);
    await assign('t2', boris);
    await assign('t5', anna);
    await advanceTo(local(DAY1, 10, 15));
    await write(anna, 't1', 'note');
    await advanceTo(local(DAY1, 10, 30));
    await write(anna, 't1'); // first response: 30 min
    await advanceTo(local(DAY1, 10, 40));
    await write(anna, 't1');
    await advanceTo(local(DAY1, 12));
    await setStatus(anna, 't1', 'fixed'); // 2 h
    await advanceTo(local(DAY1, 13));
    await customerWrites('t1'); // reopened
    // 14:00: Boris never answered t2; its 4-hour first-response target is breached now.
    await advanceTo(local(DAY1, 14));
    await setStatus(anna, 't1', 'fixed'); // 4 h
    await advanceTo(local(DAY1, 14, 30));
    await write(boris, 't2'); // 4.5 h
    await setStatus(boris, 't2', 'fixed'); // 4.5 h, breached
    await advanceTo(local(DAY1, 15));
    await rate('t1', 3);
    await rate('t2', 2);
    await advanceTo(local(DAY1, 15, 10));
    await rate('t1', 5); // replaces the 3
    await advanceTo(local(DAY1, 15, 30));
    await act(admin, 't5', 'setRouting', { groupId: GROUP_B, level: 1 }); // t5 now belongs to B

    // Monday 23:30: Bella takes t3 and puts it on hold until Tuesday 08:00 before answering.
    await advanceTo(local(DAY1, 23, 30));
    await register('t3', GROUP_B, 'messenger');
    await assign('t3', bella);
    await setStatus(bella, 't3', 'in_progress');
    await setStatus(bella, 't3', 'hold', { holdUntil: local(DAY2, 8) });
    // Tuesday 00:30 in Warsaw, still Monday in UTC.
    await advanceTo(local(DAY2, 0, 30));
    await register('t4', GROUP_A, 'api');
    await advanceTo(local(DAY2, 9)); // the hold ended at 08:00
    await write(bella, 't3'); // 9.5 h of wall-clock time, 8 h of it on hold
    await advanceTo(local(DAY2, 9, 30));
    await setStatus(bella, 't3', 'fixed'); // 10 h

    // Tuesday 10:00: t6 is solved without a reply, reopened, breaches its first response, solved again.
    await advanceTo(local(DAY2, 10));
    await register('t6', GROUP_A, 'email');
    await assign('t6', anna);
    await setStatus(anna, 't6', 'in_progress');
    await advanceTo(local(DAY2, 10, 20));
    await setStatus(anna, 't6', 'fixed'); // 20 min
    await advanceTo(local(DAY2, 14, 30));
    await customerWrites('t6'); // 3 h 40 min of its first-response target left: breached at 18:10
    await advanceTo(local(DAY2, 18, 30));
    await setStatus(anna, 't6', 'fixed'); // 8.5 h, breached
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives per-agent figures for the whole period: assignments, first responses, solves, reopens, CSAT, breaches', async () => {
    const result = await history(everything, DAY1, DAY3);
    expect(result).toMatchObject({ from: DAY1, to: DAY3, timeZone: ZONE });
    expect(row(result, anna)).toEqual({
      agentId: anna.id,
      name: 'Anna',
      assigned: 3,
      solved: 4,
      firstResponse: { count: 1, medianMs: 30 * MINUTE, meanMs: 30 * MINUTE },
      resolution: { count: 4, medianMs: 3 * HOUR, meanMs: (2 * HOUR + 4 * HOUR + 20 * MINUTE + 8.5 * HOUR) / 4 },
      reopens: { part: 2, whole: 2, share: 1 },
      csat: { count: 1, average: 5 },
      slaBreaches: { part: 1, whole: 2, share: 0.5 },
    });
    expect(row(result, boris)).toMatchObject({ assigned: 1, solved: 1, firstResponse: { medianMs: 4.5 * HOUR }, reopens: { part: 0, whole: 1 }, csat: { count: 1, average: 2 }, slaBreaches: { part: 1, whole: 1 } });
    // First response time is wall-clock time: the 8 hours on hold count.
    expect(row(result, bella)).toMatchObject({ assigned: 1, solved: 1, firstResponse: { medianMs: 9.5 * HOUR }, resolution: { medianMs: 10 * HOUR } });
    expect(row(result, admin)).toBeUndefined();
  });

  it('totals the team and splits incoming and solved by local day (Tuesday starts at 22:00 UTC on Monday)', async () => {
    const { team } = await history(everything, DAY1, DAY3);
    expect(team).toMatchObject({
      incoming: 6,
      incomingByChannel: { email: 2, portal: 1, phone: 1, messenger: 1, api: 1 },
      solved: 6,
      firstResponse: { count: 3, medianMs: 4.5 * HOUR },
      reopens: { part: 2, whole: 4, share: 0.5 },
      csat: { count: 2, average: 3.5 },
      slaBreaches: { part: 2, whole: 4, share: 0.5 },
    });
    expect(team.days).toEqual([
      { dayStart: DAY1, incoming: 4, solved: 3 },
      { dayStart: DAY2, incoming: 2, solved: 3 },
    ]);
  });

  it('counts tickets in the group they are in now, for a supervisor’s scope and for a group or line filter', async () => {
    const ofA = await history(scopeOf({ role: 'supervisor', groupIds: [GROUP_A] }), DAY1, DAY3);
    expect(ofA.team).toMatchObject({ incoming: 4, solved: 5 });
    expect(ofA.team.days).toEqual([
      { dayStart: DAY1, incoming: 2, solved: 3 },
      { dayStart: DAY2, incoming: 2, solved: 2 },
    ]);
    // t5 moved to B: its assignment no longer counts for A.
    expect(row(ofA, anna)?.assigned).toBe(2);
    expect(row(ofA, bella)).toBeUndefined();

    expect((await history(everything, DAY1, DAY3, { groupId: GROUP_B })).team).toMatchObject({ incoming: 2, incomingByChannel: { phone: 1, messenger: 1 }, solved: 1 });
    expect((await history(everything, DAY1, DAY3, { level: 2 })).team).toMatchObject({ incoming: 0, solved: 0 });
    expect((await history(everything, DAY1, DAY3, { level: 1 })).team.incoming).toBe(6);
  });

  it('lists every agent of the scope, with zeros when they did nothing in the period', async () => {
    const tuesday = await history(everything, DAY2, DAY3);
    expect(row(tuesday, boris)).toMatchObject({ assigned: 0, solved: 0, firstResponse: { count: 0, medianMs: null }, reopens: { share: null }, csat: { average: null } });
    expect(tuesday.team.days).toEqual([{ dayStart: DAY2, incoming: 2, solved: 3 }]);
  });

  it('counts a reopen only for a solve within the period', async () => {
    // From 12:30 to 14:30 on Monday: t1 was solved before (12:00), reopened at 13:00, solved again at 14:00.
    const result = await history(everything, local(DAY1, 12, 30), local(DAY1, 14, 30));
    expect(row(result, anna)).toMatchObject({ solved: 1, reopens: { part: 0, whole: 1 } });
    expect(row(result, boris)?.solved).toBe(0);
  });

  it('does not count a breach recorded after the solve, though the ticket carries it now', async () => {
    // t6's first solve (10:20 Tuesday) came before its breach (18:10).
    const result = await history(everything, DAY2, local(DAY2, 14));
    expect(row(result, anna)).toMatchObject({ solved: 1, slaBreaches: { part: 0, whole: 1 } });
  });

  it('counts one first response when two replies are recorded at the same clock reading', async () => {
    // Two replies committed at the same clock reading (the manual test/demo clock here; with the
    // system clock, two pushes of one outbox batch within a millisecond) both equal firstResponseAt.
    const start = clock.now();
    await register('twice', GROUP_A, 'email');
    await assign('twice', anna);
    await advanceTo(start + 5 * MINUTE);
    await write(anna, 'twice');
    await write(anna, 'twice');
    const result = await history(everything, start, start + HOUR);
    expect(row(result, anna)?.firstResponse).toEqual({ count: 1, medianMs: 5 * MINUTE, meanMs: 5 * MINUTE });
    expect(result.team.firstResponse.count).toBe(1);
  });
});
