import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, DEFAULT_SLA_SETTINGS, PROTOCOL_VERSION, type AgentLiveKpi, type HourBucket, type KpiLiveSnapshot, type KpiUpdate, type TeamLiveKpi, type TeamTotals } from '../../core';
import { ManualClock } from '../../server/clock';
import { eventually } from '../support/eventually';
import { createSocketPool, request } from '../support/raw-socket';
import { adminPatch, assigneeOf, auditOf, createAgentPool, createTeam, pushIntents, roundTrip, type AgentSocket, type Intaken, type Team } from '../support/routing-fixtures';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/** The live panel as a console keeps it: a snapshot, then deltas that replace agents and teams by key. */
class Panel {
  agents = new Map<string, AgentLiveKpi>();
  teams = new Map<string, TeamLiveKpi>();
  team: TeamTotals | null = null;
  /** Everything received, the subscription's own snapshot first: what this viewer was ever shown. */
  readonly received: unknown[] = [];
  private waiters: { holds: (panel: Panel) => boolean; resolve: (at: number) => void }[] = [];

  constructor(readonly socket: Socket) {
    socket.on('kpi:update', (update: KpiUpdate) => this.receive(update));
  }

  async subscribe(): Promise<KpiLiveSnapshot> {
    const answer = await request<{ ok: boolean; snapshot: KpiLiveSnapshot }>(this.socket, 'kpi:subscribe', {});
    if (!answer.ok) throw new Error('kpi:subscribe refused');
    this.load(answer.snapshot);
    return answer.snapshot;
  }

  agent = (id: string) => this.agents.get(id);
  teamOf = (groupId: string) => this.teams.get(`${groupId}/1`);

  /** Resolves with the arrival time of the first update from now on after which `holds` is true. */
  next(what: string, holds: (panel: Panel) => boolean, timeoutMs = 3_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no kpi:update showing ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ holds, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }

  private load(snapshot: KpiLiveSnapshot): void {
    this.received.push(snapshot);
    this.agents = new Map(snapshot.agents.map((agent) => [agent.agentId, agent]));
    this.teams = new Map(snapshot.teams.map((team) => [`${team.groupId}/${team.level}`, team]));
    this.team = snapshot.team;
  }

  private receive(update: KpiUpdate): void {
    const at = Date.now();
    if (update.kind === 'snapshot') this.load(update.snapshot);
    else {
      this.received.push(update);
      update.agents.forEach((agent) => this.agents.set(agent.agentId, agent));
      update.removedAgentIds.forEach((agentId) => this.agents.delete(agentId));
      update.teams.forEach((team) => this.teams.set(`${team.groupId}/${team.level}`, team));
      this.team = update.team;
    }
    this.waiters = this.waiters.filter((waiter) => !(waiter.holds(this) && (waiter.resolve(at), true)));
  }
}

/** Runs the action and asserts that every panel shows its expected change within one second of the action's completion. */
async function withinASecond(action: () => Promise<unknown>, expectations: [Panel, string, (panel: Panel) => boolean][]): Promise<void> {
  const arrivals = expectations.map(([panel, what, holds]) => panel.next(what, holds));
  await action();
  const done = Date.now();
  const arrived = await Promise.all(arrivals);
  arrived.forEach((at, index) => expect(at - done, `delay until ${expectations[index]?.[1]}`).toBeLessThan(1_000));
}

const incomingOf = (hour: HourBucket | undefined) => Object.values(hour?.incomingByChannel ?? {}).reduce((sum, count) => sum + (count ?? 0), 0);
/** Intakes in the team's hour buckets: all of today's, and those of the hour we are in. */
const incomingInBuckets = (team: TeamLiveKpi | undefined, now = Date.now()) => ({
  today: (team?.hours ?? []).reduce((sum, hour) => sum + incomingOf(hour), 0),
  thisHour: incomingOf(team?.hours.find((hour) => hour.hourStart <= now && now < hour.hourStart + 3_600_000)),
});

