import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { request } from '../support/raw-socket';
import {
  adminPatch,
  assigneeOf,
  auditOf,
  createGroup,
  createAgentPool,
  createTeam,
  fixTicket,
  intake,
  listGroups,
  putMembers,
  readTicket,
  roundTrip,
  routedBy,
  tally,
  uniqueSuffix,
  type AgentPool,
  type AgentSocket,
  type Intaken,
} from '../support/routing-fixtures';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Automatic assignment with real agent consoles on the wire (raw socket.io clients): who gets a
 * new ticket, in what turn, within which limits, and who hears about it. Every scenario builds its
 * own group (routing-fixtures), so scenarios share the server but never each other's agents.
 */
describe('routing and assignment', () => {
  let server: TestServer;
  const pool = createAgentPool();
  const names = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => ({ name: `${prefix} ${index + 1}` }));

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  const intakeAll = async (take: (subject: string) => Promise<Intaken>, subjects: string[]) => {
    const taken: Intaken[] = [];
    for (const subject of subjects) taken.push(await take(subject));
    return taken;
  };
  const assigneesOf = (tickets: Intaken[]) => Promise.all(tickets.map((ticket) => assigneeOf(server, ticket)));
  const pushedIds = (agent: AgentSocket) => agent.pushes.map((push) => push.notice.ticketId);

  it('spreads 24 tickets 4 each over the 6 online L1 agents of a 12-member group, round robin; away, offline and L2 members get none', async () => {
    const team = await createTeam(server, [...names('Online', 6), ...names('Away', 2), ...names('Offline', 2), ...names('Second line', 2).map((member) => ({ ...member, level: 2 as const }))]);
    const [online, away, offline, secondLine] = [team.agents.slice(0, 6), team.agents.slice(6, 8), team.agents.slice(8, 10), team.agents.slice(10)];
    const sockets = [
      ...(await Promise.all([...online, ...secondLine].map((agent) => pool.connect(server, agent)))),
      ...(await Promise.all(away.map((agent) => pool.connect(server, agent, 'away')))),
    ];

    const tickets = await intakeAll(team.intake, Array.from({ length: 24 }, (_, index) => `Fair share ${index + 1}`));
    const assignees = await assigneesOf(tickets);

    const counts = tally(assignees);
    expect([...counts.keys()].sort()).toEqual(online.map((agent) => agent.agent.id).sort());
    expect([...counts.values()]).toEqual([4, 4, 4, 4, 4, 4]);
    // Round robin among equal loads: the first six go to six different agents, then the same order again.
    expect(new Set(assignees.slice(0, 6)).size).toBe(6);
    assignees.forEach((assignee, index) => expect(assignee).toBe(assignees[index % 6]));

    // Each push reaches the assignee's socket and no other: away and L2 sockets hear nothing.
    await eventually('all 24 pushes to arrive', () => sockets.reduce((sum, agent) => sum + agent.pushes.length, 0) === 24);
    await Promise.all(sockets.map((agent) => roundTrip(agent.socket)));
    for (const agent of sockets) {
      expect(pushedIds(agent).sort()).toEqual(tickets.filter((_ticket, index) => assignees[index] === agent.who.agent.id).map((ticket) => ticket.id).sort());
    }

    // The decision is on record: who was considered and why each one was or was not chosen.
    const [decision, ...more] = routedBy(await auditOf(server, tickets[0]!.id));
    expect(more).toEqual([]);
    const verdicts = new Map((decision!.data.considered as { agentId: string; verdict: string }[]).map((candidate) => [candidate.agentId, candidate.verdict]));
    expect(verdicts.get(assignees[0]!)).toBe('chosen');
    away.forEach((agent) => expect(verdicts.get(agent.agent.id)).toBe('away'));
    offline.forEach((agent) => expect(verdicts.get(agent.agent.id)).toBe('offline'));
    secondLine.forEach((agent) => expect(verdicts.has(agent.agent.id)).toBe(false));
    expect(decision!.data.reason).toMatch(/6 tied at that load, round robin/);
  });

  it('gives each new ticket to the least loaded agent, weighing open tickets by priority, with ties in turn', async () => {
    const team = await createTeam(server, names('Weighed', 3));
    await Promise.all(team.agents.map((agent) => pool.connect(server, agent)));
    const firstRound = await intakeAll(team.intake, ['First A', 'First B', 'First C']);
    const [heavy, medium, light] = await assigneesOf(firstRound);
    expect(new Set([heavy, medium, light]).size).toBe(3);
    // Loads become 3 (urgent), 2 (high) and 1 (normal).
    await adminPatch(server, firstRound[0]!.number, { priority: 'urgent' });
    await adminPatch(server, firstRound[1]!.number, { priority: 'high' });

    const next = await intakeAll(team.intake, ['Next 1', 'Next 2', 'Next 3', 'Next 4']);
    // 3/2/1 → the light one; 3/2/2 → medium (waited longer than light); 3/3/2 → light; 3/3/3 → heavy, who waited longest.
    expect(await assigneesOf(next)).toEqual([light, medium, light, heavy]);
  });

  it('respects capacity: a full agent gets nothing, work waits when all are full, and freed capacity takes the most urgent, then oldest, waiting ticket', async () => {
    const team = await createTeam(server, [
      { name: 'Small', capacity: 1 },
      { name: 'Large', capacity: 3 },
    ]);
    const [small, large] = await Promise.all(team.agents.map((agent) => pool.connect(server, agent)));
    const first = await intakeAll(team.intake, ['Cap 1', 'Cap 2', 'Cap 3', 'Cap 4']);
    const firstAssignees = await assigneesOf(first);
    expect(tally(firstAssignees)).toEqual(new Map([[small!.who.agent.id, 1], [large!.who.agent.id, 3]]));

    const [olderNormal, high, newerNormal] = await intakeAll(team.intake, ['Waits normal', 'Waits high', 'Waits normal too']);
    await adminPatch(server, high!.number, { priority: 'high' });
    expect(await assigneesOf([olderNormal!, high!, newerNormal!])).toEqual([null, null, null]);
    const waiting = (await auditOf(server, olderNormal!.id)).filter((event) => event.type === 'routing.waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.data.reason).toMatch(/2 at capacity/);

    // Small fixes their only ticket: the high one goes to them (most urgent first), the normals still wait.
    const smallTicket = first[firstAssignees.indexOf(small!.who.agent.id)]!;
    expect((await fixTicket(small!.socket, smallTicket.id)).map((outcome) => outcome.state)).toEqual(['applied', 'applied']);
    expect(await assigneesOf([olderNormal!, high!, newerNormal!])).toEqual([null, small!.who.agent.id, null]);

    // Large fixes one of theirs: the older normal ticket goes to them; the newer one waits on.
    const largeTicket = first[firstAssignees.indexOf(large!.who.agent.id)]!;
    await fixTicket(large!.socket, largeTicket.id);
    expect(await assigneesOf([olderNormal!, high!, newerNormal!])).toEqual([large!.who.agent.id, small!.who.agent.id, null]);
    await eventually('the freed agents to be told', () => pushedIds(small!).includes(high!.id) && pushedIds(large!).includes(olderNormal!.id));

    // An admin raises Large's capacity: the last waiting ticket goes to them at once.
    await putMembers(server, team.groupId, [
      { agentId: small!.who.agent.id, level: 1, capacity: 1 },
      { agentId: large!.who.agent.id, level: 1, capacity: 4 },
    ]);
    expect(await assigneeOf(server, newerNormal!)).toBe(large!.who.agent.id);
  });

  it('hands the waiting tickets of their group, most urgent first, to an agent who connects', async () => {
    const team = await createTeam(server, [{ name: 'Latecomer' }]);
    const [low, olderNormal, newerNormal, urgent, high] = await intakeAll(team.intake, ['Low', 'Older normal', 'Newer normal', 'Urgent', 'High']);
    await adminPatch(server, low!.number, { priority: 'low' });
    await adminPatch(server, urgent!.number, { priority: 'urgent' });
    await adminPatch(server, high!.number, { priority: 'high' });
    expect(await assigneesOf([low!, olderNormal!, newerNormal!, urgent!, high!])).toEqual([null, null, null, null, null]);

    const latecomer = await pool.connect(server, team.agents[0]!);
    await eventually('the five waiting tickets to be pushed', () => latecomer.pushes.length === 5);
    expect(pushedIds(latecomer)).toEqual([urgent!.id, high!.id, olderNormal!.id, newerNormal!.id, low!.id]);
    expect(await assigneesOf([low!, olderNormal!, newerNormal!, urgent!, high!])).toEqual(Array(5).fill(latecomer.who.agent.id));
  });

  it('keeps work from an away agent and hands it over when they set themselves online', async () => {
    const team = await createTeam(server, [{ name: 'Coffee break' }]);
    const agent = await pool.connect(server, team.agents[0]!, 'away');
    const [normal, urgent] = await intakeAll(team.intake, ['While away', 'Urgent while away']);
    await adminPatch(server, urgent!.number, { priority: 'urgent' });
    await roundTrip(agent.socket);
    expect(agent.pushes).toEqual([]);
    expect(await assigneesOf([normal!, urgent!])).toEqual([null, null]);

    expect(await request(agent.socket, 'presence:set', { state: 'online', manual: true })).toEqual({ ok: true, presence: 'online' });
    await eventually('both waiting tickets to be pushed', () => agent.pushes.length === 2);
    expect(pushedIds(agent)).toEqual([urgent!.id, normal!.id]);

    // Away again: new work waits once more.
    expect(await request(agent.socket, 'presence:set', { state: 'away', manual: true })).toEqual({ ok: true, presence: 'away' });
    const later = await team.intake('After the break');
    expect(await assigneeOf(server, later)).toBeNull();
  });

  it('assigns 30 simultaneous intakes exactly once each, 10 to each of 3 agents with capacity 10', () => simultaneousArrivals(server, pool));

  it('pushes exactly {ticketId, number, subject, priority, assignedAt} to the assignee alone, for routing and for a supervisor reassigning', async () => {
    const team = await createTeam(server, [{ name: 'Pushed' }, { name: 'Bystander' }, { name: 'Lead', role: 'supervisor' }]);
    const [pushed, bystander, lead] = [
      await pool.connect(server, team.agents[0]!),
      await pool.connect(server, team.agents[1]!, 'away'),
      await pool.connect(server, team.agents[2]!),
    ];
    const ticket = await team.intake('Push shape');
    const stored = await readTicket(server, ticket.number);
    expect(stored.assigneeId).toBe(pushed.who.agent.id);
    await eventually('the push to arrive', () => pushed.pushes.length === 1);
    expect(pushed.pushes[0]!.notice).toEqual({ ticketId: ticket.id, number: ticket.number, subject: 'Push shape', priority: 'normal', assignedAt: stored.assignedAt });

    // The supervisor hands it to the bystander (away does not matter for a manual assignment).
    const moved = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: lead.who.token, body: { assigneeId: bystander.who.agent.id } });
    expect(moved.body).toMatchObject({ assigneeId: bystander.who.agent.id, assignedBy: lead.who.agent.id });
    await eventually('the bystander to be told', () => bystander.pushes.length === 1);
    expect(bystander.pushes[0]!.notice).toEqual({ ticketId: ticket.id, number: ticket.number, subject: 'Push shape', priority: 'normal', assignedAt: moved.body.assignedAt });
    await Promise.all([pushed, bystander, lead].map((agent) => roundTrip(agent.socket)));
    expect(pushed.pushes).toHaveLength(1);
    expect(lead.pushes).toEqual([]);
  });

  it('routes by category: a group listing a tag or the ticket type gets those tickets, everything else goes to General', async () => {
    const suffix = uniqueSuffix();
    // Named to sort last: its "complaint" category must not draw other scenarios' tickets.
    const billingId = await createGroup(server, `zz Billing ${suffix}`, ['billing', 'complaint']);
    const [biller, generalist] = await Promise.all([server.signIn({ name: 'Biller' }), server.signIn({ name: 'Generalist' })]);
    await putMembers(server, billingId, [{ agentId: biller.agent.id, level: 1, capacity: 10 }]);
    const general = (await listGroups(server)).find((group) => group.name === 'General')!;
    await putMembers(server, general.id, general.members.filter((member) => member.agentId !== biller.agent.id));
    await Promise.all([pool.connect(server, biller), pool.connect(server, generalist)]);

    const cases = [
      { extra: { tags: ['billing'] }, group: billingId, assignee: biller.agent.id },
      { extra: { tags: ['Invoices', 'BILLING'] }, group: billingId, assignee: biller.agent.id },
      { extra: { type: 'complaint' }, group: billingId, assignee: biller.agent.id },
      { extra: { tags: ['printer'] }, group: general.id, assignee: generalist.agent.id },
      { extra: {}, group: general.id, assignee: generalist.agent.id },
    ];
    for (const [index, routingCase] of cases.entries()) {
      const ticket = await intake(server, `Category case ${index + 1}`, routingCase.extra);
      expect(await readTicket(server, ticket.number), JSON.stringify(routingCase.extra)).toMatchObject({ groupId: routingCase.group, level: 1, assigneeId: routingCase.assignee });
    }
  });
});

