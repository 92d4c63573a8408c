import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER, DESK, startMailDesk, type MailDesk } from '../support/mail-desk';
import type { SignedIn } from '../support/test-server';

/** Spam rules over real SMTP: suspects are held for an agent to release or delete, never dropped. */
describe('email channel: spam is held for review, never dropped', () => {
  let desk: MailDesk;
  let agent: SignedIn;

  beforeAll(async () => {
    desk = await startMailDesk();
    agent = await desk.server.signIn({ name: 'Spam Reviewer' });
  });

  afterAll(async () => {
    await desk?.stop();
  });

  const held = async () => (await desk.server.api('GET', '/api/spam', { token: agent.token })).body.mails as { id: string; from: string; subject: string; score: number; reasons: { code: string; points: number }[] }[];
  const junk = (id: string, from = 'promo@junk-shop.test') => ({
    from,
    to: DESK,
    subject: 'YOU HAVE WON THE LOTTERY!!!',
    text: 'Claim your casino jackpot now',
    messageId: `<${id}@junk-shop.test>`,
    headers: { 'X-Spam-Flag': 'YES' },
  });

  it('holds a suspected mail instead of opening a ticket; an agent releases it into a ticket or deletes it', async () => {
    const first = await desk.client.send(junk('junk-1'));
    expect(first.response).toContain('held for review');
    const again = await desk.client.send(junk('junk-1'));
    expect(again.response).toContain('duplicate');
    const [mail] = await held();
    expect(mail).toMatchObject({ from: 'promo@junk-shop.test', subject: 'YOU HAVE WON THE LOTTERY!!!', score: expect.any(Number) });
    expect(mail!.reasons).toContainEqual({ code: 'upstream_filter', points: 10 });
    expect(desk.sink.mails).toHaveLength(0);

    const released = await desk.server.api('POST', `/api/spam/${mail!.id}/release`, { token: agent.token });
    expect(released.body).toMatchObject({ outcome: 'created', ticketNumber: expect.any(Number) });
    const ticket = (await desk.server.api('GET', `/api/tickets/${released.body.ticketNumber}`, { token: desk.server.adminToken })).body;
    expect(ticket.messages[0].body).toBe('Claim your casino jackpot now');
    expect(await held()).toEqual([]);
    expect((await desk.server.api('POST', `/api/spam/${mail!.id}/release`, { token: agent.token })).status).toBe(404);

    await desk.client.send(junk('junk-2'));
    const [second] = await held();
    expect((await desk.server.api('DELETE', `/api/spam/${second!.id}`, { token: agent.token })).status).toBe(204);
    expect(await held()).toEqual([]);
  });

  it('lets the admins’ lists decide first, and never holds a reply to a known thread', async () => {
    const rules = await desk.server.api('PUT', '/api/admin/spam-rules', { token: desk.server.adminToken, body: { allow: ['trusted.test'], block: ['mallory@evil.test'], threshold: 5 } });
    expect(rules.status).toBe(200);
    expect((await desk.client.send(junk('allowed-1', 'boss@trusted.test'))).response).toContain('stored in ticket');
    expect((await desk.client.send({ from: 'mallory@evil.test', to: DESK, subject: 'Hello', text: 'Innocent words', messageId: '<blocked-1@evil.test>' })).response).toContain('held for review');

    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Real question', text: 'Hi', messageId: '<real-1@customer.test>' });
    const number = Number(/ticket #(\d+)/.exec(opened.response)?.[1]);
    const reply = await desk.client.send({ ...junk('reply-1', CUSTOMER), inReplyTo: '<real-1@customer.test>' });
    expect(reply.response).toContain(`stored in ticket #${number}`);
  });

  it('refuses bad rules with a clear error, and only admins set them', async () => {
    const bad = await desk.server.api('PUT', '/api/admin/spam-rules', { token: desk.server.adminToken, body: { allow: ['not a domain'], block: [], threshold: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/invalid spam rules/);
    expect((await desk.server.api('PUT', '/api/admin/spam-rules', { token: agent.token, body: { allow: [], block: [], threshold: 5 } })).status).toBe(403);
    expect((await desk.server.api('GET', '/api/admin/spam-rules', { token: desk.server.adminToken })).body).toEqual({ allow: ['trusted.test'], block: ['mallory@evil.test'], threshold: 5 });
  });
});
