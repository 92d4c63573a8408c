import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSecurityEvents } from '../../server/store/security-repository';
import { requestFrom, type AddressedResponse } from '../support/from-address';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The public intake under the default limits (30 requests per source address and 10 messages per
 * requester in 10 minutes), seen from distinct loopback addresses: one address is refused after
 * its allowance while another is still served; one requester flooding from many addresses is
 * refused; a refusal stores nothing and is in the security log; TIERDESK_RATE_LIMITS=off lets
 * everything through.
 */
const intakeBody = (email: string, subject = 'Printer on fire') => ({ subject, body: 'Please help', requester: { email } });

function expectRateLimited(response: AddressedResponse, what: string): void {
  expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(429);
  expect(response.body).toEqual({ error: expect.stringMatching(/too many .* try again in \d+ s/), code: 'rate_limited', retryAfterMs: expect.any(Number) });
  expect(response.body.retryAfterMs).toBeGreaterThan(0);
  expect(Number(response.headers['retry-after'])).toBe(Math.ceil(response.body.retryAfterMs / 1_000));
}

describe('intake limits (defaults)', () => {
  let server: TestServer;
  const post = (address: string, path: string, body: unknown, headers: Record<string, string> = {}) => requestFrom(address, `${server.url}${path}`, { body, headers });
  const storedTickets = async () => Number((await server.app.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);
  const rateLimitEvents = async () => {
    await server.app.securityLog.flush();
    return listSecurityEvents(server.app.database.db, { limit: 100, kind: 'rate_limited' });
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses an address after 30 requests over intake, customer messages and ratings, while another address is still served', async () => {
    const first = await post('127.0.0.2', '/api/tickets', intakeBody('first@example.com'));
    expect(first.status).toBe(201);
    // 28 more new tickets (one requester each) and one customer message: 30 requests from this address.
    for (let index = 0; index < 28; index++) expect((await post('127.0.0.2', '/api/tickets', intakeBody(`r${index}@example.com`))).status).toBe(201);
    expect((await post('127.0.0.2', `/api/tickets/${first.body.number}/customer-messages`, { body: 'Any news?' }, { 'x-access-key': first.body.accessKey })).status).toBe(201);
    const stored = await storedTickets();

    expectRateLimited(await post('127.0.0.2', '/api/tickets', intakeBody('late@example.com')), 'intake');
    expectRateLimited(await post('127.0.0.2', `/api/tickets/${first.body.number}/customer-messages`, { body: 'Hello?' }, { 'x-access-key': first.body.accessKey }), 'customer message');
    expectRateLimited(await post('127.0.0.2', `/api/tickets/${first.body.number}/rating`, { score: 5 }, { 'x-access-key': first.body.accessKey }), 'rating');
    // Refused before the body is read: even a malformed one gets 429, not 400.
    expectRateLimited(await post('127.0.0.2', '/api/tickets', '{"truncated":'), 'malformed intake');
    expect(await storedTickets()).toBe(stored);
    expect((await server.api('GET', `/api/tickets/${first.body.number}`, { token: server.adminToken })).body.messages).toHaveLength(3);

    expect((await post('127.0.0.3', '/api/tickets', intakeBody('late@example.com'))).status).toBe(201);
    const events = await rateLimitEvents();
    expect(events).toContainEqual(expect.objectContaining({ kind: 'rate_limited', address: '127.0.0.2', detail: expect.objectContaining({ limit: 'intakePerAddress', route: 'intake' }) }));
    expect(events.some((event) => event.address === '127.0.0.3')).toBe(false);
  });

  it('refuses one requester flooding from many addresses after 10, however the address is spelt, and serves other requesters', async () => {
    const addresses = Array.from({ length: 12 }, (_, index) => `127.0.1.${index + 1}`);
    for (const address of addresses.slice(0, 10)) expect((await post(address, '/api/tickets', intakeBody('flood@example.com'))).status).toBe(201);
    const stored = await storedTickets();
    expectRateLimited(await post(addresses[10]!, '/api/tickets', intakeBody('flood@example.com')), 'the 11th ticket');
    expectRateLimited(await post(addresses[11]!, '/api/tickets', intakeBody(' Flood+again@Example.COM ')), 'the same mailbox spelt otherwise');
    expect(await storedTickets()).toBe(stored);
    expect((await post(addresses[11]!, '/api/tickets', intakeBody('someone.else@example.com'))).status).toBe(201);
    expect(await rateLimitEvents()).toContainEqual(
      expect.objectContaining({ kind: 'rate_limited', email: 'flood@example.com', address: addresses[10], detail: expect.objectContaining({ limit: 'intakePerRequester', route: 'intake' }) }),
    );
  });

  it('counts customer messages against the ticket’s requester, and only once the key matched', async () => {
    const opened = await post('127.0.2.1', '/api/tickets', intakeBody('chatty@example.com'));
    expect(opened.status).toBe(201);
    // Strangers guessing keys are answered 404 and spend nothing of the requester's allowance.
    for (let index = 0; index < 12; index++) {
      expect((await post(`127.0.3.${index + 1}`, `/api/tickets/${opened.body.number}/customer-messages`, { body: 'guess' }, { 'x-access-key': `guess-${index}` })).status).toBe(404);
    }
    // The requester's own messages, each from another address: 1 ticket + 9 messages = 10.
    for (let index = 0; index < 9; index++) {
      const written = await post(`127.0.4.${index + 1}`, `/api/tickets/${opened.body.number}/customer-messages`, { body: `message ${index}` }, { 'x-access-key': opened.body.accessKey });
      expect(written.status, JSON.stringify(written.body)).toBe(201);
    }
    const refused = await post('127.0.4.100', `/api/tickets/${opened.body.number}/customer-messages`, { body: 'one too many' }, { 'x-access-key': opened.body.accessKey });
    expectRateLimited(refused, 'the 11th message');
    const conversation = (await server.api('GET', `/api/tickets/${opened.body.number}`, { token: server.adminToken })).body.messages as { body: string }[];
    expect(conversation.map((message) => message.body)).not.toContain('one too many');
  });
});

describe('intake limits with TIERDESK_RATE_LIMITS=off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TIERDESK_RATE_LIMITS: 'off' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('takes 40 tickets for one requester from one address', async () => {
    for (let index = 0; index < 40; index++) {
      const response = await requestFrom('127.0.0.2', `${server.url}/api/tickets`, { body: intakeBody('load@example.com', `Load ${index}`) });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  });
});