const postgresReason = await postgresUnavailableReason();
if (postgresReason) console.warn(`[skip] simultaneous arrivals on PostgreSQL: ${postgresReason}`);

describe.skipIf(postgresReason !== null)('routing simultaneous arrivals on PostgreSQL', () => {
  let server: TestServer;
  let drop: () => Promise<void>;
  const pool = createAgentPool();

  beforeAll(async () => {
    const database = await createScratchDatabase();
    drop = database.drop;
    server = await startTestServer({ databaseUrl: database.url, env: ROOMY_INTAKE_LIMITS });
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
    await drop?.();
  });

  it('assigns 30 simultaneous intakes exactly once each, 10 to each of 3 agents with capacity 10', () => simultaneousArrivals(server, pool));
});

/** Thirty requests at once over three agents: the write transactions serialise routing, so loads never go stale. */
async function simultaneousArrivals(server: TestServer, pool: AgentPool): Promise<void> {
  const team = await createTeam(server, [{ name: 'Rush 1' }, { name: 'Rush 2' }, { name: 'Rush 3' }]);
  const sockets = await Promise.all(team.agents.map((agent) => pool.connect(server, agent)));
  const tickets = await Promise.all(Array.from({ length: 30 }, (_, index) => team.intake(`Rush ${index + 1}`)));
  const assignees = await Promise.all(tickets.map((ticket) => assigneeOf(server, ticket)));
  expect([...tally(assignees).values()]).toEqual([10, 10, 10]);
  for (const ticket of tickets) {
    const events = await auditOf(server, ticket.id);
    expect(routedBy(events)).toHaveLength(1);
    expect(events.filter((event) => event.type === 'routing.waiting')).toEqual([]);
  }
  await eventually('30 pushes to arrive', () => sockets.every((agent) => agent.pushes.length === 10));
  sockets.forEach((agent) => expect(new Set(agent.pushes.map((push) => push.notice.ticketId)).size).toBe(10));
  // A 31st waits: everybody is at capacity.
  const overflow = await team.intake('Rush overflow');
  expect(await assigneeOf(server, overflow)).toBeNull();
}
