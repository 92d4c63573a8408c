import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFrom } from '../support/from-address';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server';

/**
 * Finding 4 of issue #9, against the real server: the throttle counts per account (backoff, never
 * a lockout) and per source address (sprays). Distinct clients are distinct loopback addresses.
 * The maximum delay is 2 s here (TIERDESK_LOGIN_MAX_DELAY_SECONDS) to keep the suite short.
 */
describe('login throttle', () => {
  let server: TestServer;
  const login = (address: string, body: unknown) => requestFrom(address, `${server.url}/api/auth/login`, { method: 'POST', body });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    server = await startTestServer({ env: { TIERDESK_LOGIN_MAX_DELAY_SECONDS: '2' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets the admin in from another address after at most the maximum delay, however many wrong passwords came from 127.0.0.2', async () => {
    let checked = 0;
    let lastFailureAt = 0;
    // The attacker honours Retry-After, so that as many guesses as possible are really checked.
    while (checked < 10) {
      const guess = await login('127.0.0.2', { email: ADMIN.email, password: `wrong-guess-${checked}` });
      if (guess.status === 429) {
        expect(Number(guess.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(guess.headers['retry-after'])).toBeLessThanOrEqual(2);
        await sleep(Number(guess.headers['retry-after']) * 1_000);
        continue;
      }
      expect(guess.status).toBe(401);
      checked += 1;
      lastFailureAt = Date.now();
    }
    // Hammering inside the delay is refused and not counted.
    const hammered = await Promise.all(Array.from({ length: 5 }, (_, index) => login('127.0.0.2', { email: ADMIN.email, password: `hammer-${index}` })));
    expect(hammered.map((response) => response.status)).toEqual([429, 429, 429, 429, 429]);

    let owner = await login('127.0.0.3', ADMIN);
    let waits = 0;
    while (owner.status === 429) {
      waits += 1;
      expect(owner.body.error).toMatch(/too many failed sign-ins for this account: try again in \d s/);
      await sleep(Number(owner.headers['retry-after']) * 1_000);
      owner = await login('127.0.0.3', ADMIN);
    }
    const waitedMs = Date.now() - lastFailureAt;
    expect(owner.status).toBe(200);
    expect(owner.body.agent.email).toBe(ADMIN.email);
    expect(waits).toBeLessThanOrEqual(2);
    // At most the maximum delay (2 s) after the last counted guess, plus a generous margin for a busy machine.
    expect(waitedMs).toBeLessThan(2_000 + 2_500);

    // The success cleared the account's failures: the next wrong password is an ordinary 401.
    expect((await login('127.0.0.3', { email: ADMIN.email, password: 'typo-after-success' })).status).toBe(401);
  });

  it('throttles a spray of one guess on each of 40 emails from one address after 20, and no other address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const guess = await login('127.0.0.4', { email: `sprayed${index}@test.local`, password: 'Spring2026!!' });
      statuses.push(guess.status);
      if (guess.status === 429) {
        expect(guess.body.error).toMatch(/from this address/);
        // 20 per 15 minutes refills one every 45 s.
        expect(Number(guess.headers['retry-after'])).toBeGreaterThan(30);
        expect(Number(guess.headers['retry-after'])).toBeLessThanOrEqual(45);
      }
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    expect((await login('127.0.0.5', { email: 'sprayed39@test.local', password: 'Spring2026!!' })).status).toBe(401);
    expect((await login('127.0.0.5', ADMIN)).status).toBe(200);
  });

  it('checks at most the free failures of one account when 40 guesses arrive at once', async () => {
    const victim = await server.signIn({ name: 'Parallel Pia' });
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, index) => login(`127.0.1.${index + 1}`, { email: victim.agent.email, password: `guess-${index}` })),
    );
    const statuses = guesses.map((guess) => guess.status);
    expect(statuses.filter((status) => status === 401), 'password checks performed').toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    // The victim's existing session is untouched by the throttle.
    expect((await server.api('GET', '/api/directory/agents', { token: victim.token })).status).toBe(200);
  });

  it('records failures, throttles and successes in the security log with their addresses', async () => {
    await server.app.securityLog.flush();
    const page = await server.api('GET', '/api/admin/security-log?limit=200', { token: server.adminToken });
    expect(page.status).toBe(200);
    const events = page.body.events as { kind: string; email: string | null; address: string | null; agentId: string | null; detail: Record<string, unknown> }[];
    expect(events).toContainEqual(expect.objectContaining({ kind: 'sign_in_failed', email: ADMIN.email, address: '127.0.0.2', detail: expect.objectContaining({ reason: 'password' }) }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'sign_in_throttled', email: ADMIN.email, address: '127.0.0.2', detail: expect.objectContaining({ scope: 'account' }) }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'sign_in_throttled', address: '127.0.0.4', detail: expect.objectContaining({ scope: 'address' }) }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'sign_in', email: ADMIN.email, address: '127.0.0.3', agentId: expect.any(String) }));
    expect(JSON.stringify(events)).not.toMatch(/wrong-guess|Spring2026/);
  });
});

describe('login throttle with TIERDESK_RATE_LIMITS=off', () => {
  it('lets every attempt through', async () => {
    const server = await startTestServer({ env: { TIERDESK_RATE_LIMITS: 'off' } });
    try {
      for (let index = 0; index < 25; index += 1) {
        expect((await server.api('POST', '/api/auth/login', { body: { email: ADMIN.email, password: `wrong-${index}` } })).status).toBe(401);
      }
      expect((await server.api('POST', '/api/auth/login', { body: ADMIN })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
