import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, ticketHttp } from '../support/http-expectations';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server';

/**
 * The HTTP contract as a caller sees it: status codes, bodies, and what a later read shows.
 * One real server (SQLite in a temp folder) for the whole file; tests make their own tickets and
 * agents, except the first, which owns the fresh ticket counter.
 */
describe('HTTP API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const { read, patch, customerWrites } = ticketHttp(() => server);

  describe('intake (public)', () => {
    // Must stay the first test of the file: it relies on the fresh server's counter.
    it('numbers tickets from 1001 in sequence and answers with an access key', async () => {
      const first = await server.api('POST', '/api/tickets', {
        body: { subject: 'Printer on fire', body: 'Smoke everywhere', requester: { email: 'first@example.com', name: 'Fay' } },
      });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), number: 1001, status: 'new', accessKey: expect.any(String) });
      expect(first.body.accessKey.length).toBeGreaterThanOrEqual(32);

      const second = await server.api('POST', '/api/tickets', {
        body: { subject: 'Cannot log in', body: 'Password refused', requester: { email: 'second@example.com' }, channel: 'email' },
      });
      expect(second.status).toBe(201);
      expect(second.body.number).toBe(1002);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.accessKey).not.toBe(first.body.accessKey);

      const stored = await read(1002);
      expect(stored).toMatchObject({ number: 1002, subject: 'Cannot log in', channel: 'email', status: 'new', assigneeId: null, version: 1 });
      expect(stored.messages).toEqual([
        expect.objectContaining({ kind: 'customer', body: 'Password refused', authorId: null }),
        expect.objectContaining({
          kind: 'auto_reply',
          authorId: null,
          authorName: 'Tierdesk',
          body: expect.stringMatching(/^We have received your request and registered it as ticket #1002\. An agent will answer by .+\.$/),
        }),
      ]);
    });

    it('hands out distinct consecutive numbers to concurrent requests', async () => {
      const before = (await server.intake('Probe before the burst')).number;
      const burst = await Promise.all(Array.from({ length: 12 }, (_, index) => server.intake(`Burst ${index}`)));
      const numbers = burst.map((ticket) => ticket.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, index) => before + 1 + index));
      expect((await server.intake('Probe after the burst')).number).toBe(before + 13);
    });

    it('ignores fields a requester may not set (status, number, assignee)', async () => {
      const next = (await server.intake('Probe')).number + 1;
      const created = await server.api('POST', '/api/tickets', {
        body: { subject: 'Sneaky', body: 'Please close yourself', requester: { email: 'x@example.com' }, status: 'closed', number: 5, assigneeId: null, priority: 'urgent' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ number: next, status: 'new' });
      expect(await read(next)).toMatchObject({ status: 'new', priority: 'normal', number: next });
    });
  });

  it('GET /api/health answers ok', async () => {
    const response = await server.api('GET', '/api/health');
    expect(response).toEqual({ status: 200, body: { ok: true } });
  });

  describe('sign-in and sign-out', () => {
    it('signs in with email and password and returns a token and the agent profile, without secrets', async () => {
      const response = await server.api('POST', '/api/auth/login', { body: ADMIN });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        token: expect.any(String),
        agent: { id: expect.any(String), name: 'Administrator', email: ADMIN.email, role: 'admin', level: 3 },
        passwordChangeRequired: false,
        secondFactorSetupRequired: false,
      });
      expect(JSON.stringify(response.body)).not.toMatch(/hash|argon/i);
      // The token works.
      expect((await server.api('GET', '/api/agents', { token: response.body.token })).status).toBe(200);
    });

    it('treats the email case- and space-insensitively', async () => {
      const response = await server.api('POST', '/api/auth/login', { body: { email: `  ${ADMIN.email.toUpperCase()} `, password: ADMIN.password } });
      expect(response.status).toBe(200);
      expect(response.body.agent.email).toBe(ADMIN.email);
    });

    it('answers 401 alike for an unknown email and a wrong password', async () => {
      const unknown = await server.api('POST', '/api/auth/login', { body: { email: 'nobody@test.local', password: 'whatever-1' } });
      const wrong = await server.api('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'not-the-password' } });
      expectError(unknown, 401);
      expectError(wrong, 401);
      expect(unknown.body).toEqual(wrong.body);
    });

    it('answers 400 to a malformed sign-in', async () => {
      expectError(await server.api('POST', '/api/auth/login', { body: { email: ADMIN.email } }), 400);
      expectError(await server.api('POST', '/api/auth/login', { body: '{"email":' }), 400);
    });

    // The login throttle (per account and per source address) has its own suite: login-throttle.test.ts.

    it('signs out with 204 and revokes only that token', async () => {
      const agent = await server.signIn({ name: 'Leaving Lea' });
      const secondSession = await server.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password } });
      expect(secondSession.status).toBe(200);
      expect((await server.api('GET', '/api/tickets/1001', { token: agent.token })).status).toBe(200);

      const logout = await server.api('POST', '/api/auth/logout', { token: agent.token });
      expect(logout.status).toBe(204);
      expect(logout.body).toBeNull();

      expectError(await server.api('GET', '/api/tickets/1001', { token: agent.token }), 401);
      expectError(await server.api('POST', '/api/auth/logout', { token: agent.token }), 401);
      expect((await server.api('GET', '/api/tickets/1001', { token: secondSession.body.token })).status).toBe(200);
    });

    it('answers 401 to sign-out without a token', async () => {
      expectError(await server.api('POST', '/api/auth/logout'), 401);
    });
  });

  describe('agents (admin)', () => {
    it('lets an admin create an agent who can then sign in', async () => {
      const email = `new.agent.${Date.now()}@test.local`;
      const created = await server.api('POST', '/api/agents', {
        token: server.adminToken,
        body: { email, name: 'Nina New', password: 'nina-new-lantern-7', role: 'agent', level: 2 },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

      const login = await server.api('POST', '/api/auth/login', { body: { email, password: 'nina-new-lantern-7' } });
      expect(login.status).toBe(200);
      expect(login.body.agent).toEqual({ id: created.body.id, name: 'Nina New', email, role: 'agent', level: 2 });

      const list = await server.api('GET', '/api/agents', { token: server.adminToken });
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual(expect.objectContaining({ id: created.body.id, email, name: 'Nina New', role: 'agent', level: 2, active: true }));
      expect(JSON.stringify(list.body)).not.toMatch(/password|hash/i);
    });

    it('refuses a duplicate email with 409, whatever its case, and keeps one agent', async () => {
      const email = `dupe.${Date.now()}@test.local`;
      const profile = { email, name: 'Dee Dupe', password: 'dee-dupe-harbor-3', role: 'agent', level: 1 };
      expect((await server.api('POST', '/api/agents', { token: server.adminToken, body: profile })).status).toBe(201);
      expectError(await server.api('POST', '/api/agents', { token: server.adminToken, body: profile }), 409);
      expectError(await server.api('POST', '/api/agents', { token: server.adminToken, body: { ...profile, email: email.toUpperCase(), name: 'Other' } }), 409);
      const list = await server.api('GET', '/api/agents', { token: server.adminToken });
      expect(list.body.filter((agent: { email: string }) => agent.email === email)).toHaveLength(1);
    });

    it('answers 409 (not 500) to the same new agent created twice at the same time, and keeps one', async () => {
      const email = `twice.${Date.now()}@test.local`;
      const profile = { email, name: 'Tina Twice', password: 'tina-twice-meadow-5', role: 'agent', level: 1 };
      const responses = await Promise.all([1, 2, 3].map(() => server.api('POST', '/api/agents', { token: server.adminToken, body: profile })));
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409]);
      for (const response of responses.filter((response) => response.status !== 201)) expectError(response, 409);
      const list = await server.api('GET', '/api/agents', { token: server.adminToken });
      expect(list.body.filter((agent: { email: string }) => agent.email === email)).toHaveLength(1);
    });

    it('lets only admins create agents and only supervisors and admins list them', async () => {
      const agent = await server.signIn({ name: 'Plain Pat', role: 'agent' });
      const supervisor = await server.signIn({ name: 'Super Sue', role: 'supervisor' });
      const profile = { email: `blocked.${Date.now()}@test.local`, name: 'Never Made', password: 'never-made-orchid-9', role: 'admin', level: 3 };

      expectError(await server.api('POST', '/api/agents', { body: profile }), 401);
      expectError(await server.api('POST', '/api/agents', { token: 'not-a-real-token', body: profile }), 401);
      expectError(await server.api('POST', '/api/agents', { token: agent.token, body: profile }), 403);
      expectError(await server.api('POST', '/api/agents', { token: supervisor.token, body: profile }), 403);

      expectError(await server.api('GET', '/api/agents'), 401);
      expectError(await server.api('GET', '/api/agents', { token: agent.token }), 403);
      const bySupervisor = await server.api('GET', '/api/agents', { token: supervisor.token });
      expect(bySupervisor.status).toBe(200);
      expect(bySupervisor.body.map((entry: { email: string }) => entry.email)).toEqual(expect.arrayContaining([agent.agent.email, supervisor.agent.email, ADMIN.email]));
      expect(bySupervisor.body.some((entry: { email: string }) => entry.email === profile.email)).toBe(false);
    });
  });

  describe('customer messages', () => {
    it('accepts a message with the ticket\'s access key and shows it in the conversation', async () => {
      const ticket = await server.intake('Where is my order?');
      const response = await customerWrites(ticket.number, ticket.accessKey, { body: 'Any news?' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ number: ticket.number, status: 'new' });
      const stored = await read(ticket.number);
      expect(stored.version).toBe(2);
      expect(stored.messages.map((message: { kind: string; body: string; authorId: string | null }) => [message.kind, message.body, message.authorId])).toEqual([
        ['customer', 'Something is broken', null],
        ['auto_reply', expect.stringContaining(`ticket #${ticket.number}.`), null],
        ['customer', 'Any news?', null],
      ]);
    });

    it('answers 401 without a key, and one identical 404 for another ticket\'s key, a guessed key and an unknown ticket, and stores nothing', async () => {
      const ticket = await server.intake('Key checks');
      const other = await server.intake('Other ticket');
      const before = await read(ticket.number);
      expectError(await customerWrites(ticket.number, undefined, { body: 'no key' }), 401);
      expectError(await customerWrites(ticket.number, '', { body: 'empty key' }), 401);
      const wrongKey = await customerWrites(ticket.number, other.accessKey, { body: 'wrong key' });
      const guessed = await customerWrites(ticket.number, 'guessed-key', { body: 'guessed key' });
      const unknown = await customerWrites(999_999, ticket.accessKey, { body: 'nowhere' });
      expectError(unknown, 404);
      expect(wrongKey).toEqual(unknown);
      expect(guessed).toEqual(unknown);
      const stored = await read(ticket.number);
      expect(stored.version).toBe(1);
      expect(stored.messages).toHaveLength(before.messages.length);
    });

    it('puts a ticket waiting for the customer back in progress', async () => {
      const agent = await server.signIn({ name: 'Wendy Waits' });
      const ticket = await server.intake('Need more info');
      expect((await patch(ticket.number, agent.token, { status: 'in_progress' })).status).toBe(200);
      expect((await patch(ticket.number, agent.token, { status: 'waiting_for_customer' })).status).toBe(200);
      expect((await customerWrites(ticket.number, ticket.accessKey, { body: 'Here is the info' })).body).toMatchObject({ status: 'in_progress' });
      expect(await read(ticket.number)).toMatchObject({ status: 'in_progress', reopenCount: 0, assigneeId: agent.agent.id });
    });

    it('reopens a fixed ticket and counts the reopen', async () => {
      const agent = await server.signIn({ name: 'Fixer Finn' });
      const ticket = await server.intake('Broken again?');
      expect((await patch(ticket.number, agent.token, { status: 'in_progress' })).status).toBe(200);
      const fixed = await patch(ticket.number, agent.token, { status: 'fixed' });
      expect(fixed.body).toMatchObject({ status: 'fixed', fixedAt: expect.any(Number) });
      const written = await customerWrites(ticket.number, ticket.accessKey, { body: 'Still broken' });
      expect(written.status).toBe(201);
      expect(await read(ticket.number)).toMatchObject({ status: 'in_progress', reopenCount: 1, fixedAt: null });
    });

    it('refuses a message on a canceled ticket with 409 and changes nothing', async () => {
      const agent = await server.signIn({ name: 'Cancel Cal' });
      const original = await server.intake('Original');
      const duplicate = await server.intake('Duplicate');
      expect((await patch(duplicate.number, agent.token, { status: 'canceled', duplicateOf: original.number })).status).toBe(200);
      const before = await read(duplicate.number);
      expectError(await customerWrites(duplicate.number, duplicate.accessKey, { body: 'Hello?' }), 409, /canceled/);
      const after = await read(duplicate.number);
      expect(after.version).toBe(before.version);
      expect(after.messages).toHaveLength(before.messages.length);
    });
  });


  it('answers unknown API routes with a JSON 404', async () => {
    expectError(await server.api('GET', '/api/nothing-here'), 404);
    expectError(await server.api('DELETE', '/api/tickets/1001', { token: server.adminToken }), 404);
  });
});

describe('GET /api/directory/agents', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists names, roles and levels to any signed-in agent, without emails, and refuses strangers', async () => {
    const agent = await server.signIn({ name: 'Directory Reader', level: 2 });
    const { status, body } = await server.api('GET', '/api/directory/agents', { token: agent.token });
    expect(status).toBe(200);
    expect(body).toContainEqual({ id: agent.agent.id, name: 'Directory Reader', role: 'agent', level: 2, active: true });
    expect(JSON.stringify(body)).not.toContain('@');
    expect((await server.api('GET', '/api/directory/agents')).status).toBe(401);
  });
});
