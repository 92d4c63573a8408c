import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { eventually } from '../support/eventually';
import { createSocketPool } from '../support/raw-socket';
import { startTestServer, type TestServer } from '../support/test-server';

type GroupJson = { id: string; name: string; categories: string[]; members: { agentId: string; level: number; capacity: number }[] };

describe('groups and agent administration', () => {
  let server: TestServer;
  const sockets = createSocketPool();
  const groups = async (token = server.adminToken) => (await server.api('GET', '/api/groups', { token })).body as GroupJson[];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('has a General group out of the box that every new agent joins at their level with capacity 10', async () => {
    const agent = await server.signIn({ name: 'Gina General', level: 2 });
    const general = (await groups(agent.token)).find((group) => group.name === 'General');
    expect(general?.categories).toEqual([]);
    expect(general?.members).toContainEqual({ agentId: agent.agent.id, level: 2, capacity: 10 });
    // The first admin too.
    expect(general?.members).toContainEqual({ agentId: (await server.api('POST', '/api/auth/login', { body: { email: 'admin@test.local', password: 'admin-password-1' } })).body.agent.id, level: 3, capacity: 10 });
  });

  it('lets admins create groups and set their members; others are refused and bad input changes nothing', async () => {
    const agent = await server.signIn({ name: 'Bill Billing' });
    const created = await server.api('POST', '/api/groups', { token: server.adminToken, body: { name: 'Billing', categories: ['billing', 'complaint'] } });
    expect(created.status).toBe(201);
    const members = [{ agentId: agent.agent.id, level: 1, capacity: 5 }];
    expect((await server.api('PUT', `/api/groups/${created.body.id}/members`, { token: server.adminToken, body: members })).status).toBe(200);
    expect((await groups()).find((group) => group.name === 'Billing')).toMatchObject({ categories: ['billing', 'complaint'], members });

    expect((await server.api('POST', '/api/groups', { token: server.adminToken, body: { name: 'Billing' } })).status).toBe(409);
    expect((await server.api('POST', '/api/groups', { token: agent.token, body: { name: 'Mine' } })).status).toBe(403);
    expect((await server.api('POST', '/api/groups', { token: server.adminToken, body: { name: '' } })).status).toBe(400);
    const refusals = [
      [{ agentId: agent.agent.id, level: 4, capacity: 5 }],
      [{ agentId: agent.agent.id, level: 1, capacity: 0 }],
      [members[0], members[0]],
      [{ agentId: crypto.randomUUID(), level: 1, capacity: 5 }],
    ];
    for (const body of refusals) {
      const response = await server.api('PUT', `/api/groups/${created.body.id}/members`, { token: server.adminToken, body });
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual(expect.any(String));
    }
    expect((await server.api('PUT', `/api/groups/${crypto.randomUUID()}/members`, { token: server.adminToken, body: members })).status).toBe(404);
    expect((await groups()).find((group) => group.name === 'Billing')?.members).toEqual(members);
  });

  it('deactivating an agent ends their sessions at once: HTTP refuses the token and live sockets are cut', async () => {
    const leaving = await server.signIn({ name: 'Lee Leaving' });
    const socket = await sockets.connect(server.url, { token: leaving.token, protocolVersion: PROTOCOL_VERSION });
    const ended = new Promise<{ reason: string }>((resolve) => socket.once('session:ended', resolve));

    const response = await server.api('PATCH', `/api/agents/${leaving.agent.id}`, { token: server.adminToken, body: { active: false } });
    expect(response).toMatchObject({ status: 200, body: { id: leaving.agent.id, active: false } });
    expect(await ended).toEqual({ reason: 'revoked' });
    await eventually('the socket to be cut', () => !socket.connected);
    expect((await server.api('GET', '/api/groups', { token: leaving.token })).status).toBe(401);
    expect((await server.api('POST', '/api/auth/login', { body: { email: leaving.agent.email, password: leaving.password } })).status).toBe(401);
    expect(await sockets.refusal(server.url, { token: leaving.token, protocolVersion: PROTOCOL_VERSION })).toBe('unauthorized');
  });

  it('edits agents for admins only, refuses an admin deactivating themselves, and validates', async () => {
    const agent = await server.signIn({ name: 'Eddie Edit' });
    expect((await server.api('PATCH', `/api/agents/${agent.agent.id}`, { token: server.adminToken, body: { level: 2, name: 'Eddie Edited' } })).body).toMatchObject({ level: 2, name: 'Eddie Edited', active: true });
    expect((await server.api('PATCH', `/api/agents/${agent.agent.id}`, { token: agent.token, body: { level: 3 } })).status).toBe(403);
    expect((await server.api('PATCH', `/api/agents/${agent.agent.id}`, { token: server.adminToken, body: { level: 7 } })).status).toBe(400);
    expect((await server.api('PATCH', `/api/agents/${agent.agent.id}`, { token: server.adminToken, body: {} })).status).toBe(400);
    expect((await server.api('PATCH', `/api/agents/${crypto.randomUUID()}`, { token: server.adminToken, body: { level: 2 } })).status).toBe(404);
    const admin = (await server.api('POST', '/api/auth/login', { body: { email: 'admin@test.local', password: 'admin-password-1' } })).body.agent;
    expect((await server.api('PATCH', `/api/agents/${admin.id}`, { token: server.adminToken, body: { active: false } })).status).toBe(409);
  });
});