describe('live KPIs on a real server', () => {
  let server: TestServer;
  const sockets = createSocketPool();
  const consoles = createAgentPool();
  let teamA: Team, teamB: Team;
  let ann: SignedIn, sue: SignedIn, ben: SignedIn;
  let annConsole: AgentSocket;
  let supervisor: Panel, admin: Panel;
  let kpiUpdatesToAnn = 0;
  let solvedTicket: Intaken;

  const panelFor = async (token: string) => {
    const panel = new Panel(await sockets.connect(server.url, { token, protocolVersion: PROTOCOL_VERSION, presence: 'online' }));
    await panel.subscribe();
    return panel;
  };
  const annRow = () => supervisor.agent(ann.agent.id)!;
  /** The figures as they are now (GET /api/kpi/live reads the live state the change was just folded into): baselines that never lag. */
  const current = async () => {
    const snapshot = (await server.api('GET', '/api/kpi/live', { token: sue.token })).body as KpiLiveSnapshot;
    return { ann: snapshot.agents.find((agent) => agent.agentId === ann.agent.id)!, team: snapshot.team, teamA: snapshot.teams.find((team) => team.groupId === teamA.groupId) };
  };
  /** Ann's console pushes intents; every one of them must apply. */
  const annDoes = async (ticket: Intaken, ...intents: { type: string; payload: Record<string, unknown> }[]) => {
    const outcomes = await pushIntents(annConsole.socket, ticket.id, intents);
    expect(outcomes.map((outcome) => outcome.state)).toEqual(intents.map(() => 'applied'));
  };
  const startAndFix = (ticket: Intaken) => annDoes(ticket, { type: 'setStatus', payload: { status: 'in_progress' } }, { type: 'setStatus', payload: { status: 'fixed' } });
  const intakeForAnn = async (subject: string) => {
    const ticket = await teamA.intake(subject);
    expect(await assigneeOf(server, ticket)).toBe(ann.agent.id);
    return ticket;
  };

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
    teamA = await createTeam(server, [{ name: 'Ann Agent' }, { name: 'Sue Supervisor', role: 'supervisor' }]);
    teamB = await createTeam(server, [{ name: 'Ben Agent' }]);
    [ann, sue] = teamA.agents as [SignedIn, SignedIn];
    ben = teamB.agents[0]!;
    annConsole = await consoles.connect(server, ann);
    annConsole.socket.on('kpi:update', () => kpiUpdatesToAnn++);
    await consoles.connect(server, ben);
    supervisor = await panelFor(sue.token);
    admin = await panelFor(server.adminToken);
    // The panel learns of new agents and memberships asynchronously: a fresh snapshot follows.
    await eventually('Ann and Ben on the admin’s panel', () => admin.agent(ann.agent.id)?.presence === 'online' && admin.agent(ben.agent.id)?.presence === 'online');
    await eventually('Ann on the supervisor’s panel', () => supervisor.agent(ann.agent.id) !== undefined);
  });
  afterAll(async () => {
    sockets.closeAll();
    consoles.closeAll();
    await server?.stop();
  });

  it('a new intake raises the team’s incoming and the hour’s bucket; routing it to Ann raises her load and assignedToday, each within a second', async () => {
    const now = await current();
    const before = { load: now.ann.load, assigned: now.ann.assignedToday, incoming: now.team.incomingToday, buckets: incomingInBuckets(now.teamA).today };
    await withinASecond(() => intakeForAnn('Printer on fire'), [
      [supervisor, 'Ann’s load and assignedToday', () => annRow().load === before.load + 1 && annRow().assignedToday === before.assigned + 1],
      [supervisor, 'incomingToday', (panel) => panel.team?.incomingToday === before.incoming + 1],
      [supervisor, 'the hour bucket', (panel) => incomingInBuckets(panel.teamOf(teamA.groupId)).today === before.buckets + 1 && incomingInBuckets(panel.teamOf(teamA.groupId)).thisHour >= 1],
    ]);
  });

  it('Ann’s first public reply sets her first response within a second; a note and a second reply do not count', async () => {
    const ticket = await intakeForAnn('VPN drops');
    const now = await current();
    const before = { mine: now.ann.firstResponseToday.count, team: now.team.firstResponseToday.count };
    await annDoes(ticket, { type: 'note', payload: { body: 'Checking the logs' } });
    await withinASecond(() => annDoes(ticket, { type: 'reply', payload: { body: 'Please restart the client' } }), [
      [supervisor, 'Ann’s first response', () => annRow().firstResponseToday.count === before.mine + 1 && annRow().firstResponseToday.medianMs !== null],
      [supervisor, 'the team’s first response', (panel) => panel.team?.firstResponseToday.count === before.team + 1],
    ]);
    await annDoes(ticket, { type: 'reply', payload: { body: 'Anything else?' } });
    expect((await current()).ann.firstResponseToday.count).toBe(before.mine + 1);
  });

  it('setting Fixed raises solvedToday and takes the ticket out of the load within a second', async () => {
    solvedTicket = await intakeForAnn('Mailbox full');
    await annDoes(solvedTicket, { type: 'setStatus', payload: { status: 'in_progress' } });
    const now = await current();
    const before = { solved: now.ann.solvedToday, load: now.ann.load, fixed: now.ann.openByStatus.fixed, team: now.team.solvedToday };
    await withinASecond(() => annDoes(solvedTicket, { type: 'setStatus', payload: { status: 'fixed' } }), [
      [supervisor, 'solvedToday and the load', () => annRow().solvedToday === before.solved + 1 && annRow().load === before.load - 1 && annRow().openByStatus.fixed === before.fixed + 1],
      [supervisor, 'the team’s solvedToday', (panel) => panel.team?.solvedToday === before.team + 1],
    ]);
  });

  it('refuses KPIs to a plain agent, over the socket and over HTTP; without a token HTTP answers 401', async () => {
    expect(await request(annConsole.socket, 'kpi:subscribe', {})).toMatchObject({ ok: false, error: expect.stringContaining('forbidden') });
    expect((await server.api('GET', '/api/kpi/live', { token: ann.token })).status).toBe(403);
    expect((await server.api('GET', '/api/kpi/live')).status).toBe(401);
    expect((await server.api('GET', '/api/kpi/live', { token: 'not-a-token' })).status).toBe(401);
    // Work goes on; the supervisor hears of it, Ann's console never gets a kpi:update.
    const assigned = (await current()).ann.assignedToday;
    await withinASecond(() => intakeForAnn('Screen flickers'), [[supervisor, 'the new assignment', () => annRow().assignedToday === assigned + 1]]);
    await roundTrip(annConsole.socket);
    expect(kpiUpdatesToAnn).toBe(0);
  });

  it('a supervisor of group A sees neither group B nor its agents, in the snapshot or in deltas; the admin sees both', async () => {
    const benLoad = (await server.api('GET', '/api/kpi/live', { token: server.adminToken })).body.agents.find((agent: AgentLiveKpi) => agent.agentId === ben.agent.id).load;
    await withinASecond(() => teamB.intake('Billing question'), [
      [admin, 'Ben’s new load', (panel) => panel.agent(ben.agent.id)?.load === benLoad + 1],
      [admin, 'team B’s incoming', (panel) => incomingInBuckets(panel.teamOf(teamB.groupId)).today >= 1],
    ]);
    await roundTrip(supervisor.socket);
    expect([...admin.agents.keys()]).toEqual(expect.arrayContaining([ann.agent.id, ben.agent.id]));
    expect([...admin.teams.keys()]).toEqual(expect.arrayContaining([`${teamA.groupId}/1`, `${teamB.groupId}/1`]));
    expect([...supervisor.agents.keys()]).toEqual([ann.agent.id]);
    expect([...supervisor.teams.keys()]).toEqual([`${teamA.groupId}/1`]);
    expect(JSON.stringify(supervisor.received)).not.toContain(teamB.groupId);
    const deltas = supervisor.received.filter((update): update is Extract<KpiUpdate, { kind: 'delta' }> => (update as KpiUpdate).kind === 'delta');
    expect(deltas.flatMap((delta) => delta.agents.map((agent) => agent.agentId))).not.toContain(ben.agent.id);
    // Ben was never on this panel: naming him as "removed" tells a supervisor of A when B's agents work.
    expect(deltas.flatMap((delta) => delta.removedAgentIds)).not.toContain(ben.agent.id);
  });

  it('shows Ann away and then offline within a second, and online again when she reconnects', async () => {
    await withinASecond(() => request(annConsole.socket, 'presence:set', { state: 'away', manual: true }), [[supervisor, 'Ann away', () => annRow().presence === 'away']]);
    await withinASecond(async () => annConsole.socket.disconnect(), [[supervisor, 'Ann offline', () => annRow().presence === 'offline']]);
    await withinASecond(async () => (annConsole = await consoles.connect(server, ann)), [[supervisor, 'Ann online', () => annRow().presence === 'online']]);
  });

  it('a supervisor’s console that leaves out the optional handshake presence still connects and subscribes', async () => {
    // presence is optional in the handshake (a console that starts online need not say so).
    const socket = await sockets.connect(server.url, { token: sue.token, protocolVersion: PROTOCOL_VERSION });
    expect(await request(socket, 'kpi:subscribe', {})).toMatchObject({ ok: true });
    socket.disconnect();
  });

  it('the HTTP snapshot and the socket snapshot agree', async () => {
    for (const [panel, token] of [[supervisor, sue.token], [admin, server.adminToken]] as const) {
      const overHttp = await server.api('GET', '/api/kpi/live', { token });
      const overSocket = await panel.subscribe();
      expect(overHttp.status).toBe(200);
      expect({ ...overHttp.body, at: 0 }).toEqual({ ...overSocket, at: 0 });
    }
  });

  it('a supervisor who reconnects gets a snapshot with what changed while they were away', async () => {
    const { ann: before } = await current();
    supervisor.socket.disconnect();
    const ticket = await intakeForAnn('While you were out');
    await startAndFix(ticket);
    supervisor = await panelFor(sue.token);
    expect(annRow()).toMatchObject({ assignedToday: before.assignedToday + 1, solvedToday: before.solvedToday + 1 });
  });

  it('a rating of a Fixed ticket becomes the solver’s CSAT within a second, and a later rating replaces it', async () => {
    const rate = (body: unknown, key = solvedTicket.accessKey, number = solvedTicket.number) =>
      server.api('POST', `/api/tickets/${number}/rating`, { headers: { 'x-access-key': key }, body });
    let response: { status: number; body: unknown } = { status: 0, body: null };
    await withinASecond(async () => (response = await rate({ score: 4, comment: 'Quick and kind' })), [[supervisor, 'Ann’s CSAT', () => annRow().csatToday.average === 4]]);
    expect(response).toEqual({ status: 201, body: { number: solvedTicket.number, score: 4 } });
    await withinASecond(() => rate({ score: 2 }), [[supervisor, 'the replaced rating', () => annRow().csatToday.average === 2]]);
    expect(annRow().csatToday).toEqual({ count: 1, average: 2 });
  });

  it('refuses ratings of open tickets (409 not_solved), with a wrong key (404, as for an unknown ticket) or a bad body (400), and records none of them', async () => {
    const open = await intakeForAnn('Still open');
    const rate = (ticket: Intaken, body: unknown, key = ticket.accessKey) => server.api('POST', `/api/tickets/${ticket.number}/rating`, { headers: { 'x-access-key': key }, body });
    expect(await rate(open, { score: 5 })).toMatchObject({ status: 409, body: { code: 'not_solved' } });
    expect((await rate(solvedTicket, { score: 5 }, 'wrong-key')).status).toBe(404);
    expect((await server.api('POST', `/api/tickets/${solvedTicket.number}/rating`, { body: { score: 5 } })).status).toBe(401);
    for (const body of [{}, { score: 0 }, { score: 6 }, { score: 4.5 }, { score: '5' }, { score: 5, extra: true }, { score: 5, comment: 'x'.repeat(2_001) }, 'five']) {
      expect((await rate(solvedTicket, body)).status, JSON.stringify(body)).toBe(400);
    }
    const ratings = async (ticket: Intaken) => (await auditOf(server, ticket.id)).filter((event) => event.type === 'ticket.rated').length;
    expect(await ratings(open)).toBe(0);
    expect(await ratings(solvedTicket)).toBe(2);
    const live = await server.api('GET', '/api/kpi/live', { token: sue.token });
    expect(live.body.agents.find((agent: AgentLiveKpi) => agent.agentId === ann.agent.id).csatToday).toEqual({ count: 1, average: 2 });
  });
});

