import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { ADMIN, startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * Every endpoint against bad input: malformed JSON, wrong types, missing fields, extra fields
 * where the schema is strict, bad ticket numbers, bodies over the 1 MB limit. Each must be
 * answered with a 4xx and a non-empty `error`, and a follow-up read must show that nothing
 * changed: the next intake number, the target ticket's version and conversation, the agent list.
 */

type ApiResponse = Awaited<ReturnType<TestServer['api']>>;

type Case = {
  name: string;
  method?: string;
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** 'none' sends no Authorization header; otherwise the given token (default: the suite's). */
  token?: string | 'none';
  status: number;
};

const OVER_ONE_MEGABYTE = 'x'.repeat(1_100_000);
const TOO_LONG_MESSAGE = 'y'.repeat(20_001);

/** Bad bodies every JSON endpoint must refuse before reading them. */
const MALFORMED_BODIES: Case[] = [
  { name: 'truncated JSON', body: '{"a":', status: 400 },
  { name: 'not JSON at all', body: 'hello there', status: 400 },
  { name: 'an empty body with a JSON content type', body: '', status: 400 },
  { name: 'a prototype-poisoning key', body: '{"__proto__":{"admin":true}}', status: 400 },
  { name: 'JSON null', body: 'null', status: 400 },
  { name: 'a JSON array', body: '[]', status: 400 },
  { name: 'a JSON string', body: '"text"', status: 400 },
  { name: 'a body over 1 MB', body: JSON.stringify({ body: OVER_ONE_MEGABYTE, subject: OVER_ONE_MEGABYTE }), status: 413 },
];

describe('HTTP bad input', () => {
  let server: TestServer;
  let alice: SignedIn;
  let target: { id: string; number: number; accessKey: string };

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
    alice = await server.signIn({ name: 'Alice' });
    target = await server.intake('Target ticket', 'The customer wrote this');
    // Alice works the target, so it has an assignee, a reply and a version above 1.
    expect((await server.api('PATCH', `/api/tickets/${target.number}`, { token: alice.token, body: { status: 'in_progress' } })).status).toBe(200);
    expect((await server.api('POST', `/api/tickets/${target.number}/messages`, { token: alice.token, body: { kind: 'reply', body: 'On it' } })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  type World = { agents: unknown; target: unknown; lastNumber: number };
  /**
   * What a caller can observe: the agent list, the target ticket (version, conversation, fields)
   * and the last ticket number, learnt by registering a probe ticket.
   */
  const world = async (): Promise<World> => {
    const agents = await server.api('GET', '/api/agents', { token: server.adminToken });
    const ticket = await server.api('GET', `/api/tickets/${target.number}`, { token: server.adminToken });
    expect(agents.status).toBe(200);
    expect(ticket.status).toBe(200);
    return { agents: agents.body, target: ticket.body, lastNumber: (await server.intake('counter probe')).number };
  };

  /** The next probe must get the very next number: no ticket was registered in between. */
  const expectNothingChanged = async (before: World) => {
    const after = await world();
    expect(after.lastNumber, 'no ticket was registered by the bad requests').toBe(before.lastNumber + 1);
    expect(after.agents).toEqual(before.agents);
    expect(after.target).toEqual(before.target);
  };

  const send = (endpoint: { method: string; path: string; token?: string }, badCase: Case) => {
    const token = badCase.token ?? endpoint.token;
    return server.api(badCase.method ?? endpoint.method, badCase.path ?? endpoint.path, {
      token: token === 'none' ? undefined : token,
      body: badCase.body,
      headers: badCase.headers,
    });
  };

  const expectRefusal = (response: ApiResponse, expected: number, what: string) => {
    expect(response.status, `${what}: status (body ${JSON.stringify(response.body)?.slice(0, 200)})`).toBe(expected);
    expect(typeof response.body?.error, `${what}: error is a string`).toBe('string');
    expect(response.body.error.trim().length, `${what}: error is not empty`).toBeGreaterThan(0);
  };

  /** Runs every case against one endpoint, then proves the world did not move. */
  const refusesAll = async (endpoint: { method: string; path: string; token?: string }, cases: Case[]) => {
    const before = await world();
    for (const badCase of cases) expectRefusal(await send(endpoint, badCase), badCase.status, badCase.name);
    await expectNothingChanged(before);
  };

  const withValid = (valid: Record<string, unknown>, changes: Record<string, unknown>) => {
    const body: Record<string, unknown> = { ...valid };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete body[key];
      else body[key] = value;
    }
    return body;
  };

  describe('GET /api/health', () => {
    it('answers other methods with a JSON 404, and health stays ok', async () => {
      const before = await world();
      expectRefusal(await server.api('POST', '/api/health', { body: {} }), 404, 'POST');
      expectRefusal(await server.api('DELETE', '/api/health'), 404, 'DELETE');
      expectRefusal(await server.api('GET', '/api/health/extra'), 404, 'sub-path');
      expect(await server.api('GET', '/api/health')).toEqual({ status: 200, body: { ok: true } });
      await expectNothingChanged(before);
    });
  });

  describe('POST /api/auth/login', () => {
    const valid = { email: ADMIN.email, password: ADMIN.password };
    const cases: Case[] = [
      ...MALFORMED_BODIES,
      { name: 'text/plain content', body: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 400 },
      { name: 'missing email', body: withValid(valid, { email: undefined }), status: 400 },
      { name: 'missing password', body: withValid(valid, { password: undefined }), status: 400 },
      { name: 'email not an email', body: withValid(valid, { email: 'admin' }), status: 400 },
      { name: 'email a number', body: withValid(valid, { email: 42 }), status: 400 },
      { name: 'password a number', body: withValid(valid, { password: 12345678 }), status: 400 },
      { name: 'password an array', body: withValid(valid, { password: [ADMIN.password] }), status: 400 },
      { name: 'empty password', body: withValid(valid, { password: '' }), status: 400 },
      { name: 'password over 200 characters', body: withValid(valid, { password: 'p'.repeat(201) }), status: 400 },
    ];

    it('refuses every malformed sign-in with 4xx, creates no session and counts no failure', async () => {
      // Twice as many bad requests for the admin's email as the throttle allows failures.
      await refusesAll({ method: 'POST', path: '/api/auth/login', token: 'none' }, [...cases, ...cases]);
      const login = await server.api('POST', '/api/auth/login', { body: valid });
      expect(login.status, 'a correct sign-in still works: malformed requests were not counted as failures').toBe(200);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('refuses missing, forged or mis-sent tokens with 401, and bad bodies with 4xx, leaving the session alive', async () => {
      const session = await server.api('POST', '/api/auth/login', { body: { email: alice.agent.email, password: alice.password } });
      const token = session.body.token as string;
      const endpoint = { method: 'POST', path: '/api/auth/logout', token };
      await refusesAll(endpoint, [
        { name: 'no token', token: 'none', status: 401 },
        { name: 'a forged token', token: 'forged-token', status: 401 },
        { name: 'the token without the Bearer scheme', token: 'none', headers: { authorization: token }, status: 401 },
        { name: 'the token under the Basic scheme', token: 'none', headers: { authorization: `Basic ${token}` }, status: 401 },
        { name: 'an empty Bearer', token: 'none', headers: { authorization: 'Bearer ' }, status: 401 },
        { name: 'a token over 200 characters', token: 'z'.repeat(300), status: 401 },
        ...MALFORMED_BODIES.filter((badCase) => !['JSON null', 'a JSON array', 'a JSON string'].includes(badCase.name)),
      ]);
      expect((await server.api('GET', `/api/tickets/${target.number}`, { token })).status, 'the session survived').toBe(200);
    });
  });

  describe('POST /api/agents', () => {
    const valid = { email: 'newcomer@test.local', name: 'Newcomer', password: 'newcomer-lantern-42', role: 'agent', level: 1 };

    it('refuses every malformed new agent with 4xx and adds nobody', async () => {
      const agent = await server.signIn({ name: 'Not An Admin' });
      const before = await world();
      const cases: Case[] = [
        ...MALFORMED_BODIES,
        ...(['email', 'name', 'password', 'role', 'level'] as const).map((field) => ({ name: `missing ${field}`, body: withValid(valid, { [field]: undefined }), status: 400 })),
        { name: 'email not an email', body: withValid(valid, { email: 'newcomer' }), status: 400 },
        { name: 'email a number', body: withValid(valid, { email: 7 }), status: 400 },
        { name: 'empty name', body: withValid(valid, { name: '   ' }), status: 400 },
        { name: 'name a number', body: withValid(valid, { name: 123 }), status: 400 },
        { name: 'name over 120 characters', body: withValid(valid, { name: 'n'.repeat(121) }), status: 400 },
        { name: 'password under 12 characters', body: withValid(valid, { password: 'short-pass1' }), status: 400 },
        { name: 'password of twelve spaces', body: withValid(valid, { password: ' '.repeat(12) }), status: 400 },
        { name: 'a common password', body: withValid(valid, { password: 'password1234' }), status: 400 },
        { name: 'the email as password', body: withValid(valid, { password: 'newcomer@test.local' }), status: 400 },
        { name: 'password over 128 characters', body: withValid(valid, { password: 'x7Qp!'.repeat(26) }), status: 400 },
        { name: 'password a number', body: withValid(valid, { password: 123456789 }), status: 400 },
        { name: 'unknown role', body: withValid(valid, { role: 'root' }), status: 400 },
        { name: 'level 4', body: withValid(valid, { level: 4 }), status: 400 },
        { name: 'level 0', body: withValid(valid, { level: 0 }), status: 400 },
        { name: 'level as a string', body: withValid(valid, { level: '1' }), status: 400 },
        { name: 'no token', token: 'none', body: valid, status: 401 },
        { name: 'a forged token', token: 'forged', body: valid, status: 401 },
        { name: 'a plain agent\'s token', token: agent.token, body: valid, status: 403 },
      ];
      for (const badCase of cases) expectRefusal(await send({ method: 'POST', path: '/api/agents', token: server.adminToken }, badCase), badCase.status, badCase.name);
      await expectNothingChanged(before);
    });

    it('does not take an id or an inactive flag from the request', async () => {
      const smuggledId = crypto.randomUUID();
      const email = 'smuggler@test.local';
      const created = await server.api('POST', '/api/agents', { token: server.adminToken, body: { ...valid, email, id: smuggledId, active: false } });
      expect(created.status).toBe(201);
      expect(created.body.id).not.toBe(smuggledId);
      const listed = (await server.api('GET', '/api/agents', { token: server.adminToken })).body.find((entry: { email: string }) => entry.email === email);
      expect(listed).toMatchObject({ id: created.body.id, active: true });
    });
  });

  describe('GET /api/agents', () => {
    it('refuses missing, forged and unprivileged tokens', async () => {
      await refusesAll({ method: 'GET', path: '/api/agents' }, [
        { name: 'no token', token: 'none', status: 401 },
        { name: 'a forged token', token: 'forged', status: 401 },
        { name: 'a token in the wrong header', token: 'none', headers: { 'x-access-key': server.adminToken }, status: 401 },
        { name: 'an agent', token: alice.token, status: 403 },
      ]);
    });
  });

  describe('POST /api/tickets', () => {
    const valid = { subject: 'Help', body: 'It broke', requester: { email: 'customer@example.com', name: 'Cleo' } };

    it('refuses every malformed intake with 4xx and registers no ticket', async () => {
      await refusesAll({ method: 'POST', path: '/api/tickets', token: 'none' }, [
        ...MALFORMED_BODIES,
        { name: 'text/plain content', body: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 400 },
        { name: 'an empty object', body: {}, status: 400 },
        { name: 'missing subject', body: withValid(valid, { subject: undefined }), status: 400 },
        { name: 'missing body', body: withValid(valid, { body: undefined }), status: 400 },
        { name: 'missing requester', body: withValid(valid, { requester: undefined }), status: 400 },
        { name: 'requester without email', body: withValid(valid, { requester: { name: 'Cleo' } }), status: 400 },
        { name: 'requester email not an email', body: withValid(valid, { requester: { email: 'cleo' } }), status: 400 },
        { name: 'requester as a string', body: withValid(valid, { requester: 'customer@example.com' }), status: 400 },
        { name: 'requester name over 120 characters', body: withValid(valid, { requester: { email: 'c@example.com', name: 'n'.repeat(121) } }), status: 400 },
        { name: 'blank subject', body: withValid(valid, { subject: '   ' }), status: 400 },
        { name: 'blank body', body: withValid(valid, { body: '\n\t ' }), status: 400 },
        { name: 'subject a number', body: withValid(valid, { subject: 42 }), status: 400 },
        { name: 'body an object', body: withValid(valid, { body: { text: 'hi' } }), status: 400 },
        { name: 'subject over 200 characters', body: withValid(valid, { subject: 's'.repeat(201) }), status: 400 },
        { name: 'body over 20,000 characters', body: withValid(valid, { body: TOO_LONG_MESSAGE }), status: 400 },
        { name: 'unknown channel', body: withValid(valid, { channel: 'fax' }), status: 400 },
        { name: 'unknown type', body: withValid(valid, { type: 'rant' }), status: 400 },
      ]);
    });
  });

  describe('POST /api/tickets/:number/customer-messages', () => {
    const valid = { body: 'Hello again' };

    it('refuses bad ticket numbers, keys and bodies with 4xx and adds no message', async () => {
      const other = await server.intake('Another ticket');
      const keyed = (accessKey: string) => ({ 'x-access-key': accessKey });
      const path = (number: string | number) => `/api/tickets/${number}/customer-messages`;
      const cases: Case[] = [
        ...MALFORMED_BODIES.map((badCase) => ({ ...badCase, headers: keyed(target.accessKey) })),
        ...['abc', '-1', '1.5', '1e3', '12345678901', `${target.number}x`].map((number) => ({
          name: `ticket number "${number}"`,
          path: path(number),
          body: valid,
          headers: keyed(target.accessKey),
          status: 400,
        })),
        { name: 'no access key', body: valid, status: 401 },
        { name: 'an empty access key', body: valid, headers: keyed(''), status: 401 },
        { name: 'an access key over 200 characters', body: valid, headers: keyed('k'.repeat(201)), status: 401 },
        { name: 'another ticket\'s access key (answered like an unknown ticket)', body: valid, headers: keyed(other.accessKey), status: 404 },
        { name: 'a guessed access key (answered like an unknown ticket)', body: valid, headers: keyed('guess'), status: 404 },
        { name: 'an agent token instead of a key', body: valid, token: alice.token, status: 401 },
        { name: 'an unknown ticket', path: path(999_999), body: valid, headers: keyed(target.accessKey), status: 404 },
        { name: 'missing body', body: {}, headers: keyed(target.accessKey), status: 400 },
        { name: 'empty body', body: { body: '' }, headers: keyed(target.accessKey), status: 400 },
        { name: 'blank body', body: { body: '   ' }, headers: keyed(target.accessKey), status: 400 },
        { name: 'body a number', body: { body: 5 }, headers: keyed(target.accessKey), status: 400 },
        { name: 'body over 20,000 characters', body: { body: TOO_LONG_MESSAGE }, headers: keyed(target.accessKey), status: 400 },
        { name: 'an extra field (strict)', body: { body: 'hi', kind: 'reply' }, headers: keyed(target.accessKey), status: 400 },
        { name: 'an extra authorId (strict)', body: { body: 'hi', authorId: alice.agent.id }, headers: keyed(target.accessKey), status: 400 },
      ];
      const before = await server.api('GET', `/api/tickets/${other.number}`, { token: server.adminToken });
      await refusesAll({ method: 'POST', path: path(target.number), token: 'none' }, cases);
      const untouched = await server.api('GET', `/api/tickets/${other.number}`, { token: server.adminToken });
      expect(untouched.body).toMatchObject({
        version: 1,
        messages: [expect.objectContaining({ kind: 'customer' }), expect.objectContaining({ kind: 'auto_reply', authorId: null, authorName: 'Tierdesk' })],
      });
      expect(untouched.body.messages).toHaveLength(before.body.messages.length);
    });
  });

  describe('GET /api/tickets/:number', () => {
    it('refuses non-numeric numbers with 400, unknown ones with 404 and no token with 401', async () => {
      await refusesAll({ method: 'GET', path: `/api/tickets/${target.number}`, token: alice.token }, [
        ...['abc', '-1', '1.5', '1e3', '0x3E9', '12345678901', `${target.number}abc`, '%20'].map((number) => ({ name: `number "${number}"`, path: `/api/tickets/${number}`, status: 400 })),
        { name: 'an unknown number', path: '/api/tickets/999999', status: 404 },
        { name: 'number 0', path: '/api/tickets/0', status: 404 },
        { name: 'no token', token: 'none', status: 401 },
        { name: 'a forged token', token: 'forged', status: 401 },
      ]);
    });
  });

  describe('PATCH /api/tickets/:number', () => {
    it('refuses every malformed change with 4xx and leaves the ticket as it was', async () => {
      const cases: Case[] = [
        ...MALFORMED_BODIES,
        ...['abc', '-1', '1.5', '12345678901'].map((number) => ({ name: `number "${number}"`, path: `/api/tickets/${number}`, body: { priority: 'high' }, status: 400 })),
        { name: 'an unknown ticket', path: '/api/tickets/999999', body: { priority: 'high' }, status: 404 },
        { name: 'nothing to change', body: {}, status: 400 },
        { name: 'unknown status', body: { status: 'done' }, status: 400 },
        { name: 'status a number', body: { status: 2 }, status: 400 },
        { name: 'unknown priority', body: { priority: 'URGENT' }, status: 400 },
        { name: 'priority a number', body: { priority: 1 }, status: 400 },
        { name: 'assignee not a UUID', body: { assigneeId: 'bob' }, status: 400 },
        { name: 'assignee a number', body: { assigneeId: 7 }, status: 400 },
        { name: 'duplicateOf a string', body: { status: 'canceled', duplicateOf: '1001' }, status: 400 },
        { name: 'duplicateOf negative', body: { status: 'canceled', duplicateOf: -1 }, status: 400 },
        { name: 'duplicateOf fractional', body: { status: 'canceled', duplicateOf: 1.5 }, status: 400 },
        { name: 'duplicateOf without canceling', body: { duplicateOf: 1001 }, status: 400 },
        { name: 'duplicateOf with another status', body: { status: 'hold', duplicateOf: 1001 }, status: 400 },
        { name: 'an extra subject (strict)', body: { priority: 'high', subject: 'renamed' }, status: 400 },
        { name: 'an extra version (strict)', body: { priority: 'high', version: 99 }, status: 400 },
        { name: 'an unknown field (strict)', body: { department: 'billing' }, status: 400 },
        { name: 'a line that does not exist', body: { level: 4 }, status: 400 },
        { name: 'a group id that is not a uuid', body: { groupId: 'billing' }, status: 400 },
        { name: 'a precedent that is not a boolean', body: { precedent: 'yes' }, status: 400 },
        { name: 'no token', token: 'none', body: { priority: 'high' }, status: 401 },
      ];
      await refusesAll({ method: 'PATCH', path: `/api/tickets/${target.number}`, token: alice.token }, cases);
    });
  });

  describe('POST /api/tickets/:number/messages', () => {
    it('refuses every malformed message with 4xx and adds nothing', async () => {
      const cases: Case[] = [
        ...MALFORMED_BODIES,
        ...['abc', '-1', '1.5', '12345678901'].map((number) => ({ name: `number "${number}"`, path: `/api/tickets/${number}/messages`, body: { kind: 'note', body: 'x' }, status: 400 })),
        { name: 'an unknown ticket', path: '/api/tickets/999999/messages', body: { kind: 'note', body: 'x' }, status: 404 },
        { name: 'missing kind', body: { body: 'x' }, status: 400 },
        { name: 'kind "customer" (agents cannot write as the customer)', body: { kind: 'customer', body: 'x' }, status: 400 },
        { name: 'unknown kind', body: { kind: 'email', body: 'x' }, status: 400 },
        { name: 'missing body', body: { kind: 'note' }, status: 400 },
        { name: 'empty body', body: { kind: 'note', body: '' }, status: 400 },
        { name: 'blank body', body: { kind: 'reply', body: ' \n ' }, status: 400 },
        { name: 'body a number', body: { kind: 'note', body: 1 }, status: 400 },
        { name: 'body over 20,000 characters', body: { kind: 'note', body: TOO_LONG_MESSAGE }, status: 400 },
        { name: 'an extra authorId (strict)', body: { kind: 'note', body: 'x', authorId: crypto.randomUUID() }, status: 400 },
        { name: 'an extra id (strict)', body: { kind: 'note', body: 'x', id: crypto.randomUUID() }, status: 400 },
        { name: 'no token', token: 'none', body: { kind: 'note', body: 'x' }, status: 401 },
      ];
      await refusesAll({ method: 'POST', path: `/api/tickets/${target.number}/messages`, token: alice.token }, cases);
    });
  });
});
