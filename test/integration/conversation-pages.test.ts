import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type MutationOutcome } from '../../core';
import { ManualClock } from '../../server/clock';
import { expectError } from '../support/http-expectations';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { createSocketPool, request } from '../support/raw-socket';
import { createTeam, readTicket, type Team } from '../support/routing-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

type MessageJson = { id: string; kind: string; body: string; createdAt: number };
type TicketJson = { number: number; version: number; status: string; messages: MessageJson[]; messagesCursor: string | null };

const byPosition = (a: MessageJson, b: MessageJson) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Long conversations over HTTP: the ticket answers with its latest 100 messages and a cursor that
 * pages back, ordered by (createdAt, id) so that re-stamped messages (sight changes) keep their
 * place; and a conversation cap that stops agents' replies and notes but never the customer (a
 * follow-up ticket opens) nor the lifecycle (timers, links, escalations still write).
 */
/** Conversations sort by time: each message a second after the last, so the expected order is the order written. */
const START = Date.parse('2026-11-23T08:00:00Z');
const LONG_SESSIONS = { TIERDESK_SESSION_TTL_HOURS: String(24 * 365) };

describe('conversation pages', () => {
  const clock = new ManualClock(START);
  let server: TestServer;
  let team: Team;
  const page = async (number: number, query = '', token = server.adminToken) => {
    const response = await server.api('GET', `/api/tickets/${number}${query}`, { token });
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
    return response.body as TicketJson;
  };
  const note = async (number: number, body: string) => {
    clock.advance(1_000);
    const response = await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'note', body } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  };
  /** Every page from the latest back, in the order a console would fetch them. */
  const allPages = async (number: number, limit?: number) => {
    const pages: TicketJson[] = [await page(number, limit ? `?limit=${limit}` : '')];
    while (pages.at(-1)!.messagesCursor !== null && pages.length < 50) {
      pages.push(await page(number, `?messagesBefore=${pages.at(-1)!.messagesCursor}${limit ? `&limit=${limit}` : ''}`));
    }
    return pages;
  };

  let long: { id: string; number: number };
  beforeAll(async () => {
    server = await startTestServer({ clock, env: { ...ROOMY_INTAKE_LIMITS, ...LONG_SESSIONS } });
    team = await createTeam(server, [{ name: 'Pia Pager' }]);
    long = await team.intake('A long conversation');
    // The opening message and the acknowledgement, then 248 notes: 250 messages.
    for (let index = 0; index < 248; index++) await note(long.number, `note ${index}`);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('answers the latest 100 messages, oldest first, with a cursor; pages back to the start without gaps or repeats', async () => {
    const pages = await allPages(long.number);
    expect(pages.map((one) => one.messages.length)).toEqual([100, 100, 50]);
    expect(pages[0]!.messages.at(-1)!.body).toBe('note 247');
    expect(pages.at(-1)!.messagesCursor).toBeNull();
    const conversation = pages.reverse().flatMap((one) => one.messages);
    expect(conversation).toHaveLength(250);
    expect(new Set(conversation.map((message) => message.id)).size).toBe(250);
    expect(conversation).toEqual([...conversation].sort(byPosition));
    expect(conversation[0]).toMatchObject({ kind: 'customer' });
    expect(conversation.filter((message) => message.kind === 'note').map((message) => message.body)).toEqual(Array.from({ length: 248 }, (_, index) => `note ${index}`));
  });

  it('pages by any limit from 1 to 100, and a short conversation has no cursor', async () => {
    const pages = await allPages(long.number, 64);
    expect(pages.map((one) => one.messages.length)).toEqual([64, 64, 64, 58]);
    expect((await page(long.number, '?limit=1')).messages.map((message) => message.body)).toEqual(['note 247']);
    const short = await team.intake('A short one');
    expect(await page(short.number)).toMatchObject({ messages: [{ kind: 'customer' }, { kind: 'auto_reply' }], messagesCursor: null });
  });

  it('keeps a cursor valid while new messages arrive, and pages the same after the messages were re-stamped', async () => {
    const ticket = await team.intake('Moving conversation');
    for (let index = 0; index < 30; index++) await note(ticket.number, `before move ${index}`);
    const first = await page(ticket.number, '?limit=10');
    const older = await page(ticket.number, `?messagesBefore=${first.messagesCursor}&limit=10`);
    // New messages, then the ticket moves to another group and back: members who gain sight pull
    // its whole conversation again, at new feed positions.
    await note(ticket.number, 'after the cursor');
    const elsewhere = await createTeam(server, [{ name: 'Otto Other' }]);
    for (const groupId of [elsewhere.groupId, team.groupId]) {
      const moved = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: server.adminToken, body: { groupId } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    expect(await page(ticket.number, `?messagesBefore=${first.messagesCursor}&limit=10`)).toMatchObject({ messages: older.messages, messagesCursor: older.messagesCursor });
  });

  it('answers PATCH and escalation with the same page and cursor', async () => {
    const patched = await server.api('PATCH', `/api/tickets/${long.number}`, { token: server.adminToken, body: { priority: 'high' } });
    expect(patched.status).toBe(200);
    expect(patched.body.messages).toHaveLength(100);
    expect(typeof patched.body.messagesCursor).toBe('string');
    const escalated = await server.api('POST', `/api/tickets/${long.number}/escalations`, { token: server.adminToken, body: { reason: 'needs L2' } });
    expect(escalated.status).toBe(201);
    expect(escalated.body.messages).toHaveLength(100);
    expect(escalated.body.messages.at(-1)).toMatchObject({ kind: 'note', body: 'needs L2' });
    expect(typeof escalated.body.messagesCursor).toBe('string');
  });

  it('refuses a bad cursor or limit with a clear 400', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', 'not-an-id'])).toString('base64url');
    for (const query of ['?limit=0', '?limit=101', '?limit=ten', '?limit=1.5', '?messagesBefore=', '?messagesBefore=%%%', `?messagesBefore=${forged}`, '?messagesBefore=bm90IGpzb24', '?page=2']) {
      const response = await server.api('GET', `/api/tickets/${long.number}${query}`, { token: server.adminToken });
      expectError(response, 400);
      expect(response.body.error, query).toMatch(/limit|messagesBefore|query/);
    }
  });
});

describe('conversation cap', () => {
  const MAX = 10;
  const clock = new ManualClock(START);
  const sockets = createSocketPool();
  let server: TestServer;
  let team: Team;

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { ...ROOMY_INTAKE_LIMITS, ...LONG_SESSIONS, TIERDESK_MAX_MESSAGES_PER_TICKET: String(MAX) } });
    team = await createTeam(server, [{ name: 'Cap Agent' }]);
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  const agent = () => team.agents[0]!;
  const write = (number: number, kind: 'reply' | 'note', body: string) => {
    clock.advance(1_000);
    return server.api('POST', `/api/tickets/${number}/messages`, { token: agent().token, body: { kind, body } });
  };
  /** A ticket the agent works, its conversation filled up to the cap. */
  const fullTicket = async (subject: string) => {
    const ticket = await team.intake(subject);
    expect((await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: agent().token, body: { status: 'in_progress' } })).status).toBe(200);
    for (let index = 2; index < MAX; index++) expect((await write(ticket.number, 'note', `note ${index}`)).status).toBe(201);
    expect((await readTicket(server, ticket.number)).messages).toHaveLength(MAX);
    return ticket;
  };

  it('refuses an agent’s reply or note on a full conversation with conversation_full, over HTTP and the socket, and records it', async () => {
    const ticket = await fullTicket('Full over both paths');
    const before = await readTicket(server, ticket.number);
    for (const kind of ['reply', 'note'] as const) {
      const refused = await write(ticket.number, kind, `one ${kind} too many`);
      expectError(refused, 409, /conversation/);
      expect(refused.body.code).toBe('conversation_full');
    }
    const socket = await sockets.connect(server.url, { token: agent().token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    const mutation = { id: randomUUID(), ticketId: ticket.id, createdAt: clock.now(), type: 'note', payload: { body: 'pushed too late' } };
    const pushed = await request<{ ok: boolean; outcomes: MutationOutcome[] }>(socket, 'mutations:push', { mutations: [mutation] });
    expect(pushed.outcomes).toEqual([{ id: mutation.id, state: 'rejected', rejection: { code: 'conversation_full', message: expect.any(String), params: { max: MAX } } }]);
    expect((await request<{ outcomes: MutationOutcome[] }>(socket, 'mutations:push', { mutations: [mutation] })).outcomes).toEqual(pushed.outcomes);
    expect(await readTicket(server, ticket.number)).toEqual(before);
  });

  it('opens a follow-up ticket for the customer’s message on a full conversation, with its own number and key', async () => {
    const ticket = await fullTicket('Full, then the customer writes');
    const before = await readTicket(server, ticket.number);
    const written = await server.api('POST', `/api/tickets/${ticket.number}/customer-messages`, { body: { body: 'It happened again' }, headers: { 'x-access-key': ticket.accessKey } });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(written.body).toEqual({ number: expect.any(Number), status: expect.any(String), followUpOf: ticket.number, accessKey: expect.any(String) });
    expect(written.body.number).not.toBe(ticket.number);
    const followUp = await readTicket(server, written.body.number);
    expect(followUp).toMatchObject({ followUpOf: ticket.number, subject: `Re: ${before.subject}`, requester: before.requester });
    expect(followUp.messages[0]).toMatchObject({ kind: 'customer', body: 'It happened again' });
    expect(await readTicket(server, ticket.number)).toEqual(before);
    // The new key is the follow-up's: the customer goes on there.
    const next = await server.api('POST', `/api/tickets/${written.body.number}/customer-messages`, { body: { body: 'And more details' }, headers: { 'x-access-key': written.body.accessKey } });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.number).toBe(written.body.number);
  });

  it('never blocks the lifecycle: an escalation, a duplicate link and a hold ending still write into a full conversation', async () => {
    const ticket = await fullTicket('Full but still alive');
    clock.advance(1_000);
    const escalated = await server.api('POST', `/api/tickets/${ticket.number}/escalations`, { token: agent().token, body: { reason: 'L2 please' } });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(201);

    const copy = await team.intake('The same problem again');
    clock.advance(1_000);
    const canceled = await server.api('PATCH', `/api/tickets/${copy.number}`, { token: server.adminToken, body: { status: 'canceled', duplicateOf: ticket.number } });
    expect(canceled.status, JSON.stringify(canceled.body)).toBe(200);

    clock.advance(1_000);
    const held = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: server.adminToken, body: { status: 'hold', holdUntil: clock.now() + 3_600_000 } });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect((await server.api('POST', '/api/admin/clock/advance', { token: server.adminToken, body: { ms: 3_600_000 } })).status).toBe(200);

    const after = await readTicket(server, ticket.number);
    expect(after.status).toBe('in_progress');
    expect(after.messages.slice(MAX).map((message: MessageJson) => message.kind)).toEqual(['note', 'system', 'system']);
  });
});
