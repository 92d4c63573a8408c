import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { hashPassword } from '../../server/auth/passwords';
import { setPasswordHash } from '../../server/store/credentials-repository';
import { expectError } from '../support/http-expectations';
import { createSocketPool, nextEvent } from '../support/raw-socket';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server';

/** Password change, admin reset, weak legacy passwords and "sign out my other sessions", on the real server. */
describe('account passwords and sessions', () => {
  let server: TestServer;
  const sockets = createSocketPool();
  const socketAuth = (token: string) => ({ token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
  const login = (email: string, password: string, userAgent = 'Vitest/1.0 (integration)') =>
    server.api('POST', '/api/auth/login', { body: { email, password }, headers: { 'user-agent': userAgent } });
  const works = async (token: string) => (await server.api('GET', '/api/directory/agents', { token })).status === 200;
  const logKinds = async (kind: string) => {
    await server.app.securityLog.flush();
    return (await server.api('GET', `/api/admin/security-log?kind=${kind}&limit=200`, { token: server.adminToken })).body.events as { agentId: string; detail: Record<string, unknown> }[];
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  describe('POST /api/account/password', () => {
    it('changes the password, ends every other session (sockets get session:ended) and keeps this one', async () => {
      const agent = await server.signIn({ name: 'Chang Ing' });
      const other = (await login(agent.agent.email, agent.password)).body.token as string;
      const otherSocket = await sockets.connect(server.url, socketAuth(other));
      const ended = nextEvent<{ reason: string }>(otherSocket, 'session:ended');

      const changed = await server.api('POST', '/api/account/password', { token: agent.token, body: { currentPassword: agent.password, newPassword: 'violet-harbour-clock-92' } });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ sessionsEnded: 1 });

      expect(await ended).toEqual({ reason: expect.any(String) });
      expect(await works(other)).toBe(false);
      expect(await works(agent.token)).toBe(true);
      expectError(await login(agent.agent.email, agent.password), 401);
      expect((await login(agent.agent.email, 'violet-harbour-clock-92')).status).toBe(200);
      expect((await logKinds('password_changed')).some((event) => event.agentId === agent.agent.id)).toBe(true);
    });

    it('refuses a wrong current password, a weak or unchanged new one and malformed bodies, changing nothing', async () => {
      const agent = await server.signIn({ name: 'Stay Same' });
      const other = (await login(agent.agent.email, agent.password)).body.token as string;
      const send = (body: unknown) => server.api('POST', '/api/account/password', { token: agent.token, body });
      expectError(await send({ currentPassword: 'not-my-password', newPassword: 'violet-harbour-clock-92' }), 403, /current password is wrong/);
      expectError(await send({ currentPassword: agent.password, newPassword: 'short' }), 400, /at least 12 characters/);
      expectError(await send({ currentPassword: agent.password, newPassword: ' '.repeat(12) }), 400, /too easy to guess: Repeated characters/);
      expectError(await send({ currentPassword: agent.password, newPassword: 'password1234' }), 400, /too easy to guess/);
      expectError(await send({ currentPassword: agent.password, newPassword: agent.agent.email }), 400, /personal data/);
      expectError(await send({ currentPassword: agent.password, newPassword: 'x7Qp!'.repeat(26) }), 400, /at most 128 characters/);
      expectError(await send({ currentPassword: agent.password, newPassword: agent.password }), 400, /must differ/);
      expectError(await send({ currentPassword: agent.password }), 400);
      expectError(await send({ currentPassword: agent.password, newPassword: 'violet-harbour-clock-92', extra: 1 }), 400);
      expectError(await send('not json'), 400);
      expectError(await server.api('POST', '/api/account/password', { body: { currentPassword: agent.password, newPassword: 'violet-harbour-clock-92' } }), 401);
      expect((await login(agent.agent.email, agent.password)).status).toBe(200);
      expect(await works(other)).toBe(true);
    });
  });

  describe('POST /api/agents/:id/password (admin reset)', () => {
    it('sets a new password and ends every session of that agent, sockets included', async () => {
      const agent = await server.signIn({ name: 'Reset Rita' });
      const socket = await sockets.connect(server.url, socketAuth(agent.token));
      const ended = nextEvent(socket, 'session:ended');
      const reset = await server.api('POST', `/api/agents/${agent.agent.id}/password`, { token: server.adminToken, body: { newPassword: 'amber-falcon-river-31' } });
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({ sessionsEnded: 1 });
      await ended;
      expect(await works(agent.token)).toBe(false);
      expectError(await login(agent.agent.email, agent.password), 401);
      const fresh = await login(agent.agent.email, 'amber-falcon-river-31');
      expect(fresh.status).toBe(200);
      expect(fresh.body.passwordChangeRequired).toBe(false);
      const logged = await logKinds('password_reset');
      expect(logged).toContainEqual(expect.objectContaining({ agentId: agent.agent.id, detail: expect.objectContaining({ by: expect.any(String), sessionsEnded: 1 }) }));
    });

    it('is for admins only, refuses their own account, unknown agents and weak or malformed passwords', async () => {
      const agent = await server.signIn({ name: 'Plain Paul' });
      const supervisor = await server.signIn({ name: 'Super Sam', role: 'supervisor' });
      const victim = await server.signIn({ name: 'Victim Vic' });
      const admin = (await login(ADMIN.email, ADMIN.password)).body.agent as { id: string };
      const reset = (id: string, body: unknown, token = server.adminToken) => server.api('POST', `/api/agents/${id}/password`, { token, body });
      expectError(await reset(victim.agent.id, { newPassword: 'amber-falcon-river-31' }, agent.token), 403);
      expectError(await reset(victim.agent.id, { newPassword: 'amber-falcon-river-31' }, supervisor.token), 403);
      expectError(await reset(agent.agent.id, { newPassword: 'amber-falcon-river-31' }, agent.token), 403);
      expectError(await server.api('POST', `/api/agents/${victim.agent.id}/password`, { body: { newPassword: 'amber-falcon-river-31' } }), 401);
      expectError(await reset(admin.id, { newPassword: 'amber-falcon-river-31' }), 409, /your own password/);
      expectError(await reset(crypto.randomUUID(), { newPassword: 'amber-falcon-river-31' }), 404);
      expectError(await reset('not-an-id', { newPassword: 'amber-falcon-river-31' }), 400);
      expectError(await reset(victim.agent.id, { newPassword: 'password' }), 400, /at least 12/);
      expectError(await reset(victim.agent.id, { newPassword: 'qwertyuiop12' }), 400, /too easy to guess/);
      expectError(await reset(victim.agent.id, { password: 'amber-falcon-river-31' }), 400);
      expect(await works(victim.token)).toBe(true);
      expect((await login(victim.agent.email, victim.password)).status).toBe(200);
    });
  });

  describe('weak passwords of existing accounts', () => {
    it('still sign in, with passwordChangeRequired until the password is changed', async () => {
      const agent = await server.signIn({ name: 'Legacy Lee' });
      // An account from before the policy: its password is "password".
      await setPasswordHash(server.app.database.db, agent.agent.id, await hashPassword('password'));
      const first = await login(agent.agent.email, 'password');
      expect(first.status).toBe(200);
      expect(first.body.passwordChangeRequired).toBe(true);
      expect((await login(agent.agent.email, 'password')).body.passwordChangeRequired).toBe(true);
      const changed = await server.api('POST', '/api/account/password', { token: first.body.token, body: { currentPassword: 'password', newPassword: 'copper-meadow-kite-58' } });
      expect(changed.status).toBe(200);
      expect((await login(agent.agent.email, 'copper-meadow-kite-58')).body.passwordChangeRequired).toBe(false);
    });
  });

  describe('sessions', () => {
    it('lists my live sessions with time, address and user agent, never a token, and marks this one', async () => {
      const agent = await server.signIn({ name: 'Many Max' });
      const phone = await login(agent.agent.email, agent.password, 'TierdeskPhone/2.0');
      const list = await server.api('GET', '/api/account/sessions', { token: phone.body.token });
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(2);
      const current = list.body.find((entry: { current: boolean }) => entry.current);
      expect(current).toEqual({ id: expect.any(String), createdAt: expect.any(Number), lastActiveAt: expect.any(Number), address: '127.0.0.1', userAgent: 'TierdeskPhone/2.0', current: true });
      expect(list.body.filter((entry: { current: boolean }) => !entry.current)).toHaveLength(1);
      const text = JSON.stringify(list.body);
      expect(text).not.toContain(phone.body.token);
      expect(text).not.toContain(agent.token);
      expectError(await server.api('GET', '/api/account/sessions'), 401);
    });

    it('signs out my other sessions (their sockets too) and keeps this one', async () => {
      const agent = await server.signIn({ name: 'Tidy Tom' });
      const second = (await login(agent.agent.email, agent.password)).body.token as string;
      const third = (await login(agent.agent.email, agent.password)).body.token as string;
      const bystander = await server.signIn({ name: 'Bystander Bo' });
      const socket = await sockets.connect(server.url, socketAuth(second));
      const ended = nextEvent(socket, 'session:ended');

      const revoked = await server.api('DELETE', '/api/account/sessions/others', { token: agent.token });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toEqual({ ended: 2 });
      await ended;
      expect(await works(second)).toBe(false);
      expect(await works(third)).toBe(false);
      expect(await works(agent.token)).toBe(true);
      expect(await works(bystander.token)).toBe(true);
      expect((await server.api('GET', '/api/account/sessions', { token: agent.token })).body).toHaveLength(1);
      expect((await server.api('DELETE', '/api/account/sessions/others', { token: agent.token })).body).toEqual({ ended: 0 });
      expect((await logKinds('sessions_revoked')).some((event) => event.agentId === agent.agent.id && event.detail.ended === 2)).toBe(true);
    });
  });
});
