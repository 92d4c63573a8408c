import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { BILLING, CUSTOMER, DESK, startMailDesk, storedNumber, type MailDesk } from '../support/mail-desk';
import type { SignedIn } from '../support/test-server';

const SALES = 'sales@desk.test';
const RELAY_LOGIN = { user: 'desk-relay', pass: 'relay-s3cret-pw' };

/**
 * Support addresses and the relay set by admins in the console, over the environment's: the
 * listener accepts an added address at once, its new tickets go to its group, and the desk
 * answers from the address the customer wrote to. A relay set in the console (its password
 * sealed, never shown) sends what waited in the queue.
 */
describe('email channel: support addresses and the relay set in the console', () => {
  let desk: MailDesk;
  let agent: SignedIn;
  let salesGroupId: string;
  const admin = () => desk.server.adminToken;
  const api = (method: string, path: string, body?: unknown, token = admin()) => desk.server.api(method, path, { token, body });

  beforeAll(async () => {
    desk = await startMailDesk({}, { relayInEnv: false, sinkLogin: RELAY_LOGIN });
    agent = await desk.server.signIn({ name: 'Sam Seller', level: 1 });
    salesGroupId = (await api('POST', '/api/groups', { name: 'Sales' })).body.id;
  });

  afterAll(async () => {
    await desk?.stop();
  });

  it('refuses mail for an address until an admin adds it, then routes its new tickets to the address’s group', async () => {
    await expect(desk.client.send({ from: CUSTOMER, to: SALES, subject: 'Quote', text: 'How much for 10 seats?' })).rejects.toThrow(/550|no such mailbox/);

    const added = await api('PUT', `/api/admin/mail/addresses/${SALES}`, { groupId: salesGroupId });
    expect(added.status).toBe(200);
    expect(added.body.supportAddresses).toContainEqual({ address: SALES, groupId: salesGroupId, source: 'console' });
    expect(added.body.supportAddresses).toContainEqual({ address: BILLING, groupId: null, source: 'env' });

    const sent = await desk.client.send({ from: CUSTOMER, to: SALES, subject: 'Quote', text: 'How much for 10 seats?' });
    const ticket = await desk.ticketOf(storedNumber(sent.response));
    expect(ticket.groupId).toBe(salesGroupId);

    // Bcc'd: only the envelope names the support address, and it still routes.
    const bcc = await desk.client.send({ envelope: { from: CUSTOMER, to: [SALES] }, from: CUSTOMER, to: 'someone@customer.test', subject: 'Quote for 20', text: 'And 20 seats?' });
    expect((await desk.ticketOf(storedNumber(bcc.response))).groupId).toBe(salesGroupId);
  });

  it('gives an address of the environment a group, and takes only that back when it is removed', async () => {
    expect((await api('PUT', `/api/admin/mail/addresses/${BILLING}`, { groupId: salesGroupId })).status).toBe(200);
    const routed = await desk.client.send({ from: CUSTOMER, to: BILLING, subject: 'Refund', text: 'Please refund order 5.' });
    expect((await desk.ticketOf(storedNumber(routed.response))).groupId).toBe(salesGroupId);

    const removed = await api('DELETE', `/api/admin/mail/addresses/${BILLING}`);
    expect(removed.status).toBe(200);
    expect(removed.body.supportAddresses).toContainEqual({ address: BILLING, groupId: null, source: 'env' });
    const again = await api('DELETE', `/api/admin/mail/addresses/${BILLING}`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/TIERDESK_MAIL_ADDRESSES/);
    // Still accepted: the environment names it.
    await expect(desk.client.send({ from: CUSTOMER, to: BILLING, subject: 'Refund 2', text: 'And order 6.' })).resolves.toBeTruthy();
  });

  it('refuses bad input and non-admins, changing nothing', async () => {
    const before = (await api('GET', '/api/admin/mail')).body;
    expect((await api('PUT', '/api/admin/mail/addresses/not-an-address', { groupId: null })).status).toBe(400);
    expect((await api('PUT', '/api/admin/mail/addresses/x@desk.test', { groupId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
    expect((await api('PUT', '/api/admin/mail/addresses/x@desk.test', { groupId: null, extra: 1 })).status).toBe(400);
    expect((await api('PUT', '/api/admin/mail/addresses/x@desk.test', { groupId: null }, agent.token)).status).toBe(403);
    expect((await api('DELETE', '/api/admin/mail/addresses/nobody@desk.test')).status).toBe(404);
    expect((await api('PATCH', '/api/admin/mail', { relayUrl: 'http://relay.example.com' })).status).toBe(400);
    expect((await api('PATCH', '/api/admin/mail', { relayUrl: 'smtp://relay.example.com\r\nRCPT TO:<x@y>' })).status).toBe(400);
    expect((await api('PATCH', '/api/admin/mail', { from: 'not mail' })).status).toBe(400);
    expect((await api('PATCH', '/api/admin/mail', { from: 'x@desk.test' }, agent.token)).status).toBe(403);
    expect((await api('GET', '/api/admin/mail')).body).toEqual(before);
  });

  it('answers from the support address the customer wrote to', async () => {
    const sent = await desk.client.send({ from: CUSTOMER, to: SALES, subject: 'Discount?', text: 'Any discount for schools?', messageId: '<school@customer.test>' });
    const number = storedNumber(sent.response);
    expect((await api('POST', `/api/tickets/${number}/messages`, { kind: 'reply', body: 'Yes: 30 % for schools.' })).status).toBe(201);
    const ticket = await eventually('the reply queued with its envelope', async () => (await desk.ticketOf(number)).messages.find((message: any) => message.kind === 'reply' && message.mail) ?? undefined);
    expect(ticket.mail.from).toBe(SALES);
  });

  it('sends what waited in the queue once an admin sets the relay, signing in with its password, which is never shown', async () => {
    const sent = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Waiting mail', text: 'Is anyone there?' });
    const number = storedNumber(sent.response);
    const queued = (await desk.ticketOf(number)).messages.find((message: any) => message.kind === 'auto_reply');
    expect(queued.delivery.state).toBe('queued');
    expect((await api('POST', '/api/admin/mail/test', { to: 'me@desk.test' })).status).toBe(409);

    const url = `smtp://${RELAY_LOGIN.user}:${RELAY_LOGIN.pass}@127.0.0.1:${desk.sink.port}`;
    const set = await api('PATCH', '/api/admin/mail', { relayUrl: url, from: 'help@desk.test' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ relay: `127.0.0.1:${desk.sink.port}`, relaySource: 'console', from: 'help@desk.test', fromSource: 'console' });
    expect(JSON.stringify(set.body)).not.toContain(RELAY_LOGIN.pass);
    expect(JSON.stringify((await api('GET', '/api/admin/mail')).body)).not.toContain(RELAY_LOGIN.pass);

    const ack = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Waiting mail`);
    expect(ack.user).toBe(RELAY_LOGIN.user);
    // Queued before the From changed: it keeps the envelope it was queued with (the address the customer wrote to).
    expect(ack.parsed.from?.value[0]?.address).toBe(DESK);
    await eventually('the waiting acknowledgement marked sent', async () => (await desk.ticketOf(number)).messages.find((message: any) => message.kind === 'auto_reply' && message.delivery?.state === 'sent'));

    // The new From is a support address at once, and mail to it threads like any other.
    const help = await desk.client.send({ from: CUSTOMER, to: 'help@desk.test', subject: 'Hello help', text: 'Hi.' });
    const helpAck = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${storedNumber(help.response)}] Hello help`);
    expect(helpAck.parsed.from?.value[0]?.address).toBe('help@desk.test');
    expect((await api('POST', '/api/admin/mail/test', { to: 'me@desk.test' })).body).toEqual({ sent: true, to: 'me@desk.test' });
  });

  it('keeps the relay’s password sealed in the database, and puts the environment back on null', async () => {
    const stored = await desk.server.app.database.db.selectFrom('settings').select('value').where('key', '=', 'mail.desk').executeTakeFirstOrThrow();
    expect(stored.value).not.toContain(RELAY_LOGIN.pass);
    expect(stored.value).not.toContain('127.0.0.1');

    const reset = await api('PATCH', '/api/admin/mail', { relayUrl: null, from: null });
    expect(reset.body).toMatchObject({ relay: null, relaySource: 'env', from: DESK, fromSource: 'env' });
    expect((await api('DELETE', `/api/admin/mail/addresses/${SALES}`)).status).toBe(200);
    await expect(desk.client.send({ from: CUSTOMER, to: SALES, subject: 'Late', text: 'Too late?' })).rejects.toThrow(/550|no such mailbox/);
  });
});
