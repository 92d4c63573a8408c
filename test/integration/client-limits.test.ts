import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { requestFrom } from '../support/from-address';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

type Handshake = { localAddress?: string; origin?: string; token: string };

/** Opens a socket and resolves with 'connected' or the connect_error message. */
function handshake(url: string, { localAddress, origin, token }: Handshake, opened: Socket[]): Promise<string> {
  const socket = io(url, {
    auth: { token, protocolVersion: PROTOCOL_VERSION, presence: 'away' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(localAddress ? { localAddress } : {}),
    ...(origin ? { extraHeaders: { origin } } : {}),
  } as never);
  opened.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

describe('per-client limits on HTTP and on handshakes', () => {
  let server: TestServer;
  let agent: SignedIn;
  let other: SignedIn;
  const opened: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        TIERDESK_LIMIT_HTTP_ADDRESS: '60/1m',
        TIERDESK_LIMIT_HTTP_SESSION: '30/1m',
        TIERDESK_LIMIT_SOCKET_CONNECT_ADDRESS: '10/1m',
        TIERDESK_SESSION_MAX_SOCKETS: '3',
        TIERDESK_CORS_ORIGINS: 'https://wallboard.example.com',
      },
    });
    agent = await server.signIn({ name: 'Limited Liam' });
    other = await server.signIn({ name: 'Other Olivia' });
  });
  afterAll(async () => {
    for (const socket of opened) socket.disconnect();
    await server?.stop();
  });

  it('refuses an address over its allowance with 429, Retry-After and a named reason, while other addresses are served', async () => {
    const answers = [];
    for (let index = 0; index < 70; index++) answers.push(await requestFrom('127.0.0.2', `${server.url}/api/health`, { method: 'GET' }));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(60);
    expect(refused).toHaveLength(10);
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused[0]!.body).toMatchObject({ code: 'rate_limited', error: expect.stringContaining('too many requests') });
    expect(refused[0]!.body.retryAfterMs).toBeGreaterThan(0);
    expect((await requestFrom('127.0.0.3', `${server.url}/api/health`, { method: 'GET' })).status).toBe(200);
    await server.app.securityLog.flush();
    const logged = await server.app.database.db.selectFrom('security_events').selectAll().where('kind', '=', 'rate_limited').execute();
    expect(logged.some((row) => row.address === '127.0.0.2' && JSON.parse(row.detail).limit === 'http_address')).toBe(true);
  });

  it('counts a token’s requests on their own: one busy agent does not use up the address for the others', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 35; index++) statuses.push((await requestFrom('127.0.0.4', `${server.url}/api/groups`, { method: 'GET', headers: { authorization: `Bearer ${agent.token}` } })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    // Same address, another agent's token: still served.
    expect((await requestFrom('127.0.0.4', `${server.url}/api/groups`, { method: 'GET', headers: { authorization: `Bearer ${other.token}` } })).status).toBe(200);
  });

  it('limits handshakes per address and sockets per session, with named reasons', async () => {
    const fromOne = [];
    for (let index = 0; index < 12; index++) fromOne.push(await handshake(server.url, { localAddress: '127.0.0.5', token: 'not-a-token' }, opened));
    expect(fromOne.slice(0, 10).every((reason) => reason === 'unauthorized')).toBe(true);
    expect(fromOne.slice(10)).toEqual(['rate_limited', 'rate_limited']);
    expect(await handshake(server.url, { localAddress: '127.0.0.6', token: other.token }, opened)).toBe('connected');

    const sessionSockets = [];
    for (let index = 0; index < 4; index++) sessionSockets.push(await handshake(server.url, { localAddress: '127.0.0.7', token: agent.token }, opened));
    expect(sessionSockets).toEqual(['connected', 'connected', 'connected', 'too_many_connections']);
  });

  it('refuses socket handshakes from pages of other origins, and takes the console’s own, the desktop app’s, the listed ones and scripts', async () => {
    const own = new URL(server.url).host;
    expect(await handshake(server.url, { localAddress: '127.0.0.8', token: other.token, origin: 'https://evil.example' }, opened)).not.toBe('connected');
    expect(await handshake(server.url, { localAddress: '127.0.0.8', token: other.token, origin: 'null' }, opened)).not.toBe('connected');
    for (const origin of [`http://${own}`, 'app://tierdesk', 'https://wallboard.example.com', undefined]) {
      const socketsBefore = opened.length;
      expect(await handshake(server.url, { localAddress: '127.0.0.9', token: other.token, ...(origin ? { origin } : {}) }, opened)).toBe('connected');
      opened[socketsBefore]!.disconnect();
    }
    await server.app.securityLog.flush();
    const refused = await server.app.database.db.selectFrom('security_events').selectAll().where('kind', '=', 'origin_refused').execute();
    expect(refused.map((row) => JSON.parse(row.detail).origin)).toContain('https://evil.example');
  });

  it('sends the security headers on every answer, with the console’s CSP unchanged', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'self'",
    );
    for (const response of [page, await fetch(`${server.url}/api/health`)]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });
});

describe('TIERDESK_TRUST_PROXY', () => {
  it('believes X-Forwarded-For only from the listed proxies', async () => {
    const trusting = await startTestServer({ env: { TIERDESK_LIMIT_HTTP_ADDRESS: '5/1m', TIERDESK_TRUST_PROXY: 'loopback' } });
    const direct = await startTestServer({ env: { TIERDESK_LIMIT_HTTP_ADDRESS: '5/1m' } });
    try {
      const through = (target: TestServer, client: string) => requestFrom('127.0.0.10', `${target.url}/api/health`, { method: 'GET', headers: { 'x-forwarded-for': client } });
      // Behind the trusted proxy (loopback), each forwarded client has its own allowance.
      for (let index = 0; index < 5; index++) expect((await through(trusting, '203.0.113.1')).status).toBe(200);
      expect((await through(trusting, '203.0.113.1')).status).toBe(429);
      expect((await through(trusting, '203.0.113.2')).status).toBe(200);
      // Without it, a client cannot escape its limit by inventing forwarded addresses.
      const statuses = [];
      for (let index = 0; index < 7; index++) statuses.push((await through(direct, `198.51.100.${index}`)).status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    } finally {
      await trusting.stop();
      await direct.stop();
    }
  });

  it('turns every limit off with TIERDESK_RATE_LIMITS=off', async () => {
    const unlimited = await startTestServer({ env: { TIERDESK_LIMIT_HTTP_ADDRESS: '5/1m', TIERDESK_RATE_LIMITS: 'off' } });
    try {
      const statuses = [];
      for (let index = 0; index < 20; index++) statuses.push((await requestFrom('127.0.0.11', `${unlimited.url}/api/health`, { method: 'GET' })).status);
      expect(statuses.every((status) => status === 200)).toBe(true);
    } finally {
      await unlimited.stop();
    }
  });
});
