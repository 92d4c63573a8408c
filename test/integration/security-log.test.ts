import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../support/http-expectations';
import { startTestServer, type TestServer } from '../support/test-server';

type Entry = { id: number; at: number; kind: string; agentId: string | null; email: string | null; address: string | null; detail: Record<string, unknown> };

/** GET /api/admin/security-log: admins only, newest first, paged by id, filtered by kind. */
describe('security log', () => {
  let server: TestServer;
  const read = (query = '', token = server.adminToken) => server.api('GET', `/api/admin/security-log${query}`, { token });

  beforeAll(async () => {
    server = await startTestServer();
    // Twelve distinct failed sign-ins (distinct emails, so none is folded into a repeat).
    for (let index = 0; index < 12; index += 1) {
      await server.api('POST', '/api/auth/login', { body: { email: `intruder${index}@test.local`, password: 'not-a-password' } });
    }
    await server.app.securityLog.flush();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('pages newest first with the id cursor until the oldest entry', async () => {
    const everything = (await read('?limit=200')).body as { events: Entry[]; nextBefore: number | null; kinds: string[] };
    expect(everything.nextBefore).toBeNull();
    expect(everything.kinds).toEqual(expect.arrayContaining(['sign_in_failed', 'sign_in', 'two_factor_enabled', 'password_reset', 'sessions_revoked']));
    const ids = everything.events.map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(everything.events.filter((event) => event.kind === 'sign_in_failed')).toHaveLength(12);

    const paged: Entry[] = [];
    let before: number | null = null;
    for (let page = 0; page < 20; page += 1) {
      const answer = await read(`?limit=5${before === null ? '' : `&before=${before}`}`);
      expect(answer.status).toBe(200);
      expect(answer.body.events.length).toBeLessThanOrEqual(5);
      paged.push(...answer.body.events);
      before = answer.body.nextBefore;
      if (before === null) break;
    }
    expect(paged.map((event) => event.id)).toEqual(ids);
    expect(paged[0]).toEqual({ id: expect.any(Number), at: expect.any(Number), kind: expect.any(String), agentId: expect.toBeOneOf([null, expect.any(String)]), email: expect.toBeOneOf([null, expect.any(String)]), address: expect.toBeOneOf([null, expect.any(String)]), detail: expect.any(Object) });
  });

  it('filters by kind', async () => {
    const failed = (await read('?kind=sign_in_failed&limit=5')).body;
    expect(failed.events).toHaveLength(5);
    expect(failed.events.every((event: Entry) => event.kind === 'sign_in_failed')).toBe(true);
    expect(failed.events[0].email).toBe('intruder11@test.local');
    expect(failed.events[0].address).toBe('127.0.0.1');
    const rest = (await read(`?kind=sign_in_failed&limit=200&before=${failed.nextBefore}`)).body;
    expect(rest.events).toHaveLength(7);
    expect(rest.nextBefore).toBeNull();
    expect((await read('?kind=recovery_code_used')).body.events).toEqual([]);
  });

  it('is for admins only', async () => {
    const agent = await server.signIn({ name: 'Curious Cat' });
    const supervisor = await server.signIn({ name: 'Super Sal', role: 'supervisor' });
    expectError(await read('', agent.token), 403);
    expectError(await read('', supervisor.token), 403);
    expectError(await server.api('GET', '/api/admin/security-log'), 401);
  });

  it('refuses malformed queries with 400', async () => {
    for (const query of ['?limit=0', '?limit=201', '?limit=abc', '?limit=1.5', '?before=0', '?before=-3', '?before=x', '?kind=not_a_kind', '?kind=DROP%20TABLE', '?page=2']) {
      expectError(await read(query), 400, /invalid security log query/);
    }
  });
});