describe('KPI history over HTTP, in Warsaw, under a manual clock', () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY1 = Date.UTC(2025, 5, 1, 22); // Monday 2 June 2025, 00:00 in Warsaw
  const DAY2 = DAY1 + 24 * HOUR;
  const DAY3 = DAY2 + 24 * HOUR;
  const clock = new ManualClock(DAY1 + 10 * HOUR);
  let server: TestServer;
  let teamA: Team, teamB: Team;
  let hana: SignedIn, sid: SignedIn, hugo: SignedIn;

  const advanceTo = async (instant: number) => {
    const response = await server.api('POST', '/api/admin/clock/advance', { token: server.adminToken, body: { ms: instant - clock.now() } });
    expect(response.status).toBe(200);
  };
  const work = async (who: SignedIn, ticket: Intaken, replyAt: number, fixedAt: number) => {
    await adminPatch(server, ticket.number, { assigneeId: who.agent.id });
    await advanceTo(replyAt);
    expect((await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: who.token, body: { kind: 'reply', body: 'Done' } })).status).toBe(201);
    await advanceTo(fixedAt);
    expect((await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: who.token, body: { status: 'fixed' } })).status).toBe(200);
  };
  const history = (token: string, query: string) => server.api('GET', `/api/kpi/history?${query}`, { token });
  const rowOf = (body: { agents: { agentId: string }[] }, who: SignedIn) => body.agents.find((agent) => agent.agentId === who.agent.id);

  beforeAll(async () => {
    server = await startTestServer({ clock, env: ROOMY_INTAKE_LIMITS });
    const sla = await server.api('PUT', '/api/admin/sla', { token: server.adminToken, body: { ...DEFAULT_SLA_SETTINGS, calendar: { ...ALWAYS_OPEN, timeZone: 'Europe/Warsaw' } } });
    expect(sla.status).toBe(200);
    teamA = await createTeam(server, [{ name: 'Hana Agent' }, { name: 'Sid Supervisor', role: 'supervisor' }]);
    teamB = await createTeam(server, [{ name: 'Hugo Agent' }]);
    [hana, sid] = teamA.agents as [SignedIn, SignedIn];
    hugo = teamB.agents[0]!;
    // Monday 10:00: Hana answers in 20 minutes and solves in an hour; Hugo answers in 10 and solves in 30.
    await work(hana, await teamA.intake('Monday A'), DAY1 + 10 * HOUR + 20 * MINUTE, DAY1 + 11 * HOUR);
    await work(hugo, await teamB.intake('Monday B'), DAY1 + 11 * HOUR + 10 * MINUTE, DAY1 + 11 * HOUR + 30 * MINUTE);
    await advanceTo(DAY1 + 23 * HOUR + 30 * MINUTE);
    await teamA.intake('Monday night A'); // 23:30 in Warsaw: Monday
    // 00:30 in Warsaw: Tuesday, though still Monday in UTC (and it stays Monday in UTC to the end).
    await advanceTo(DAY2 + 30 * MINUTE);
    await work(hana, await teamA.intake('Tuesday A'), DAY2 + HOUR, DAY2 + HOUR + 45 * MINUTE);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives per-agent rows and team totals per local day for an admin', async () => {
    const response = await history(server.adminToken, `from=${DAY1}&to=${DAY3}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: DAY1, to: DAY3, timeZone: 'Europe/Warsaw' });
    expect(rowOf(response.body, hana)).toMatchObject({ name: 'Hana Agent', assigned: 2, solved: 2, firstResponse: { count: 2, medianMs: 25 * MINUTE }, resolution: { count: 2, medianMs: 67.5 * MINUTE } });
    expect(rowOf(response.body, hugo)).toMatchObject({ assigned: 1, solved: 1, firstResponse: { medianMs: 10 * MINUTE }, resolution: { medianMs: 30 * MINUTE } });
    expect(response.body.team).toMatchObject({ incoming: 4, solved: 3 });
    expect(response.body.team.days).toEqual([
      { dayStart: DAY1, incoming: 3, solved: 2 },
      { dayStart: DAY2, incoming: 1, solved: 1 },
    ]);
  });

  it('scopes a supervisor’s history to their groups, even when they ask for another group', async () => {
    const mine = await history(sid.token, `from=${DAY1}&to=${DAY3}`);
    expect(mine.status).toBe(200);
    expect(rowOf(mine.body, hugo)).toBeUndefined();
    expect(mine.body.team).toMatchObject({ incoming: 3, solved: 2 });
    expect(mine.body.team.days).toEqual([
      { dayStart: DAY1, incoming: 2, solved: 1 },
      { dayStart: DAY2, incoming: 1, solved: 1 },
    ]);
    const theirs = await history(sid.token, `from=${DAY1}&to=${DAY3}&groupId=${teamB.groupId}`);
    expect(theirs.body.team).toMatchObject({ incoming: 0, solved: 0 });
    expect(rowOf(theirs.body, hugo)).toBeUndefined();
    expect((await history(server.adminToken, `from=${DAY1}&to=${DAY3}&groupId=${teamB.groupId}`)).body.team).toMatchObject({ incoming: 1, solved: 1 });
  });

  it('refuses bad periods with 400, agents with 403 and strangers with 401', async () => {
    for (const query of [`from=${DAY2}&to=${DAY1}`, `from=${DAY1}&to=${DAY1}`, `from=${DAY1}&to=${DAY1 + 367 * 24 * HOUR}`, `to=${DAY2}`, `from=${DAY1}`, '', `from=monday&to=${DAY2}`, `from=${DAY1}&to=${DAY2}&level=4`, `from=${DAY1}&to=${DAY2}&groupId=nope`, `from=${DAY1}&to=${DAY2}&extra=1`]) {
      expect((await history(server.adminToken, query)).status, query).toBe(400);
    }
    expect((await history(hana.token, `from=${DAY1}&to=${DAY2}`)).status).toBe(403);
    expect((await server.api('GET', `/api/kpi/history?from=${DAY1}&to=${DAY2}`)).status).toBe(401);
  });

  it('the live panel’s “today” follows the desk’s time zone once an admin changes it', async () => {
    // The calendar was set to Warsaw after the server started. It is now Tuesday 01:45 in Warsaw
    // (Monday 23:45 UTC): Tuesday's figures started at 22:00 UTC.
    // The settings reach the live figures just after the PUT answered (over the cluster bus).
    const live = await eventually('the live figures to follow the new zone', async () => {
      const response = await server.api('GET', '/api/kpi/live', { token: server.adminToken });
      return response.body.timeZone === 'Europe/Warsaw' && response;
    });
    expect(live.body).toMatchObject({ timeZone: 'Europe/Warsaw', dayStart: DAY2 });
  });
});
