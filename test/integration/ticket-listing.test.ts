import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { createGroup, leaveGeneral } from '../support/routing-fixtures';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing) console.warn(`[skip] ticket listing on PostgreSQL: ${postgresMissing}`);

/**
 * GET /api/tickets for integrations: newest first, filtered by requester, status, channel and
 * text, paged by cursor, and only what the caller may see. On both stores: the text match reads
 * the stemmed terms of core/search (SQLite FTS5, PostgreSQL tsvector).
 */
describe.each([
  { store: 'sqlite', skip: false },
  { store: 'postgres', skip: postgresMissing !== null },
])('listing tickets over HTTP ($store)', ({ store, skip }) => {
  let server: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let outsider: SignedIn;
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    if (skip) return;
    const scratch = store === 'postgres' ? await createScratchDatabase() : null;
    drop = scratch?.drop;
    server = await startTestServer({ databaseUrl: scratch?.url, env: { ...ROOMY_INTAKE_LIMITS, TIERDESK_SECRET_KEY: 'k'.repeat(40) } });
    await createGroup(server, 'Billing', ['billing']);
    outsider = await server.signIn({ name: 'Only Billing' });
    // Billing's only member (offline: nothing is routed to them): General's tickets are not theirs to see.
    await leaveGeneral(server, [outsider.agent.id]);
    const billing = (await server.api('GET', '/api/groups', { token: server.adminToken })).body.find((group: { name: string }) => group.name === 'Billing');
    const joined = await server.api('PUT', `/api/groups/${billing.id}/members`, { token: server.adminToken, body: [{ agentId: outsider.agent.id, level: 1, capacity: 1 }] });
    if (joined.status !== 200) throw new Error(JSON.stringify(joined.body));
    const post = async (key: string, body: Record<string, unknown>) => {
      const response = await server.api('POST', '/api/tickets', { body: { body: `${key} body`, requester: { email: 'cleo@customer.test' }, ...body } });
      numbers[key] = response.body.number;
    };
    await post('printer', { subject: 'Printer on fire', requester: { email: 'anna@customer.test', name: 'Anna' }, channel: 'email' });
    await post('invoice', { subject: 'Invoice 7 is wrong', tags: ['billing'], channel: 'portal' });
    await post('percent', { subject: '100% broken', channel: 'api' });
    await post('vpn', { subject: 'VPN drops', channel: 'phone' });
    await post('polish', { subject: 'Biuro', body: 'Nasza drukarka znowu nie drukuje', requester: { email: 'jan@firma.test', name: 'Jan Kowalski' } });
    await post('russian', { subject: 'Почта', body: 'Не могу сбросить пароль, пришлите счёт' });
    await server.api('POST', `/api/tickets/${numbers.vpn}/messages`, { token: server.adminToken, body: { kind: 'note', body: 'Looks like the Frobnicator again' } });
    await server.api('PATCH', `/api/tickets/${numbers.vpn}`, { token: server.adminToken, body: { status: 'in_progress' } });
  });

  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  const list = async (query: string, token = server.adminToken) => server.api('GET', `/api/tickets${query}`, { token });
  const listed = async (query: string, token?: string) => ((await list(query, token)).body.tickets as { number: number }[]).map((ticket) => ticket.number);

  it.skipIf(skip)('lists newest first, a page at a time, each page continuing where the last ended', async () => {
    const all = await listed('');
    expect(all).toEqual([numbers.russian, numbers.polish, numbers.vpn, numbers.percent, numbers.invoice, numbers.printer]);
    const first = await list('?limit=5');
    expect(first.body.tickets.map((ticket: { number: number }) => ticket.number)).toEqual(all.slice(0, 5));
    expect(first.body.tickets[2]).toMatchObject({ subject: 'VPN drops', status: 'in_progress', slaState: expect.any(String) });
    expect(first.body.tickets[0].messages).toBeUndefined();
    const second = await list(`?limit=5&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ tickets: [expect.objectContaining({ number: numbers.printer })], nextCursor: null });
  });

  it.skipIf(skip)('filters by requester, status, channel and text (subject, requester, number or any message)', async () => {
    expect(await listed('?requester=ANNA@customer.test')).toEqual([numbers.printer]);
    expect(await listed('?status=in_progress')).toEqual([numbers.vpn]);
    expect(await listed('?status=new,in_progress&channel=portal')).toEqual([numbers.invoice]);
    expect(await listed('?q=printer')).toEqual([numbers.printer]);
    expect(await listed('?q=frobnicator')).toEqual([numbers.vpn]);
    expect(await listed(`?q=${encodeURIComponent('100%')}`)).toEqual([numbers.percent]);
    expect(await listed(`?q=${numbers.vpn}`)).toEqual([numbers.vpn]);
    expect(await listed('?q=kowalski')).toEqual([numbers.polish]);
  });

  it.skipIf(skip)('matches every form of a word (English, Polish, Russian), each word anywhere in the ticket, as the console does', async () => {
    expect(await listed('?q=printers')).toEqual([numbers.printer]);
    expect(await listed('?q=printing')).toEqual([numbers.printer]);
    for (const form of ['drukarki', 'drukarce', 'drukarkę', 'drukarkami']) expect(await listed(`?q=${encodeURIComponent(form)}`), form).toEqual([numbers.polish]);
    for (const form of ['пароля', 'паролем', 'счет', 'счета']) expect(await listed(`?q=${encodeURIComponent(form)}`), form).toEqual([numbers.russian]);
    // One word in the subject, the other in a note: both count. A word in neither: no match.
    expect(await listed(`?q=${encodeURIComponent('vpn frobnicator')}`)).toEqual([numbers.vpn]);
    expect(await listed(`?q=${encodeURIComponent('vpn printer')}`)).toEqual([]);
    // A word's beginning finds it; stop words alone find nothing.
    expect(await listed('?q=frobni')).toEqual([numbers.vpn]);
    expect(await listed(`?q=${encodeURIComponent('the and %')}`)).toEqual([]);
    // Quotes and FTS operators are only words: no syntax error, no injection.
    expect((await list(`?q=${encodeURIComponent('"printer" OR NEAR(x) \' -- *')}`)).status).toBe(200);
  });

  it.skipIf(skip)('shows an agent only the tickets they may see', async () => {
    expect(await listed('', outsider.token)).toEqual([numbers.invoice]);
    expect(await listed('?q=printer', outsider.token)).toEqual([]);
  });

  it.skipIf(skip)('refuses a bad query with a clear 400, and asks for a session', async () => {
    for (const query of ['?status=open', '?channel=fax', '?limit=0', '?limit=101', '?cursor=garbage!', '?requester=not-an-email', '?q=', '?unknown=1']) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error, query).toMatch(/^invalid (query|cursor)/);
    }
    expect((await server.api('GET', '/api/tickets')).status).toBe(401);
  });
});
