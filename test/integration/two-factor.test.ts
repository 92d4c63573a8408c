import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock';
import { expectError } from '../support/http-expectations';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * The optional TOTP second factor on the real server. The server's clock is manual, so each
 * code is computed for the server's own time, and moving 30 s on gives the next step's code.
 */
describe('two-factor sign-in', () => {
  const clock = new ManualClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  let server: TestServer;
  const code = (secret: string) => generate({ secret, epoch: Math.floor(clock.now() / 1_000) });
  const nextStep = () => clock.advance(30_000);
  const login = (agent: SignedIn, extra: Record<string, string> = {}) => server.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password, ...extra } });
  const status = async (token: string) => (await server.api('GET', '/api/account/2fa', { token })).body;

  /** An agent with 2FA on: their secret and recovery codes. */
  async function enrolled(name: string) {
    const agent = await server.signIn({ name });
    const setup = await server.api('POST', '/api/account/2fa/setup', { token: agent.token });
    const enable = await server.api('POST', '/api/account/2fa/enable', { token: agent.token, body: { code: await code(setup.body.secret) } });
    expect(enable.status).toBe(200);
    nextStep();
    return { agent, secret: setup.body.secret as string, recoveryCodes: enable.body.recoveryCodes as string[] };
  }

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('enrols: a secret and otpauth URL, confirmed by a code, answers 10 one-time recovery codes once', async () => {
    const agent = await server.signIn({ name: 'Enrol Ena' });
    expect(await status(agent.token)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    const setup = await server.api('POST', '/api/account/2fa/setup', { token: agent.token });
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toBe(`otpauth://totp/Tierdesk:${encodeURIComponent(agent.agent.email)}?secret=${setup.body.secret}&issuer=Tierdesk`);

    expectError(await server.api('POST', '/api/account/2fa/enable', { token: agent.token, body: { code: '000000' } }), 403, /code is wrong/);
    expectError(await server.api('POST', '/api/account/2fa/enable', { token: agent.token, body: { code: 'abc' } }), 400, /six digits/);
    expectError(await server.api('POST', '/api/account/2fa/enable', { token: agent.token, body: {} }), 400);
    expect(await status(agent.token)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    // Not yet on: signing in still needs the password only.
    expect((await login(agent)).status).toBe(200);

    const enable = await server.api('POST', '/api/account/2fa/enable', { token: agent.token, body: { code: await code(setup.body.secret) } });
    expect(enable.status).toBe(200);
    expect(enable.body.recoveryCodes).toHaveLength(10);
    expect(new Set(enable.body.recoveryCodes).size).toBe(10);
    for (const each of enable.body.recoveryCodes) expect(each).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await status(agent.token)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    expectError(await server.api('POST', '/api/account/2fa/setup', { token: agent.token }), 409, /already on/);
    expectError(await server.api('POST', '/api/account/2fa/enable', { token: agent.token, body: { code: await code(setup.body.secret) } }), 409);

    // Stored sealed and hashed: neither the secret nor a recovery code is in the database in clear.
    const rows = JSON.stringify([
      await server.app.database.db.selectFrom('two_factor').selectAll().execute(),
      await server.app.database.db.selectFrom('recovery_codes').selectAll().execute(),
    ]);
    expect(rows).not.toContain(setup.body.secret);
    for (const each of enable.body.recoveryCodes) expect(rows).not.toContain(each.replaceAll('-', ''));
    // SQLite without TIERDESK_SECRET_KEY: the generated master key, readable by the server's user only.
    expect(fs.statSync(path.join(server.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('asks for the code after the right password only, and refuses a replayed code', async () => {
    const { agent, secret } = await enrolled('Code Cora');
    const bare = await login(agent);
    expect(bare.status).toBe(401);
    expect(bare.body).toEqual({ error: expect.any(String), code: 'totp_required' });
    const wrongPassword = await server.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: 'not-the-password', totp: await code(secret) } });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.code).toBeUndefined();
    expect(wrongPassword.body).toEqual((await server.api('POST', '/api/auth/login', { body: { email: 'nobody@test.local', password: 'not-the-password' } })).body);

    const current = await code(secret);
    const signedIn = await login(agent, { totp: current });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toEqual(expect.any(String));
    const replay = await login(agent, { totp: current });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('totp_invalid');
    nextStep();
    expect((await login(agent, { totp: await code(secret) })).status).toBe(200);
    expectError(await server.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password, totp: '12345' } }), 400);
    expectError(await server.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password, totp: '123456', recoveryCode: 'abcd-efgh-ijkm-npqr' } }), 400);
  });

  it('counts wrong codes as failures for the throttle, and records them', async () => {
    const { agent, secret } = await enrolled('Guess Gil');
    const statuses: number[] = [];
    for (let index = 0; index < 7; index += 1) statuses.push((await login(agent, { totp: String(100000 + index) })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    clock.advance(1_000);
    expect((await login(agent, { totp: await code(secret) })).status).toBe(200);
    await server.app.securityLog.flush();
    const failures = (await server.api('GET', '/api/admin/security-log?kind=two_factor_failed', { token: server.adminToken })).body.events;
    expect(failures).toContainEqual(expect.objectContaining({ agentId: agent.agent.id, detail: expect.objectContaining({ method: 'totp' }) }));
  });

  it('signs in once with each recovery code, and regenerating replaces them all', async () => {
    const { agent, secret, recoveryCodes } = await enrolled('Lost Phone Lou');
    const [first, second] = recoveryCodes as [string, string];
    expect((await login(agent, { recoveryCode: first.toUpperCase().replaceAll('-', ' ') })).status).toBe(200);
    expect((await login(agent, { recoveryCode: first })).body.code).toBe('totp_invalid');
    const token = (await login(agent, { recoveryCode: second })).body.token as string;
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 8 });

    expectError(await server.api('POST', '/api/account/2fa/recovery-codes', { token, body: { code: '000000' } }), 403);
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 8 });
    const fresh = await server.api('POST', '/api/account/2fa/recovery-codes', { token, body: { code: await code(secret) } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    expect((await login(agent, { recoveryCode: recoveryCodes[2] ?? '' })).body.code).toBe('totp_invalid');
    expect((await login(agent, { recoveryCode: fresh.body.recoveryCodes[0] })).status).toBe(200);

    await server.app.securityLog.flush();
    const used = (await server.api('GET', '/api/admin/security-log?kind=recovery_code_used', { token: server.adminToken })).body.events;
    const left = used.filter((event: { agentId: string }) => event.agentId === agent.agent.id).map((event: { detail: { recoveryCodesLeft: number } }) => event.detail.recoveryCodesLeft);
    // The second "9 left" (after regenerating) repeats the first within a minute: the log stores such repeats once.
    expect(left).toEqual(expect.arrayContaining([9, 8]));
  });

  it('turns off with the password and a code; a wrong one of either changes nothing', async () => {
    const { agent, secret } = await enrolled('Done Dana');
    nextStep();
    const token = (await login(agent, { totp: await code(secret) })).body.token as string;
    nextStep();
    const disable = (body: unknown) => server.api('POST', '/api/account/2fa/disable', { token, body });
    expectError(await disable({ password: 'not-the-password', code: await code(secret) }), 403, /password is wrong/);
    expectError(await disable({ password: agent.password, code: '000000' }), 403, /code is wrong/);
    expectError(await disable({ password: agent.password, code: 'nonsense' }), 400);
    expectError(await disable({ password: agent.password }), 400);
    expect(await status(token)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    expect((await disable({ password: agent.password, code: await code(secret) })).status).toBe(204);
    expect(await status(token)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect((await login(agent)).status).toBe(200);
    expectError(await disable({ password: agent.password, code: await code(secret) }), 409, /not on/);

    await server.app.securityLog.flush();
    const kinds = (await server.api('GET', '/api/admin/security-log?limit=200', { token: server.adminToken })).body.events
      .filter((event: { agentId: string }) => event.agentId === agent.agent.id)
      .map((event: { kind: string }) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(['two_factor_enabled', 'two_factor_disabled', 'two_factor_failed']));
  });

  it('lets an admin remove the second factor of an agent who lost it, signing them out everywhere', async () => {
    const { agent, secret } = await enrolled('Lost Everything Lia');
    const other = await server.signIn({ name: 'Not Admin Ned' });
    const token = (await login(agent, { totp: await code(secret) })).body.token as string;
    expectError(await server.api('DELETE', `/api/agents/${agent.agent.id}/2fa`, { token: other.token }), 403);
    expectError(await server.api('DELETE', `/api/agents/${crypto.randomUUID()}/2fa`, { token: server.adminToken }), 404);
    expectError(await server.api('DELETE', '/api/agents/not-an-id/2fa', { token: server.adminToken }), 400);
    expectError(await server.api('DELETE', `/api/agents/${other.agent.id}/2fa`, { token: server.adminToken }), 409, /not on/);
    expect((await server.api('DELETE', `/api/agents/${agent.agent.id}/2fa`, { token: server.adminToken })).status).toBe(204);
    expectError(await server.api('GET', '/api/account/2fa', { token: agent.token }), 401);
    expectError(await server.api('GET', '/api/account/2fa', { token }), 401);
    const fresh = await login(agent);
    expect(fresh.status).toBe(200);
    expect(await status(fresh.body.token)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
  });

  it('refuses the 2FA routes without a session', async () => {
    for (const [method, route] of [['GET', '/api/account/2fa'], ['POST', '/api/account/2fa/setup'], ['POST', '/api/account/2fa/enable'], ['POST', '/api/account/2fa/disable'], ['POST', '/api/account/2fa/recovery-codes']] as const) {
      expectError(await server.api(method, route, method === 'POST' ? { body: { code: '123456' } } : {}), 401);
    }
  });
});
