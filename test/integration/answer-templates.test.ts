import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../core';
import type { OpenedDeskSession } from '../../renderer/sync/open-desk-session';
import { eventually } from '../support/eventually';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing) console.warn(`[skip] answer templates on PostgreSQL: ${postgresMissing}`);

/**
 * Answer templates on both stores: who keeps which, the placeholder rule at save, and the feed
 * that brings each console the shared templates and its agent's own (never a colleague's).
 */
describe.each([
  { store: 'sqlite', skip: false },
  { store: 'postgres', skip: postgresMissing !== null },
])('answer templates ($store)', ({ store, skip }) => {
  let server: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let anna: SignedIn;
  let boris: SignedIn;
  let supervisor: SignedIn;
  let annaDesk: OpenedDeskSession;
  let borisDesk: OpenedDeskSession;
  const borisReceived: string[] = [];
  const names = async (desk: OpenedDeskSession) => (await current(desk.templates$())).map((template: Template) => template.name);

  beforeAll(async () => {
    if (skip) return;
    const scratch = store === 'postgres' ? await createScratchDatabase() : null;
    drop = scratch?.drop;
    server = await startTestServer({ databaseUrl: scratch?.url });
    anna = await server.signIn({ name: 'Anna Nowak' });
    boris = await server.signIn({ name: 'Boris Agent' });
    supervisor = await server.signIn({ name: 'Sam Supervisor', role: 'supervisor' });
    annaDesk = await openTestDesk(server.url, anna, { presence: 'away' });
    borisDesk = await openTestDesk(server.url, boris, { presence: 'away' });
    // Everything Boris's console is sent: a colleague's personal template must never be in it.
    borisDesk.socket.on('sync:changed', (batch) => borisReceived.push(JSON.stringify(batch)));
  });

  afterAll(async () => {
    await annaDesk?.close();
    await borisDesk?.close();
    await server?.stop();
    await drop?.();
  });

  const create = (token: string, body: unknown) => server.api('POST', '/api/templates', { token, body });

  it.skipIf(skip)('refuses an unknown placeholder, naming it, and stores nothing', async () => {
    const refused = await create(supervisor.token, { name: 'Broken', body: 'Hello {{customer.firstName}}', scope: 'shared' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/unknown placeholder \{\{customer\.firstName\}\}/);
    expect((await server.api('GET', '/api/templates', { token: supervisor.token })).body.templates).toEqual([]);
  });

  it.skipIf(skip)('lets supervisors keep shared templates and every agent their own', async () => {
    const shared = await create(supervisor.token, { name: 'Refund done', body: 'Hello {{customer.name}}, refund for #{{ticket.number}} is done. {{agent.firstName}}', scope: 'shared', actions: { status: 'fixed', addTags: ['refund'] } });
    expect(shared.status).toBe(201);
    expect((await create(anna.token, { name: 'Sneaky', body: 'x', scope: 'shared' })).status).toBe(403);
    expect((await create(anna.token, { name: 'Anna’s greeting', body: 'Hi {{customer.name}}!', scope: 'personal' })).status).toBe(201);
    expect((await server.api('PATCH', `/api/templates/${shared.body.id}`, { token: anna.token, body: { name: 'Mine now' } })).status).toBe(403);
    const listed = (await server.api('GET', '/api/templates', { token: anna.token })).body.templates as Template[];
    expect(listed.map((template) => template.name)).toEqual(['Anna’s greeting', 'Refund done']);
    // Boris sees the shared one only, and Anna's answers as missing, even to a supervisor.
    expect(((await server.api('GET', '/api/templates', { token: boris.token })).body.templates as Template[]).map((template) => template.name)).toEqual(['Refund done']);
    const annas = listed.find((template) => template.scope === 'personal')!;
    expect((await server.api('PATCH', `/api/templates/${annas.id}`, { token: supervisor.token, body: { name: 'x' } })).status).toBe(404);
    expect((await server.api('DELETE', `/api/templates/${annas.id}`, { token: boris.token })).status).toBe(404);
  });

  it.skipIf(skip)('brings each console the shared templates and its agent’s own, never a colleague’s', async () => {
    await eventually('Anna’s templates', async () => (await names(annaDesk)).length === 2);
    expect(await names(annaDesk)).toEqual(['Anna’s greeting', 'Refund done']);
    await eventually('Boris’s templates', async () => (await names(borisDesk)).length === 1);
    const page = (await borisDesk.socket.emitWithAck('sync:pull', { collection: 'library', checkpoint: null, batchSize: 100 })) as { documents: unknown[] };
    expect(JSON.stringify(page.documents)).not.toContain('Anna’s greeting');
    expect(borisReceived.join()).toContain('Refund done');
    expect(borisReceived.join()).not.toContain('Anna’s greeting');
  });

  it.skipIf(skip)('streams an edit, refuses an edit over a newer version, and removes a deleted template', async () => {
    const [refund] = ((await server.api('GET', '/api/templates', { token: supervisor.token })).body.templates as Template[]);
    const edited = await server.api('PATCH', `/api/templates/${refund!.id}`, { token: supervisor.token, body: { name: 'Refund completed' }, headers: { 'if-match': String(refund!.version) } });
    expect(edited).toMatchObject({ status: 200, body: { name: 'Refund completed', version: 2 } });
    const stale = await server.api('PATCH', `/api/templates/${refund!.id}`, { token: supervisor.token, body: { name: 'Late' }, headers: { 'if-match': '1' } });
    expect(stale.status).toBe(409);
    await eventually('the edit on Boris’s desk', async () => (await names(borisDesk)).includes('Refund completed'));
    expect((await server.api('DELETE', `/api/templates/${refund!.id}`, { token: supervisor.token })).status).toBe(204);
    await eventually('the deleted template gone', async () => (await names(borisDesk)).length === 0);
    expect(await names(annaDesk)).toEqual(['Anna’s greeting']);
    expect((await server.api('PATCH', `/api/templates/${refund!.id}`, { token: supervisor.token, body: { name: 'Back' } })).status).toBe(404);
  });

  it.skipIf(skip)('applies a template’s tags through the setTags intent', async () => {
    const ticket = await server.intake('Refund please', 'I was charged twice.');
    const tagged = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: server.adminToken, body: { tags: ['refund', 'Refund', 'billing'] } });
    expect(tagged).toMatchObject({ status: 200, body: { tags: ['refund', 'billing'] } });
    const bad = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: server.adminToken, body: { tags: [''] } });
    expect(bad.status).toBe(400);
  });
});
