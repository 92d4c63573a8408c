import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type SlaSettings } from '../../core';
import { ManualClock } from '../../server/clock';
import { listAuditEvents } from '../../server/store/audit-repository';
import { eventually } from '../support/eventually';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { createSocketPool } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-11-23T08:00:00Z');
/** These tests jump weeks ahead; sign-ins would expire on the way (as they should in real life). */
const LONG_SESSIONS = { TIERDESK_SESSION_TTL_HOURS: String(24 * 365) };

const read = async (server: TestServer, number: number) => (await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken })).body;
const patch = (server: TestServer, agent: SignedIn, number: number, body: unknown) => server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body });
const advance = async (server: TestServer, ms: number) => {
  const response = await server.api('POST', '/api/admin/clock/advance', { token: server.adminToken, body: { ms } });
  expect(response.status).toBe(200);
  return response.body as { now: number; fired: number };
};

/** Opens a ticket taken by `agent` and in progress. */
async function workedTicket(server: TestServer, agent: SignedIn, subject: string) {
  const created = await server.intake(subject);
  expect((await patch(server, agent, created.number, { assigneeId: agent.agent.id, status: 'in_progress' })).status).toBe(200);
  return created;
}

describe('lifecycle timers', () => {
  const clock = new ManualClock(START);
  const sockets = createSocketPool();
  let server: TestServer;
  let agent: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({ clock, env: LONG_SESSIONS });
    agent = await server.signIn({ name: 'Hana Holder' });
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('ends a Hold after 30 days: back In Progress, a system note, and the assignee is told', async () => {
    const ticket = await workedTicket(server, agent, 'Waiting for the new fiscal year');
    const socket = await sockets.connect(server.url, { token: agent.token, protocolVersion: PROTOCOL_VERSION });
    const told: unknown[] = [];
    socket.on('ticket:hold-ended', (notice) => told.push(notice));

    expect((await patch(server, agent, ticket.number, { status: 'hold' })).status).toBe(200);
    expect((await read(server, ticket.number)).holdUntil).toBe(clock.now() + 30 * DAY);
    await advance(server, 30 * DAY - 1);
    expect((await read(server, ticket.number)).status).toBe('hold');
    await advance(server, 1);
    const ended = await read(server, ticket.number);
    expect(ended).toMatchObject({ status: 'in_progress', holdUntil: null, slaState: 'running' });
    expect(ended.messages.at(-1)).toMatchObject({ kind: 'system', body: expect.stringContaining('hold ended') });
    await eventually('the assignee to be told', () => told.length === 1);
    expect(told[0]).toEqual({ ticketId: ticket.id, number: ticket.number, subject: 'Waiting for the new fiscal year' });
  });

  it('ends a Hold on the earlier date the agent chose, and refuses one past 30 days', async () => {
    const ticket = await workedTicket(server, agent, 'Customer on vacation');
    const tooLong = await patch(server, agent, ticket.number, { status: 'hold', holdUntil: clock.now() + 31 * DAY });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.code).toBe('hold_out_of_range');
    expect((await patch(server, agent, ticket.number, { status: 'hold', holdUntil: clock.now() + 2 * DAY })).status).toBe(200);
    await advance(server, 2 * DAY);
    expect((await read(server, ticket.number)).status).toBe('in_progress');
  });

  it('closes a Fixed ticket 48 hours later, unless the customer writes again first (a reopen)', async () => {
    const closing = await workedTicket(server, agent, 'Password reset');
    const reopening = await workedTicket(server, agent, 'Mail quota');
    await patch(server, agent, closing.number, { status: 'fixed' });
    await patch(server, agent, reopening.number, { status: 'fixed' });

    await advance(server, 47 * HOUR);
    const reply = await server.api('POST', `/api/tickets/${reopening.number}/customer-messages`, { body: { body: 'Still full!' }, headers: { 'x-access-key': reopening.accessKey } });
    expect(reply.body.status).toBe('in_progress');
    await advance(server, 1 * HOUR);
    const closed = await read(server, closing.number);
    expect(closed).toMatchObject({ status: 'closed', closedAt: clock.now(), slaState: 'met' });
    expect(await read(server, reopening.number)).toMatchObject({ status: 'in_progress', reopenCount: 1, fixedAt: null });

    // Closed is final: the customer's next message opens a new ticket linked to it.
    const followUp = await server.api('POST', `/api/tickets/${closing.number}/customer-messages`, { body: { body: 'It happened again' }, headers: { 'x-access-key': closing.accessKey } });
    expect(followUp.status).toBe(201);
    expect(followUp.body).toMatchObject({ status: 'new', followUpOf: closing.number });
    expect(followUp.body.number).not.toBe(closing.number);
    const opened = await read(server, followUp.body.number);
    expect(opened).toMatchObject({ followUpOf: closing.number, subject: 'Re: Password reset', requester: { email: 'customer@example.com' } });
    expect(opened.messages[0]).toMatchObject({ kind: 'customer', body: 'It happened again' });
    expect((await read(server, closing.number)).status).toBe('closed');
    // The new key follows the new ticket.
    const again = await server.api('POST', `/api/tickets/${followUp.body.number}/customer-messages`, { body: { body: 'Any news?' }, headers: { 'x-access-key': followUp.body.accessKey } });
    expect(again.status).toBe(201);
  });

  it('links a ticket canceled as a duplicate from the original\'s conversation', async () => {
    const original = await server.intake('Website down');
    const duplicate = await workedTicket(server, agent, 'Site not loading');
    // Conversations sort by time: the link comes a minute after the original's acknowledgement.
    clock.advance(60_000);
    expect((await patch(server, agent, duplicate.number, { status: 'canceled', duplicateOf: original.number })).status).toBe(200);
    const linked = await read(server, original.number);
    expect(linked.messages.at(-1)).toMatchObject({ kind: 'system', body: expect.stringContaining(`#${duplicate.number}`) });
  });

  it('offers the clock only to admins', async () => {
    expect((await server.api('POST', '/api/admin/clock/advance', { token: agent.token, body: { ms: 1000 } })).status).toBe(403);
    expect((await server.api('POST', '/api/admin/clock/advance', { token: server.adminToken, body: { ms: -5 } })).status).toBe(400);
  });
});

