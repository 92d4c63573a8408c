import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type MutationOutcome } from '../../core';
import { expectError } from '../support/http-expectations';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { createSocketPool, request } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * Sizes at the boundary: the public intake routes take at most 128 KB (every valid request fits;
 * the agents' API keeps 1 MB), and numbers a client sends are bounded by what the store can hold,
 * so an out-of-range one is a clear 400 (or a refused push), never a database error.
 */
const KB = 1_024;
/** 20,000 control characters: the longest valid body, and JSON-escaped the largest (\u0001 each). */
const LARGEST_VALID_BODY = '\u0001'.repeat(20_000);

function sizeChecks(start: () => Promise<TestServer>, cleanUp: () => Promise<void> = async () => undefined) {
  let server: TestServer;
  let agent: SignedIn;
  let ticket: { id: string; number: number; accessKey: string };
  const sockets = createSocketPool();

  beforeAll(async () => {
    server = await start();
    agent = await server.signIn({ name: 'Sizer' });
    ticket = await server.intake('Sized');
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
    await cleanUp();
  });

  const raw = (method: string, path: string, text: string, headers: Record<string, string> = {}) => server.api(method, path, { body: text, headers: { 'content-type': 'application/json', ...headers } });

  it('takes the largest valid intake, and answers 413 with a clear error above 128 KB on every public route', async () => {
    const largest = JSON.stringify({ subject: 's'.repeat(200), body: LARGEST_VALID_BODY, requester: { email: 'big@example.com' } });
    expect(Buffer.byteLength(largest)).toBeGreaterThan(100 * KB);
    expect((await raw('POST', '/api/tickets', largest)).status).toBe(201);

    const tooLarge = JSON.stringify({ subject: 'x', body: 'y'.repeat(130 * KB), requester: { email: 'big@example.com' } });
    for (const path of ['/api/tickets', `/api/tickets/${ticket.number}/customer-messages`, `/api/tickets/${ticket.number}/rating`]) {
      const response = await raw('POST', path, tooLarge, { 'x-access-key': ticket.accessKey });
      expectError(response, 413, /at most 128 KB/);
    }
    // The agents' API still reads such a body (and refuses its content by the schema).
    expectError(await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: agent.token, body: { kind: 'note', body: 'y'.repeat(130 * KB) } }), 400, /20000/);
  });

  it('refuses ticket numbers and times beyond what the store holds with 400, and changes nothing', async () => {
    const before = (await server.api('GET', `/api/tickets/${ticket.number}`, { token: server.adminToken })).body;
    const cases: unknown[] = [
      { status: 'canceled', duplicateOf: 2_147_483_648 },
      { status: 'canceled', duplicateOf: Number.MAX_SAFE_INTEGER },
      { status: 'hold', holdUntil: 1e16 },
    ];
    for (const body of cases) expectError(await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: agent.token, body }), 400);
    expect((await server.api('GET', `/api/tickets/${ticket.number}`, { token: server.adminToken })).body).toEqual(before);
  });

  it('refuses a pushed mutation with such numbers as invalid input, and still answers the socket', async () => {
    const socket = await sockets.connect(server.url, { token: agent.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    for (const mutation of [
      { id: randomUUID(), ticketId: ticket.id, createdAt: Date.now(), type: 'setStatus', payload: { status: 'canceled', duplicateOf: 2_147_483_648 } },
      { id: randomUUID(), ticketId: ticket.id, createdAt: 1e16, type: 'note', payload: { body: 'from the far future' } },
    ]) {
      const answer = await request<{ ok: boolean; error?: string }>(socket, 'mutations:push', { mutations: [mutation] });
      expect(answer.ok, JSON.stringify(answer)).toBe(false);
      expect(answer.error).toMatch(/mutation 0/);
    }
    const fine = await request<{ ok: boolean; outcomes: MutationOutcome[] }>(socket, 'mutations:push', {
      mutations: [{ id: randomUUID(), ticketId: ticket.id, createdAt: Date.now(), type: 'note', payload: { body: 'still here' } }],
    });
    expect(fine.outcomes[0]?.state).toBe('applied');
  });
}

describe('input sizes (SQLite)', () => {
  sizeChecks(() => startTestServer({ env: ROOMY_INTAKE_LIMITS }));
});

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing) console.warn(`skipping input sizes on PostgreSQL: ${postgresMissing}`);

describe.skipIf(postgresMissing !== null)('input sizes (PostgreSQL: a number beyond its integer column)', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  sizeChecks(
    async () => {
      database = await createScratchDatabase();
      return startTestServer({ databaseUrl: database.url, env: ROOMY_INTAKE_LIMITS });
    },
    async () => database?.drop(),
  );
});
