import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing) console.warn(`[skip] knowledge base on PostgreSQL: ${postgresMissing}`);

/**
 * The knowledge base over HTTP, on both stores: who writes, who reads what, versions, search in
 * three languages, the public article page. The boundary under test throughout: an internal
 * article or a draft never reaches a caller without a token, by any path.
 */
describe.each([
  { store: 'sqlite', skip: false },
  { store: 'postgres', skip: postgresMissing !== null },
])('knowledge base ($store)', ({ store, skip }) => {
  let server: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let l1: SignedIn;
  let l3: SignedIn;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    if (skip) return;
    const scratch = store === 'postgres' ? await createScratchDatabase() : null;
    drop = scratch?.drop;
    server = await startTestServer({ databaseUrl: scratch?.url });
    l1 = await server.signIn({ name: 'Lea One' });
    l3 = await server.signIn({ name: 'Lars Three', level: 3 });
    const create = async (key: string, token: string, body: Record<string, unknown>) => {
      const created = await server.api('POST', '/api/kb/articles', { token, body });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      ids[key] = created.body.id;
    };
    await create('printerPl', l3.token, { title: 'Drukarka nie drukuje', body: 'Jeśli **drukarka** nie drukuje, wyłącz ją i włącz ponownie.\n\n<script>alert(1)</script>', visibility: 'public', language: 'pl', status: 'published', tags: ['drukarka'] });
    await create('passwordRu', server.adminToken, { title: 'Как сбросить пароль', body: 'Откройте страницу входа и нажмите «Забыли пароль?».', visibility: 'public', language: 'ru', status: 'published' });
    await create('vpnInternal', server.adminToken, { title: 'VPN gateway restart', body: 'Internal runbook: restart the VPN gateway from the jump host.', visibility: 'internal', language: 'en', status: 'published' });
    await create('draft', server.adminToken, { title: 'Printer firmware update', body: 'Draft: how to update printer firmware.', visibility: 'public', language: 'en' });
    await create('printerEn', server.adminToken, { title: 'The printer does not print', body: 'Switch the printer off and on again.', visibility: 'public', language: 'en', status: 'published', translationOf: ids.printerPl });
  });

  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  const anonymous = (path: string) => server.api('GET', path);
  const searched = async (query: string, token?: string) => ((await server.api('GET', `/api/kb/search?${query}`, { token })).body.results as { id: string }[]).map((hit) => hit.id);

  it.skipIf(skip)('lets supervisors, admins and L3 agents write, not L1 agents', async () => {
    const refused = await server.api('POST', '/api/kb/articles', { token: l1.token, body: { title: 'Mine', body: 'Text', visibility: 'public', language: 'en' } });
    expect(refused).toMatchObject({ status: 403, body: { error: expect.stringMatching(/L3/) } });
    const patched = await server.api('PATCH', `/api/kb/articles/${ids.printerEn}`, { token: l1.token, body: { title: 'Changed' } });
    expect(patched.status).toBe(403);
    expect((await anonymous(`/api/kb/articles/${ids.printerEn}`)).body.title).toBe('The printer does not print');
  });

  it.skipIf(skip)('answers a customer only published public articles; anything else is a 404 like a missing one', async () => {
    const shown = await anonymous(`/api/kb/articles/${ids.printerPl}`);
    expect(shown).toMatchObject({ status: 200, body: { title: 'Drukarka nie drukuje', language: 'pl', status: 'published', translations: [{ id: ids.printerEn, language: 'en' }] } });
    expect(shown.body.createdBy).toBeUndefined();
    expect(shown.body.sourceTicketId).toBeUndefined();
    const missing = await anonymous('/api/kb/articles/00000000-0000-4000-8000-000000000000');
    for (const key of ['vpnInternal', 'draft']) {
      const refused = await anonymous(`/api/kb/articles/${ids[key]}`);
      expect(refused, key).toEqual(missing);
    }
    expect(missing.status).toBe(404);
    // By slug too.
    expect((await anonymous(`/api/kb/articles/${shown.body.slug}`)).body.id).toBe(ids.printerPl);
  });

  it.skipIf(skip)('lets agents read internal articles and editors read drafts', async () => {
    expect((await server.api('GET', `/api/kb/articles/${ids.vpnInternal}`, { token: l1.token })).status).toBe(200);
    expect((await server.api('GET', `/api/kb/articles/${ids.draft}`, { token: l1.token })).status).toBe(404);
    expect((await server.api('GET', `/api/kb/articles/${ids.draft}`, { token: l3.token })).status).toBe(200);
    // A token that names no session is refused, never read as a customer.
    expect((await server.api('GET', `/api/kb/articles/${ids.printerPl}`, { token: 'not-a-session' })).status).toBe(401);
  });

  it.skipIf(skip)('searches every form of a word in three languages; customers never find internal articles or drafts', async () => {
    expect(await searched(`q=${encodeURIComponent('drukarki')}`)).toEqual([ids.printerPl]);
    expect(await searched(`q=${encodeURIComponent('пароля')}`)).toEqual([ids.passwordRu]);
    expect(await searched('q=printers')).toEqual([ids.printerEn]);
    expect(await searched('q=vpn')).toEqual([]);
    expect(await searched('q=vpn', l1.token)).toEqual([ids.vpnInternal]);
    expect(await searched('q=firmware', server.adminToken)).toEqual([]);
    expect(await searched(`q=${encodeURIComponent('drukarka')}&language=en`)).toEqual([]);
    const [hit] = (await anonymous(`/api/kb/search?q=${encodeURIComponent('drukuje')}&limit=1`)).body.results;
    expect(hit).toEqual({ id: ids.printerPl, title: 'Drukarka nie drukuje', snippet: expect.stringContaining('drukarka nie drukuje'), score: expect.any(Number), visibility: 'public' });
  });

  it.skipIf(skip)('keeps every version with its author; a stale edit is refused; unpublishing hides it everywhere', async () => {
    const edited = await server.api('PATCH', `/api/kb/articles/${ids.passwordRu}`, { token: l3.token, headers: { 'if-match': '1' }, body: { body: 'Нажмите «Забыли пароль?» и проверьте почту.' } });
    expect(edited).toMatchObject({ status: 200, body: { version: 2, updatedBy: l3.agent.id } });
    const stale = await server.api('PATCH', `/api/kb/articles/${ids.passwordRu}`, { token: server.adminToken, headers: { 'if-match': '1' }, body: { title: 'Old edit' } });
    expect(stale.status).toBe(409);
    const versions = await server.api('GET', `/api/kb/articles/${ids.passwordRu}/versions`, { token: l1.token });
    expect(versions.body.versions.map((version: { version: number; authorId: string }) => [version.version, version.authorId])).toEqual([[2, l3.agent.id], [1, expect.any(String)]]);

    await server.api('PATCH', `/api/kb/articles/${ids.passwordRu}`, { token: server.adminToken, body: { status: 'draft' } });
    expect((await anonymous(`/api/kb/articles/${ids.passwordRu}`)).status).toBe(404);
    expect(await searched(`q=${encodeURIComponent('пароль')}`)).toEqual([]);
    expect(await searched(`q=${encodeURIComponent('пароль')}`, l1.token)).toEqual([]);
    await server.api('PATCH', `/api/kb/articles/${ids.passwordRu}`, { token: server.adminToken, body: { status: 'published' } });
    expect(await searched(`q=${encodeURIComponent('почту')}`)).toEqual([ids.passwordRu]);
  });

  it.skipIf(skip)('queues precedents without an article for L3; an article written from one takes it off the queue', async () => {
    const ticket = await server.intake('Scanner shows error 42', 'The scanner on floor 2 shows error 42.');
    const marked = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: l3.token, body: { precedent: true } });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    const queue = async () => ((await server.api('GET', '/api/kb/precedents', { token: l3.token })).body.tickets as { number: number }[]).map((entry) => entry.number);
    expect(await queue()).toContain(ticket.number);
    expect((await server.api('GET', '/api/kb/precedents', { token: l1.token })).status).toBe(403);

    const written = await server.api('POST', '/api/kb/articles', { token: l3.token, body: { title: 'Scanner error 42', body: 'Clear the paper path.', visibility: 'public', language: 'en', sourceTicketNumber: ticket.number } });
    expect(written.status).toBe(201);
    expect((await server.api('GET', `/api/kb/articles/${written.body.id}`, { token: l3.token })).body).toMatchObject({ sourceTicketId: ticket.id, status: 'draft' });
    expect(await queue()).not.toContain(ticket.number);
    const unknown = await server.api('POST', '/api/kb/articles', { token: l3.token, body: { title: 'x', body: 'y', visibility: 'public', language: 'en', sourceTicketNumber: 999_999 } });
    expect(unknown.status).toBe(404);
  });

  it.skipIf(skip)('refuses bad input with a clear 400 and changes nothing', async () => {
    const before = await server.api('GET', `/api/kb/articles/${ids.printerEn}`, { token: server.adminToken });
    const bad: [string, unknown][] = [
      ['POST', { title: '', body: 'x', visibility: 'public', language: 'en' }],
      ['POST', { title: 'x', body: 'x', visibility: 'secret', language: 'en' }],
      ['POST', { title: 'x', body: 'x', visibility: 'public', language: 'de' }],
      ['POST', { title: 'x', body: 'x'.repeat(100_001), visibility: 'public', language: 'en' }],
      ['POST', { title: 'x', body: 'x', visibility: 'public', language: 'en', owner: 'me' }],
      ['PATCH', {}],
      ['PATCH', { status: 'archived' }],
    ];
    for (const [method, body] of bad) {
      const path = method === 'POST' ? '/api/kb/articles' : `/api/kb/articles/${ids.printerEn}`;
      const response = await server.api(method, path, { token: server.adminToken, body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.body.error).toMatch(/^invalid /);
    }
    expect((await server.api('PATCH', `/api/kb/articles/${ids.printerEn}`, { token: server.adminToken, headers: { 'if-match': 'soon' }, body: { title: 'x' } })).status).toBe(400);
    for (const query of ['q=', 'q=x&limit=0', 'q=x&limit=51', 'q=x&language=de', 'q=x&extra=1']) expect((await anonymous(`/api/kb/search?${query}`)).status, query).toBe(400);
    expect((await anonymous('/api/kb/articles/bad%20id')).status).toBe(400);
    expect(await server.api('GET', `/api/kb/articles/${ids.printerEn}`, { token: server.adminToken })).toEqual(before);
  });

  it.skipIf(skip)('serves a public article as a page without an account, Markdown rendered safely; others are a 404 page', async () => {
    const { body: article } = await anonymous(`/api/kb/articles/${ids.printerPl}`);
    const page = await fetch(`${server.url}/kb/${article.slug}`, { headers: { 'accept-language': 'ru' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<strong>drukarka</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain(`href="/kb/${ids.printerEn}"`);
    for (const ref of [ids.vpnInternal, ids.draft, 'no-such-article', '..%2Fetc']) {
      const refused = await fetch(`${server.url}/kb/${ref}`);
      expect(refused.status, ref).toBe(404);
      expect(await refused.text()).not.toMatch(/VPN|firmware/);
    }
  });
});
