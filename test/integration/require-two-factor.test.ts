import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { expectError } from '../support/http-expectations';
import { createSocketPool } from '../support/raw-socket';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server';

/**
 * TIERDESK_REQUIRE_2FA=1: an admin without a second factor gets a session that may only enrol
 * one; every other route and the socket handshake refuse it. Once enrolled, sign-in is normal.
 */
describe('TIERDESK_REQUIRE_2FA', () => {
  let server: TestServer;
  const sockets = createSocketPool();
  const socketAuth = (token: string) => ({ token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
  let adminFullToken = '';

  beforeAll(async () => {
    server = await startTestServer({ env: { TIERDESK_REQUIRE_2FA: '1' } });
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('gives an admin without a second factor a session that can only enrol, then widens it', async () => {
    const login = await server.api('POST', '/api/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    expect(login.body.secondFactorSetupRequired).toBe(true);
    const restricted = login.body.token as string;
    const ticket = await server.intake('Printer jammed');

    expectError(await server.api('GET', `/api/tickets/${ticket.number}`, { token: restricted }), 403, /set up two-factor sign-in first/);
    expectError(await server.api('GET', '/api/agents', { token: restricted }), 403, /set up two-factor/);
    expectError(await server.api('POST', '/api/agents', { token: restricted, body: { email: 'x@test.local', name: 'X', password: 'amber-falcon-river-31', role: 'agent', level: 1 } }), 403);
    expectError(await server.api('GET', '/api/account/sessions', { token: restricted }), 403);
    expectError(await server.api('GET', '/api/admin/security-log', { token: restricted }), 403);
    expect(await sockets.refusal(server.url, socketAuth(restricted))).toBe('unauthorized');
    expectError(await server.api('POST', '/api/account/2fa/disable', { token: restricted, body: { password: ADMIN.password, code: '123456' } }), 403);

    const setup = await server.api('POST', '/api/account/2fa/setup', { token: restricted });
    expect(setup.status).toBe(200);
    const enable = await server.api('POST', '/api/account/2fa/enable', { token: restricted, body: { code: await generate({ secret: setup.body.secret }) } });
    expect(enable.status).toBe(200);
    expect(enable.body.recoveryCodes).toHaveLength(10);

    // Enrolled: the same session is now a full one.
    expect((await server.api('GET', `/api/tickets/${ticket.number}`, { token: restricted })).status).toBe(200);
    expect((await sockets.connect(server.url, socketAuth(restricted))).connected).toBe(true);
    // Another session opened with the password alone stays restricted: it never proved the second factor.
    expectError(await server.api('GET', '/api/agents', { token: server.adminToken }), 403);

    // And the next sign-in is the normal one with a code.
    expect((await server.api('POST', '/api/auth/login', { body: ADMIN })).body.code).toBe('totp_required');
    const withCode = await server.api('POST', '/api/auth/login', { body: { ...ADMIN, recoveryCode: enable.body.recoveryCodes[0] } });
    expect(withCode.status).toBe(200);
    adminFullToken = withCode.body.token;
    expect(withCode.body.secondFactorSetupRequired).toBe(false);
    expectError(await server.api('POST', '/api/account/2fa/disable', { token: withCode.body.token, body: { password: ADMIN.password, code: enable.body.recoveryCodes[1] } }), 409, /TIERDESK_REQUIRE_2FA/);

    await server.app.securityLog.flush();
    const signIns = (await server.api('GET', '/api/admin/security-log?kind=sign_in', { token: withCode.body.token })).body.events;
    expect(signIns).toContainEqual(expect.objectContaining({ detail: expect.objectContaining({ restricted: true }) }));
  });

  it('leaves agents who are not admins free to sign in without a second factor', async () => {
    const email = `free.fay.${Date.now()}@test.local`;
    const password = 'amber-falcon-river-31';
    expect((await server.api('POST', '/api/agents', { token: adminFullToken, body: { email, name: 'Free Fay', password, role: 'agent', level: 1 } })).status).toBe(201);
    const login = await server.api('POST', '/api/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    expect(login.body.secondFactorSetupRequired).toBe(false);
    expect((await server.api('GET', '/api/directory/agents', { token: login.body.token })).status).toBe(200);
  });
});

const unavailable = await postgresUnavailableReason();
if (unavailable) console.warn(`[skip] two-factor on PostgreSQL: ${unavailable}`);

describe.skipIf(unavailable !== null)('two-factor on PostgreSQL', () => {
  it('answers 503 naming TIERDESK_SECRET_KEY without one, and works with one', async () => {
    const database = await createScratchDatabase();
    try {
      const keyless = await startTestServer({ databaseUrl: database.url });
      try {
        expectError(await server503(keyless), 503, /TIERDESK_SECRET_KEY/);
      } finally {
        await keyless.stop();
      }
      const keyed = await startTestServer({ databaseUrl: database.url, env: { TIERDESK_SECRET_KEY: 'a-shared-master-key-of-at-least-32-chars' } });
      try {
        const setup = await keyed.api('POST', '/api/account/2fa/setup', { token: keyed.adminToken });
        expect(setup.status).toBe(200);
        const enable = await keyed.api('POST', '/api/account/2fa/enable', { token: keyed.adminToken, body: { code: await generate({ secret: setup.body.secret }) } });
        expect(enable.status).toBe(200);
        expect((await keyed.api('POST', '/api/auth/login', { body: ADMIN })).body.code).toBe('totp_required');
      } finally {
        await keyed.stop();
      }
    } finally {
      await database.drop();
    }
  });
});

const server503 = (server: TestServer) => server.api('POST', '/api/account/2fa/setup', { token: server.adminToken });
