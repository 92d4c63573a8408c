import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../server/store/audit-repository';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/test-server';

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing) console.warn(`[skip] self-service offers on PostgreSQL: ${postgresMissing}`);

/**
 * Self-service answers end to end, on both stores: a request that a public article answers is
 * offered it in the acknowledgement; the customer opens it without an account, and "This solved my
 * problem" sets the ticket Fixed, credited to no agent, counted as deflection. An internal article
 * or a draft is never offered; the thresholds are settable and each decision is in the audit log.
 */
describe.each([
  { store: 'sqlite', skip: false },
  { store: 'postgres', skip: postgresMissing !== null },
])('self-service offers ($store)', ({ store, skip }) => {
  let server: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let passwordArticle: { id: string; slug: string };

  beforeAll(async () => {
    if (skip) return;
    const scratch = store === 'postgres' ? await createScratchDatabase() : null;
    drop = scratch?.drop;
    server = await startTestServer({ databaseUrl: scratch?.url, env: { TIERDESK_SECRET_KEY: 'self-service-test-secret-key-0123456789' } });
    const publish = async (body: Record<string, unknown>) => {
      const created = await server.api('POST', '/api/kb/articles', { token: server.adminToken, body });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      return created.body as { id: string; slug: string };
    };
    passwordArticle = await publish({ title: 'Reset a forgotten password', body: 'Open the sign-in page and press **Forgot password**.', visibility: 'public', language: 'en', status: 'published' });
    await publish({ title: 'VPN token for staff laptops', body: 'Internal: issue a VPN token from the admin tool.', visibility: 'internal', language: 'en', status: 'published' });
    await publish({ title: 'Printer toner replacement', body: 'Draft only.', visibility: 'public', language: 'en' });
  });

  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  const acknowledgementOf = async (number: number): Promise<string> => {
    const ticket = await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken });
    return (ticket.body.messages as { kind: string; body: string }[]).find((message) => message.kind === 'auto_reply')!.body;
  };
  const offerPath = (acknowledgement: string): string => {
    const url = /https?:\/\/\S+\/kb\/\S+\?offer=\S+/.exec(acknowledgement)?.[0];
    if (!url) throw new Error(`no offer link in: ${acknowledgement}`);
    return new URL(url).pathname + new URL(url).search;
  };
  const page = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${server.url}${path}`, init);
    return { status: response.status, html: await response.text(), cache: response.headers.get('cache-control') };
  };
  const answer = (path: string, token: string, value: 'solved' | 'help') =>
    page(`${path.split('?')[0]}/offer`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ offer: token, answer: value }).toString() });
  const registeredDecision = async (ticketId: string) => (await listAuditEvents(server.app.database.db, ticketId)).find((event) => event.type === 'ticket.registered')!.data.selfService as Record<string, unknown>;

  it.skipIf(skip)('offers the matching public article, and "This solved my problem" sets the ticket Fixed for no agent', async () => {
    const ticket = await server.intake('I forgot my password', 'Hello, I cannot sign in. How do I reset my forgotten password?');
    const acknowledgement = await acknowledgementOf(ticket.number);
    expect(acknowledgement).toContain('This may answer your question: “Reset a forgotten password”');
    const path = offerPath(acknowledgement);
    expect(path.startsWith(`/kb/${passwordArticle.slug}?offer=`)).toBe(true);
    expect(await registeredDecision(ticket.id)).toMatchObject({ offered: passwordArticle.id, reason: 'offered', candidates: [{ articleId: passwordArticle.id, shared: 3, coverage: 1 }] });

    const offered = await page(path);
    expect(offered.status).toBe(200);
    expect(offered.cache).toBe('no-store');
    expect(offered.html).toContain('This solved my problem');
    expect(offered.html).toContain(`Did this answer your request #${ticket.number}?`);
    // The article's own link (what agents insert) asks nothing; a tampered token shows the article alone.
    expect((await page(`/kb/${passwordArticle.slug}`)).html).not.toContain('This solved my problem');
    expect((await page(`${path}x`)).html).not.toContain('This solved my problem');
    const token = new URLSearchParams(path.split('?')[1]).get('offer')!;
    expect((await answer(path, `${token}x`, 'solved')).status).toBe(404);

    const solved = await answer(path, token, 'solved');
    expect(solved.status).toBe(200);
    expect(solved.html).toContain(`Request #${ticket.number} is marked solved`);
    const after = await server.api('GET', `/api/tickets/${ticket.number}`, { token: server.adminToken });
    expect(after.body).toMatchObject({ status: 'fixed', assigneeId: null });
    expect(after.body.fixedAt).toBeGreaterThan(0);
    const events = await listAuditEvents(server.app.database.db, ticket.id);
    expect(events.find((event) => event.type === 'ticket.self_solved')).toMatchObject({ actorType: 'customer', actorId: null, data: { from: 'new', articleId: passwordArticle.id } });
    expect(events.some((event) => event.type === 'ticket.status_changed')).toBe(false);
    // Answered again: it is solved already, and nothing changes.
    expect((await answer(path, token, 'solved')).status).toBe(409);

    const live = await server.api('GET', '/api/kpi/live', { token: server.adminToken });
    expect(live.body.team).toMatchObject({ solvedToday: 0, selfSolvedToday: 1, deflectionToday: { part: 1, whole: 1, share: 1 } });
    const day = Date.now();
    const history = await server.api('GET', `/api/kpi/history?from=${day - 3_600_000}&to=${day + 3_600_000}`, { token: server.adminToken });
    expect(history.body.team).toMatchObject({ solved: 0, selfSolved: 1, deflection: { part: 1, whole: 1 } });
    expect((history.body.agents as { solved: number }[]).every((agent) => agent.solved === 0)).toBe(true);
  });

  it.skipIf(skip)('records "I still need help" and leaves the ticket to the team', async () => {
    const ticket = await server.intake('Password reset', 'I forgot my password and need to reset it.');
    const path = offerPath(await acknowledgementOf(ticket.number));
    const helped = await answer(path, new URLSearchParams(path.split('?')[1]).get('offer')!, 'help');
    expect(helped.status).toBe(200);
    expect(helped.html).toContain(`An agent will answer your request #${ticket.number}`);
    expect((await server.api('GET', `/api/tickets/${ticket.number}`, { token: server.adminToken })).body.status).toBe('new');
    expect((await listAuditEvents(server.app.database.db, ticket.id)).map((event) => event.type)).toContain('ticket.self_service_declined');
  });

  it.skipIf(skip)('never offers an internal article or a draft, and says why in the audit log', async () => {
    for (const [subject, body] of [
      ['VPN token for staff laptops', 'I need a VPN token for my staff laptop.'],
      ['Printer toner replacement', 'How do I do the printer toner replacement?'],
    ]) {
      const ticket = await server.intake(subject!, body!);
      const acknowledgement = await acknowledgementOf(ticket.number);
      expect(acknowledgement).not.toContain('/kb/');
      expect(acknowledgement).not.toMatch(/VPN token for staff|toner/);
      expect((await registeredDecision(ticket.id)).offered).toBeNull();
    }
  });

  it.skipIf(skip)('takes settable thresholds from admins only, and weighs every new request with them', async () => {
    expect((await server.api('GET', '/api/admin/self-service', { token: server.adminToken })).body).toEqual({ enabled: true, minTitleCoverage: 0.4, minSharedWords: 2 });
    const agent = await server.signIn({ name: 'Ann Agent' });
    expect((await server.api('PUT', '/api/admin/self-service', { token: agent.token, body: { enabled: false, minTitleCoverage: 0.75, minSharedWords: 2 } })).status).toBe(403);
    const bad = await server.api('PUT', '/api/admin/self-service', { token: server.adminToken, body: { enabled: true, minTitleCoverage: 2, minSharedWords: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/minTitleCoverage/);

    // One of the title's three words is not enough by default (two shared words), and is at one.
    const partly = await server.intake('Password', 'I forgot my password yesterday.');
    expect(await registeredDecision(partly.id)).toMatchObject({ offered: null, reason: 'below_threshold', candidates: [{ articleId: passwordArticle.id, shared: 1 }] });
    await server.api('PUT', '/api/admin/self-service', { token: server.adminToken, body: { enabled: true, minTitleCoverage: 0.3, minSharedWords: 1 } });
    const now = await server.intake('Password', 'I forgot my password yesterday.');
    expect(await acknowledgementOf(now.number)).toContain('Reset a forgotten password');

    await server.api('PUT', '/api/admin/self-service', { token: server.adminToken, body: { enabled: false, minTitleCoverage: 0.6, minSharedWords: 2 } });
    const off = await server.intake('I forgot my password', 'How do I reset my forgotten password?');
    expect(await acknowledgementOf(off.number)).not.toContain('/kb/');
    expect(await registeredDecision(off.id)).toMatchObject({ offered: null, reason: 'disabled' });
  });
});
