import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED_BODIES, expectRefusal } from '../support/bad-input';
import { auditOf, createTeam, intake, listGroups, readTicket, type Intaken } from '../support/routing-fixtures';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * The routing-era HTTP boundaries against bad input: escalation, moving tickets between groups and
 * lines, precedents, the customer's rating, intake tags and the KPI endpoints. Each bad request is
 * answered with a 4xx and a non-empty `error`, and what a caller can read afterwards (the ticket
 * with its conversation, its audit trail, the next ticket number) is what it was before.
 * No socket connects here, so nobody is online and routing assigns nothing behind the tests' backs.
 */

type Actor = 'none' | 'forged' | 'agent' | 'supervisor' | 'expert' | 'admin';
const TOO_LONG_REASON = 'r'.repeat(2_001);

describe('HTTP bad input: escalation, routing, rating, tags and KPIs', () => {
  let server: TestServer;
  let people: Record<'agent' | 'supervisor' | 'expert', SignedIn>;
  let generalId: string;
  /** A ticket of a group none of the people above belong to. */
  let hidden: Intaken;

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
    people = {
      agent: await server.signIn({ name: 'Alice Agent' }),
      supervisor: await server.signIn({ name: 'Sam Supervisor', role: 'supervisor' }),
      expert: await server.signIn({ name: 'Erin Expert', level: 3 }),
    };
    generalId = (await listGroups(server)).find((group) => group.name === 'General')!.id;
    const elsewhere = await createTeam(server, [{ name: 'Olga Outsider' }]);
    hidden = await elsewhere.intake('Somebody else’s problem');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const tokenOf = (actor: Actor): string | undefined =>
    actor === 'none' ? undefined : actor === 'forged' ? 'forged-token' : actor === 'admin' ? server.adminToken : people[actor].token;
  const generalTicket = (subject: string) => intake(server, subject);
  const patchAs = async (actor: Actor, ticket: Intaken, body: Record<string, unknown>) => {
    const response = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: tokenOf(actor), body });
    expect(response.status, `set-up PATCH ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`).toBe(200);
  };
  /** What a caller can observe of a ticket: the document with its conversation, and its audit trail. */
  const observe = async (ticket: Intaken) => ({ ticket: await readTicket(server, ticket.number), audit: await auditOf(server, ticket.id) });

  describe('POST /api/tickets/:number/escalations', () => {
    type TicketKey = 'open' | 'held' | 'atL3' | 'fixed' | 'hidden' | 'unknown' | 'abc';
    type Case = { name: string; body?: unknown; as?: Actor; ticket?: TicketKey; status: number; code?: string };
    const tickets = {} as Record<'open' | 'held' | 'atL3' | 'fixed' | 'hidden', Intaken>;

    beforeAll(async () => {
      tickets.open = await generalTicket('Open, at L1, nobody holds it');
      tickets.held = await generalTicket('Held by the expert');
      await patchAs('expert', tickets.held, { status: 'in_progress' });
      tickets.atL3 = await generalTicket('Already at the last line');
      await patchAs('admin', tickets.atL3, { level: 3 });
      tickets.fixed = await generalTicket('Answered by Alice');
      await patchAs('agent', tickets.fixed, { status: 'in_progress' });
      await patchAs('agent', tickets.fixed, { status: 'fixed' });
      tickets.hidden = hidden;
    });

    const valid = { reason: 'needs the second line' };
    const cases: Case[] = [
      ...MALFORMED_BODIES.map(({ name, body, status }) => ({ name, body, status })),
      { name: 'missing reason', body: {}, status: 400 },
      { name: 'empty reason', body: { reason: '' }, status: 400 },
      { name: 'whitespace-only reason', body: { reason: ' \n\t ' }, status: 400 },
      { name: 'reason over 2000 characters', body: { reason: TOO_LONG_REASON }, status: 400 },
      { name: 'reason a number', body: { reason: 42 }, status: 400 },
      { name: 'reason an array', body: { reason: ['why'] }, status: 400 },
      { name: 'reason null', body: { reason: null }, status: 400 },
      { name: 'an extra level (strict)', body: { ...valid, level: 3 }, status: 400 },
      { name: 'an extra assigneeId (strict)', body: { ...valid, assigneeId: crypto.randomUUID() }, status: 400 },
      { name: 'ticket number "abc"', ticket: 'abc', body: valid, status: 400 },
      { name: 'an unknown ticket', ticket: 'unknown', body: valid, status: 404 },
      { name: 'a ticket of another group (not visible to the agent)', ticket: 'hidden', body: valid, status: 404 },
      { name: 'a ticket another agent holds', ticket: 'held', body: valid, status: 403, code: 'not_assigned' },
      { name: 'a ticket already at L3', ticket: 'atL3', body: valid, status: 409, code: 'cannot_escalate' },
      { name: 'a Fixed ticket', ticket: 'fixed', body: valid, status: 409, code: 'cannot_escalate' },
      { name: 'no token', as: 'none', body: valid, status: 401 },
      { name: 'a forged token', as: 'forged', body: valid, status: 401 },
    ];

    it.each(cases)('refuses $name and leaves the ticket as it was', async (badCase) => {
      const key = badCase.ticket ?? 'open';
      const watched = key === 'unknown' || key === 'abc' ? tickets.open : tickets[key];
      const number = key === 'unknown' ? 999_999 : key === 'abc' ? 'abc' : watched.number;
      const before = await observe(watched);
      const response = await server.api('POST', `/api/tickets/${number}/escalations`, { token: tokenOf(badCase.as ?? 'agent'), body: badCase.body });
      expectRefusal(response, badCase.name, badCase.status, badCase.code);
      expect(await observe(watched), `${badCase.name}: ticket and audit trail unchanged`).toEqual(before);
    });

    it('still escalates the open ticket with a valid reason (the refusals above were about the input)', async () => {
      const response = await server.api('POST', `/api/tickets/${tickets.open.number}/escalations`, { token: people.agent.token, body: valid });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(await readTicket(server, tickets.open.number)).toMatchObject({ level: 2, assigneeId: null });
    });
  });

  describe('PATCH /api/tickets/:number with groupId, level or precedent', () => {
    type Case = { name: string; as: Actor; body: (ids: { general: string; other: string }) => unknown; status: number; code?: string; onHidden?: boolean };
    let ticket: Intaken;
    let otherGroupId: string;

    beforeAll(async () => {
      ticket = await generalTicket('To be moved, maybe');
      otherGroupId = (await createTeam(server, [{ name: 'Target team member' }])).groupId;
    });

    const unknownGroup = '00000000-0000-4000-8000-000000000000';
    const cases: Case[] = [
      { name: 'an agent moving it to another group', as: 'agent', body: ({ other }) => ({ groupId: other, level: 1 }), status: 403, code: 'forbidden' },
      { name: 'an agent moving it to L2', as: 'agent', body: () => ({ level: 2 }), status: 403, code: 'forbidden' },
      { name: 'an L3 agent (not a supervisor) moving it', as: 'expert', body: ({ other }) => ({ groupId: other }), status: 403, code: 'forbidden' },
      { name: 'a supervisor naming an unknown group', as: 'supervisor', body: () => ({ groupId: unknownGroup, level: 1 }), status: 404, code: 'unknown_group' },
      { name: 'an admin naming an unknown group', as: 'admin', body: () => ({ groupId: unknownGroup }), status: 404, code: 'unknown_group' },
      { name: 'the group and line it already has', as: 'supervisor', body: ({ general }) => ({ groupId: general, level: 1 }), status: 400, code: 'invalid_mutation' },
      { name: 'the line it already has', as: 'supervisor', body: () => ({ level: 1 }), status: 400, code: 'invalid_mutation' },
      { name: 'level 0', as: 'supervisor', body: () => ({ level: 0 }), status: 400 },
      { name: 'level 4', as: 'supervisor', body: () => ({ level: 4 }), status: 400 },
      { name: 'level "2" (a string)', as: 'supervisor', body: () => ({ level: '2' }), status: 400 },
      { name: 'level 1.5', as: 'supervisor', body: () => ({ level: 1.5 }), status: 400 },
      { name: 'groupId null', as: 'supervisor', body: () => ({ groupId: null }), status: 400 },
      { name: 'groupId a group name', as: 'supervisor', body: () => ({ groupId: 'General' }), status: 400 },
      { name: 'a precedent marked by an L1 agent', as: 'agent', body: () => ({ precedent: true }), status: 403, code: 'forbidden' },
      { name: 'a precedent marked by a supervisor at L1', as: 'supervisor', body: () => ({ precedent: true }), status: 403, code: 'forbidden' },
      { name: 'a precedent unmarked that was never marked', as: 'expert', body: () => ({ precedent: false }), status: 400, code: 'invalid_mutation' },
      { name: 'precedent "true" (a string)', as: 'expert', body: () => ({ precedent: 'true' }), status: 400 },
      { name: 'a valid priority together with an unknown group (all or nothing)', as: 'supervisor', body: () => ({ priority: 'urgent', groupId: unknownGroup }), status: 404, code: 'unknown_group' },
      { name: 'a valid priority together with a refused precedent (all or nothing)', as: 'agent', body: () => ({ priority: 'urgent', precedent: true }), status: 403, code: 'forbidden' },
      { name: 'an agent moving a ticket of another group', as: 'agent', body: ({ general }) => ({ groupId: general, level: 1 }), status: 404, onHidden: true },
      { name: 'no token', as: 'none', body: () => ({ level: 2 }), status: 401 },
    ];

    it.each(cases)('refuses $name and leaves the ticket as it was', async (badCase) => {
      const target = badCase.onHidden ? hidden : ticket;
      const before = await observe(target);
      const body = badCase.body({ general: generalId, other: otherGroupId });
      const response = await server.api('PATCH', `/api/tickets/${target.number}`, { token: tokenOf(badCase.as), body });
      expectRefusal(response, badCase.name, badCase.status, badCase.code);
      expect(await observe(target), `${badCase.name}: ticket and audit trail unchanged`).toEqual(before);
    });

    it('still lets the supervisor move it to L2 (the refusals above were about the input)', async () => {
      const response = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: people.supervisor.token, body: { level: 2 } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ groupId: generalId, level: 2 });
    });
  });

  describe('POST /api/tickets/:number/rating', () => {
    type KeyKind = 'own' | 'none' | 'empty' | 'long' | 'other' | 'guess';
    type Case = { name: string; body?: unknown; key?: KeyKind; ticket?: 'solved' | 'open' | 'unknown' | 'abc'; status: number; code?: string };
    let solved: Intaken;
    let open: Intaken;

    beforeAll(async () => {
      solved = await generalTicket('Answered, waiting for a rating');
      await patchAs('agent', solved, { status: 'in_progress' });
      await patchAs('agent', solved, { status: 'fixed' });
      open = await generalTicket('Not answered yet');
    });

    const ratings = async () => [...(await auditOf(server, solved.id)), ...(await auditOf(server, open.id))].filter((event) => event.type === 'ticket.rated');
    const headersFor = (kind: KeyKind, own: Intaken): Record<string, string> => {
      const keys: Record<KeyKind, string | undefined> = { own: own.accessKey, none: undefined, empty: '', long: 'k'.repeat(201), other: (own === open ? solved : open).accessKey, guess: 'guess' };
      const key = keys[kind];
      return key === undefined ? {} : { 'x-access-key': key };
    };

    const valid = { score: 5, comment: 'Thanks!' };
    const cases: Case[] = [
      ...MALFORMED_BODIES.map(({ name, body, status }) => ({ name, body, status })),
      { name: 'score 0', body: { score: 0 }, status: 400 },
      { name: 'score 6', body: { score: 6 }, status: 400 },
      { name: 'score -1', body: { score: -1 }, status: 400 },
      { name: 'score 2.5', body: { score: 2.5 }, status: 400 },
      { name: 'score "5" (a string)', body: { score: '5' }, status: 400 },
      { name: 'score null', body: { score: null }, status: 400 },
      { name: 'missing score', body: { comment: 'no score' }, status: 400 },
      { name: 'a comment over 2000 characters', body: { score: 4, comment: 'c'.repeat(2_001) }, status: 400 },
      { name: 'a comment that is a number', body: { score: 4, comment: 7 }, status: 400 },
      { name: 'an extra agentId (strict)', body: { ...valid, agentId: crypto.randomUUID() }, status: 400 },
      { name: 'an extra solvedBy (strict)', body: { ...valid, solvedBy: 'nobody' }, status: 400 },
      { name: 'no access key', key: 'none', body: valid, status: 401 },
      { name: 'an empty access key', key: 'empty', body: valid, status: 401 },
      { name: 'an access key over 200 characters', key: 'long', body: valid, status: 401 },
      { name: 'another ticket’s access key (answered like an unknown ticket)', key: 'other', body: valid, status: 404 },
      { name: 'a guessed access key (answered like an unknown ticket)', key: 'guess', body: valid, status: 404 },
      { name: 'an unknown ticket', ticket: 'unknown', body: valid, status: 404 },
      { name: 'ticket number "abc"', ticket: 'abc', body: valid, status: 400 },
      { name: 'an open (not Fixed) ticket', ticket: 'open', body: valid, status: 409, code: 'not_solved' },
    ];

    it.each(cases)('refuses $name and records no rating', async (badCase) => {
      const own = badCase.ticket === 'open' ? open : solved;
      const number = badCase.ticket === 'unknown' ? 999_999 : badCase.ticket === 'abc' ? 'abc' : own.number;
      const before = await observe(own);
      const response = await server.api('POST', `/api/tickets/${number}/rating`, { body: badCase.body, headers: headersFor(badCase.key ?? 'own', own) });
      expectRefusal(response, badCase.name, badCase.status, badCase.code);
      expect(await ratings(), `${badCase.name}: no 'ticket.rated' audit event`).toEqual([]);
      expect(await observe(own), `${badCase.name}: ticket and audit trail unchanged`).toEqual(before);
    });

    it('still takes a valid rating of the Fixed ticket, once (the refusals above were about the input)', async () => {
      const response = await server.api('POST', `/api/tickets/${solved.number}/rating`, { body: valid, headers: headersFor('own', solved) });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect((await ratings()).map((event) => event.data)).toEqual([{ score: 5, comment: 'Thanks!', solvedBy: people.agent.agent.id }]);
    });
  });

  describe('POST /api/tickets with bad tags', () => {
    const valid = { subject: 'Tagged', body: 'Please route me', requester: { email: 'customer@example.com', name: 'Cleo' } };
    const cases: { name: string; tags: unknown }[] = [
      { name: 'tags a string', tags: 'billing' },
      { name: 'tags an object', tags: { 0: 'billing' } },
      { name: 'tags null', tags: null },
      { name: '21 tags (over 20)', tags: Array.from({ length: 21 }, (_, index) => `tag-${index}`) },
      { name: 'an empty tag', tags: ['billing', ''] },
      { name: 'a whitespace-only tag', tags: ['   '] },
      { name: 'a tag over 60 characters', tags: ['t'.repeat(61)] },
      { name: 'a number as a tag', tags: [5] },
      { name: 'a nested array as a tag', tags: [['billing']] },
    ];
    const nextNumber = async () => (await server.intake('counter probe')).number;

    it.each(cases)('refuses $name with 400 and registers no ticket', async ({ name, tags }) => {
      const before = await nextNumber();
      expectRefusal(await server.api('POST', '/api/tickets', { body: { ...valid, tags } }), name, 400);
      expect(await nextNumber(), `${name}: the next probe gets the very next number`).toBe(before + 1);
    });
  });

  describe('GET /api/kpi/live and /api/kpi/history', () => {
    const day = 86_400_000;
    const now = Date.now();
    const period = `from=${now - day}&to=${now}`;

    it.each([
      { name: 'live without a token', as: 'none' as Actor, path: '/api/kpi/live', status: 401 },
      { name: 'live with a forged token', as: 'forged' as Actor, path: '/api/kpi/live', status: 401 },
      { name: 'live as a plain agent', as: 'agent' as Actor, path: '/api/kpi/live', status: 403 },
      { name: 'live as an L3 agent', as: 'expert' as Actor, path: '/api/kpi/live', status: 403 },
      { name: 'history without a token', as: 'none' as Actor, path: `/api/kpi/history?${period}`, status: 401 },
      { name: 'history as a plain agent', as: 'agent' as Actor, path: `/api/kpi/history?${period}`, status: 403 },
    ])('refuses $name', async ({ name, as, path, status }) => {
      expectRefusal(await server.api('GET', path, { token: tokenOf(as) }), name, status);
    });

    it.each([
      { name: 'no query at all', query: '' },
      { name: 'missing from', query: `to=${now}` },
      { name: 'missing to', query: `from=${now - day}` },
      { name: 'to before from', query: `from=${now}&to=${now - day}` },
      { name: 'to equal to from', query: `from=${now}&to=${now}` },
      { name: 'a period over 366 days', query: `from=${now - 367 * day}&to=${now}` },
      { name: 'a negative from', query: `from=-1&to=${now}` },
      { name: 'a negative to', query: `from=0&to=-5` },
      { name: 'a non-numeric from', query: `from=yesterday&to=${now}` },
      { name: 'a fractional from', query: `from=1.5&to=${now}` },
      { name: 'from given twice', query: `from=1&from=2&to=${now}` },
      { name: 'an empty from (must not mean 1970)', query: `from=&to=${day}` },
      { name: 'an unknown parameter (strict)', query: `${period}&agentId=${crypto.randomUUID()}` },
      { name: 'a groupId that is not a uuid', query: `${period}&groupId=General` },
      { name: 'level 5', query: `${period}&level=5` },
      { name: 'level 0', query: `${period}&level=0` },
      { name: 'level "two"', query: `${period}&level=two` },
    ])('refuses a history query with $name (400)', async ({ name, query }) => {
      expectRefusal(await server.api('GET', `/api/kpi/history?${query}`, { token: people.supervisor.token }), name, 400);
    });

    it('answers the supervisor a valid live snapshot and history (the refusals above were about the input)', async () => {
      expect((await server.api('GET', '/api/kpi/live', { token: people.supervisor.token })).status).toBe(200);
      const history = await server.api('GET', `/api/kpi/history?${period}&groupId=${generalId}&level=1`, { token: people.supervisor.token });
      expect(history.status, JSON.stringify(history.body)).toBe(200);
      expect(history.body).toMatchObject({ from: now - day, to: now });
    });
  });
});