describe('the clock endpoint without TIERDESK_TEST_CLOCK', () => {
  it('does not exist', async () => {
    const server = await startTestServer();
    try {
      const response = await server.api('POST', '/api/admin/clock/advance', { token: server.adminToken, body: { ms: 1000 } });
      expect(response.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});

describe('durable timers', () => {
  it('fires a timer that fell due while the server was down, at start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-restart-'));
    try {
      const first = await startTestServer({ dataDir, clock: new ManualClock(START) });
      const agent = await first.signIn({ name: 'Restart Rita' });
      const ticket = await workedTicket(first, agent, 'Fixed before the outage');
      await patch(first, agent, ticket.number, { status: 'fixed' });
      await first.stop();

      const second = await startTestServer({ dataDir, clock: new ManualClock(START + 3 * DAY) });
      try {
        await eventually('the overdue auto-close to fire at start', async () => (await read(second, ticket.number)).status === 'closed');
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const postgresReason = await postgresUnavailableReason();
if (postgresReason) console.warn(`[skip] timers with two servers on PostgreSQL: ${postgresReason}`);

describe.skipIf(postgresReason !== null)('timers with two server processes on one PostgreSQL database', () => {
  let dropDatabase: () => Promise<void>;
  let servers: TestServer[] = [];
  const clocks = [new ManualClock(START), new ManualClock(START)];

  beforeAll(async () => {
    const database = await createScratchDatabase();
    dropDatabase = database.drop;
    servers = [await startTestServer({ databaseUrl: database.url, clock: clocks[0] }), await startTestServer({ databaseUrl: database.url, clock: clocks[1] })];
    // Both run the same business hours; 24/7 keeps the SLA timers out of this test's way.
    const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]));
    const settings: SlaSettings = { ...(await servers[0]!.api('GET', '/api/admin/sla', { token: servers[0]!.adminToken })).body, calendar: { timeZone: 'UTC', weeklyHours: allDay, holidays: [] } };
    expect((await servers[0]!.api('PUT', '/api/admin/sla', { token: servers[0]!.adminToken, body: settings })).status).toBe(200);
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await dropDatabase?.();
  });

  it('fires each due timer exactly once when both servers find it due at the same moment', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const agent = await one.signIn({ name: 'Twin Tom' });
    const tickets = await Promise.all(Array.from({ length: 10 }, (_, index) => workedTicket(index % 2 ? one : two, agent, `Twin ${index}`)));
    for (const ticket of tickets) await patch(one, agent, ticket.number, { status: 'fixed' });

    clocks.forEach((clock) => clock.advance(49 * HOUR));
    const fired = await Promise.all([one.app.scheduler.runDue(), two.app.scheduler.runDue(), one.app.scheduler.runDue(), two.app.scheduler.runDue()]);
    expect(fired.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(10);

    for (const ticket of tickets) {
      const closed = await read(one, ticket.number);
      expect(closed.status).toBe('closed');
      const events = await listAuditEvents(one.app.database.db, ticket.id);
      expect(events.filter((event) => event.type === 'ticket.closed')).toHaveLength(1);
    }
  });
});
