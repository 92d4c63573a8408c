import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core';
import { eventually } from '../support/eventually';
import { assigneeOf, createAgentPool, createTeam } from '../support/routing-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A large backlog in one queue must not hide the tickets of another: each group/line queue is
 * served on its own. Here 230 L1 tickets wait (nobody at L1 is online) ahead of a few L2 tickets;
 * when the L2 agent comes online, the L2 tickets are theirs at once.
 */
describe('waiting queues are served one by one, whatever the backlog of another', () => {
  let server: TestServer;
  const pool = createAgentPool();

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  it('routes the L2 queue when its agent comes online, behind a 230-ticket L1 backlog', async () => {
    const team = await createTeam(server, [
      { name: 'Offline First Line', level: 1 },
      { name: 'Second Line', level: 2, capacity: 20 },
    ]);
    const [, secondLine] = team.agents;
    // Registered in-process (the same path as intake): HTTP would only make the backlog slower to build.
    for (let index = 0; index < 230; index++) {
      await server.app.tickets.register({ subject: `Backlog ${index}`, body: 'waiting', requester: { email: 'many@example.com' }, tags: [team.category] });
    }
    const secondLineTickets: Ticket[] = [];
    for (let index = 0; index < 3; index++) {
      const registered = await server.app.tickets.register({ subject: `Needs L2 ${index}`, body: 'expert please', requester: { email: 'expert@example.com' }, tags: [team.category] });
      expect((await server.api('PATCH', `/api/tickets/${registered.ticket.number}`, { token: server.adminToken, body: { level: 2 } })).status).toBe(200);
      secondLineTickets.push(registered.ticket);
    }

    const agent = await pool.connect(server, secondLine!);
    await eventually('the L2 tickets to be routed to the L2 agent', async () => {
      const holders = await Promise.all(secondLineTickets.map((ticket) => assigneeOf(server, ticket)));
      return holders.every((holder) => holder === secondLine!.agent.id);
    });
    await eventually('their pushes', () => agent.pushes.length === 3);
    expect(new Set(agent.pushes.map((push) => push.notice.ticketId))).toEqual(new Set(secondLineTickets.map((ticket) => ticket.id)));
  });
});
