import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { eventually } from '../support/eventually';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { createSocketPool } from '../support/raw-socket';
import { REDIS_TEST_URL, redisUnavailableReason } from '../support/redis';
import { current, openTestDesk } from '../support/test-desk';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { startTestServer, type TestServer } from '../support/test-server';

const unavailable = (await postgresUnavailableReason()) ?? (await redisUnavailableReason());
if (unavailable) console.warn(`[skip] scale-out suite: ${unavailable}`);

/** Two server processes' worth of application on one PostgreSQL database and one Redis. */
describe.skipIf(unavailable !== null)('scale-out: two servers, one PostgreSQL, one Redis', () => {
  let first: TestServer;
  let second: TestServer;
  let dropDatabase: () => Promise<void>;
  const sockets = createSocketPool();

  beforeAll(async () => {
    const database = await createScratchDatabase();
    dropDatabase = database.drop;
    const env = { ...ROOMY_INTAKE_LIMITS, REDIS_URL: REDIS_TEST_URL, TIERDESK_REDIS_PREFIX: `tierdesk-test-${randomBytes(4).toString('hex')}` };
    first = await startTestServer({ databaseUrl: database.url, env });
    second = await startTestServer({ databaseUrl: database.url, env });
  });
  afterAll(async () => {
    sockets.closeAll();
    await first?.stop();
    await second?.stop();
    await dropDatabase?.();
  });

  it('a change committed through one server reaches a desk connected to the other, live', async () => {
    const agent = await first.signIn({ name: 'Across Servers' });
    const desk = await openTestDesk(first.url, agent);
    try {
      await eventually('the desk to connect', async () => (await current(desk.connection$)).status !== 'offline');
      const created = await second.intake('Arrived through the second server');
      await eventually('the ticket to reach the desk on the first server', async () => (await current(desk.ticket$(created.id)))?.subject === 'Arrived through the second server');

      // And the other way: the desk's change, applied by the first server, is read back on the second.
      await desk.record({ ticketId: created.id, type: 'take', payload: {} });
      await eventually('the second server to show the take', async () => (await second.api('GET', `/api/tickets/${created.number}`, { token: agent.token })).body.assigneeId === agent.agent.id);
    } finally {
      await desk.close();
    }
  });

  it('mail settings an admin changes on one server are in force on the other at once', async () => {
    const token = first.adminToken;
    expect((await first.api('PATCH', '/api/admin/mail', { token, body: { from: 'helpdesk@scale.test' } })).status).toBe(200);
    expect((await first.api('PUT', '/api/admin/mail/addresses/sales@scale.test', { token, body: { groupId: null } })).status).toBe(200);
    // The second process holds its own copy in memory: only the bus's reload brings the change.
    const seen = await eventually('the second server to reload the mail settings', async () => {
      const view = (await second.api('GET', '/api/admin/mail', { token })).body;
      return view.from === 'helpdesk@scale.test' && view.addresses.includes('sales@scale.test') ? view : undefined;
    });
    expect(seen).toMatchObject({ fromSource: 'console' });
    expect((await second.api('DELETE', '/api/admin/mail/addresses/sales@scale.test', { token })).status).toBe(200);
    await eventually('the first server to drop the address', async () => !(await first.api('GET', '/api/admin/mail', { token })).body.addresses.includes('sales@scale.test'));
  });

  it('signing out on one server ends the session\'s sockets on the other', async () => {
    const agent = await first.signIn({ name: 'Signs Out' });
    const socket = await sockets.connect(first.url, { token: agent.token, protocolVersion: PROTOCOL_VERSION });
    const ended = new Promise<{ reason: string }>((resolve) => socket.once('session:ended', resolve));
    expect((await second.api('POST', '/api/auth/logout', { token: agent.token })).status).toBe(204);
    expect(await ended).toEqual({ reason: 'signed_out' });
    await eventually('the socket to be disconnected', () => !socket.connected);
  });

  it('routes to an agent online on the other server: the push crosses over, presence and KPIs agree on both', async () => {
    const agent = await first.signIn({ name: 'Online On First' });
    const supervisor = await second.signIn({ name: 'Watching On Second', role: 'supervisor', level: 3 });
    const agentSocket = await sockets.connect(first.url, { token: agent.token, protocolVersion: PROTOCOL_VERSION });
    const supervisorSocket = await sockets.connect(second.url, { token: supervisor.token, protocolVersion: PROTOCOL_VERSION });

    // The second server learns over Redis that the agent is online on the first.
    await eventually('the second server to see the agent online', async () => {
      const listed = (await supervisorSocket.timeout(5_000).emitWithAck('presence:list', {})) as { agents: { agentId: string; presence: string }[] };
      return listed.agents.find((entry) => entry.agentId === agent.agent.id)?.presence === 'online';
    });
    const pushed = new Promise<{ ticketId: string }>((resolve) => agentSocket.once('ticket:assigned', resolve));
    const created = await second.intake('Registered on the second, worked on the first');
    expect((await pushed).ticketId).toBe(created.id);
    expect((await first.api('GET', `/api/tickets/${created.number}`, { token: agent.token })).body.assigneeId).toBe(agent.agent.id);

    // Both processes fold the change into their live KPIs.
    for (const server of [first, second]) {
      await eventually(`the KPIs on ${server === first ? 'the first' : 'the second'} server to show the load`, async () => {
        const live = await server.api('GET', '/api/kpi/live', { token: supervisor.token });
        return live.body.agents.find((row: { agentId: string; load: number }) => row.agentId === agent.agent.id)?.load === 1;
      });
    }
  });

  it('ticket numbers stay unique and sequential when both servers register at once', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).intake(`Concurrent ${index}`)),
    );
    const numbers = created.map((ticket) => ticket.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });
});
