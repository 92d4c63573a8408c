import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDeskSession } from '../../renderer/sync/open-desk-session';
import { eventually } from '../support/eventually';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * The knowledge base in a real console data layer (RxDB, replication) against the real server:
 * published articles replicate, internal ones included, drafts never; they are searchable offline;
 * an open ticket gets articles and solved tickets suggested.
 */
describe('knowledge base in the console', () => {
  let server: TestServer;
  let agent: SignedIn;
  let desk: OpenedDeskSession;
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const created = await server.api('POST', '/api/kb/articles', { token: server.adminToken, body });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    ids[key] = created.body.id;
  };
  const localIds = async () => (await current(desk.articles$('any'))).map((article) => article.id).sort();

  beforeAll(async () => {
    server = await startTestServer();
    agent = await server.signIn({ name: 'Kai Agent' });
    await create('printer', { title: 'Drukarka nie drukuje', body: 'Wyłącz drukarkę i włącz ją ponownie. Sprawdź papier.', visibility: 'public', language: 'pl', status: 'published' });
    await create('runbook', { title: 'VPN gateway restart', body: 'Internal runbook for the VPN gateway.', visibility: 'internal', language: 'en', status: 'published' });
    await create('draft', { title: 'Secret draft about printers', body: 'Not for agents yet: printer firmware.', visibility: 'public', language: 'en' });
    desk = await openTestDesk(server.url, agent, { presence: 'away' });
  });

  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });

  it('replicates published articles, internal ones included, and never a draft', async () => {
    await eventually('articles on the desk', async () => (await localIds()).length === 2);
    expect(await localIds()).toEqual([ids.printer!, ids.runbook!].sort());
  });

  it('sends a draft only as a blank removal marker: no agent reads its words', async () => {
    const page = (await desk.socket.emitWithAck('sync:pull', { collection: 'library', checkpoint: null, batchSize: 100 })) as { ok: boolean; documents: { id: string; article: unknown; _deleted: boolean }[] };
    expect(page.ok).toBe(true);
    const draft = page.documents.find((doc) => doc.id === ids.draft);
    expect(draft).toMatchObject({ _deleted: true, article: null });
    expect(JSON.stringify(page.documents)).not.toMatch(/firmware|Secret/);
  });

  it('brings a newly published article live and removes an unpublished one', async () => {
    await server.api('PATCH', `/api/kb/articles/${ids.draft}`, { token: server.adminToken, body: { status: 'published' } });
    await eventually('the published draft', async () => (await localIds()).includes(ids.draft!));
    await server.api('PATCH', `/api/kb/articles/${ids.draft}`, { token: server.adminToken, body: { status: 'draft' } });
    await eventually('the unpublished article gone', async () => !(await localIds()).includes(ids.draft!));
    expect(await current(desk.article$(ids.draft!))).toBeNull();
  });

  it('searches articles offline, by another form of a word', async () => {
    desk.socket.disconnect();
    try {
      const hits = await desk.searchArticles('drukarki');
      expect(hits.map((hit) => hit.articleId)).toEqual([ids.printer]);
      expect(hits[0]!.snippet.highlights.length).toBeGreaterThan(0);
      expect((await desk.searchArticles('gateway')).map((hit) => hit.articleId)).toEqual([ids.runbook]);
      expect(await desk.searchArticles('firmware')).toEqual([]);
    } finally {
      desk.socket.connect();
    }
  });

  it('suggests the relevant article and a similar solved ticket for an open ticket', async () => {
    const solved = await server.intake('Drukarka w biurze', 'Nasza drukarka nie drukuje od rana.');
    await server.api('PATCH', `/api/tickets/${solved.number}`, { token: server.adminToken, body: { status: 'in_progress' } });
    await server.api('PATCH', `/api/tickets/${solved.number}`, { token: server.adminToken, body: { status: 'fixed' } });
    const open = await server.intake('Problem z drukarką', 'Drukarki nie drukują, co robić?');
    await server.intake('Laptop', 'The screen flickers.');
    await eventually('tickets on the desk', async () => (await desk.searchTickets('drukarki', { status: 'any', mine: false, channel: 'any' })).length === 2);
    const suggestions = await desk.suggestionsFor(open.id);
    expect(suggestions.articles.map((hit) => hit.articleId)[0]).toBe(ids.printer);
    expect(suggestions.solvedTickets.map((hit) => hit.number)).toEqual([solved.number]);
  });
});
