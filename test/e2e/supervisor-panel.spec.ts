import { expect, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../core';
import { spawnServer, type SpawnedServer } from '../support/spawned-server';

/**
 * The supervisor's promise: the Workload panel moves live as the team works. An agent's console is
 * a real socket.io client here (online, so routing gives them work); the supervisor watches in
 * Chromium and sees the agent's load bar and counters rise the moment a ticket is routed to them.
 */
const ADMIN = { email: 'admin@panel.e2e.local', password: 'admin-password-1' };
const AGENT = { email: 'omar@panel.e2e.local', password: 'omar-password-1', name: 'Omar Agent', role: 'agent', level: 1 };
const SUPERVISOR = { email: 'sam@panel.e2e.local', password: 'sam-password-1', name: 'Sam Supervisor', role: 'supervisor', level: 3 };

let server: SpawnedServer;
let adminToken: string;
let agentSocket: Socket | undefined;

async function api(method: string, path: string, body?: unknown, token = adminToken) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await spawnServer({ TIERDESK_ADMIN_EMAIL: ADMIN.email, TIERDESK_ADMIN_PASSWORD: ADMIN.password });
  adminToken = (await api('POST', '/api/auth/login', ADMIN, '')).body.token;
  for (const person of [AGENT, SUPERVISOR]) expect((await api('POST', '/api/agents', person)).status).toBe(201);
});

test.afterAll(async () => {
  agentSocket?.disconnect();
  await server?.stop();
});

test('the Workload panel shows an agent’s load rise when a ticket is assigned to them', async ({ page }) => {
  const agentToken = (await api('POST', '/api/auth/login', { email: AGENT.email, password: AGENT.password }, '')).body.token as string;
  agentSocket = io(server.url, { auth: { token: agentToken, protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    agentSocket!.once('connect', () => resolve());
    agentSocket!.once('connect_error', reject);
  });

  await page.goto(server.url);
  await page.getByLabel('Email').fill(SUPERVISOR.email);
  await page.getByLabel('Password').fill(SUPERVISOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
  await page.getByRole('button', { name: 'Workload' }).click();

  const row = page.getByTestId('agent-row').filter({ hasText: AGENT.name });
  await expect(row.getByTestId('agent-load')).toHaveText('0 / 10');
  await expect(row.getByRole('meter')).toHaveAttribute('aria-valuenow', '0');
  await expect(row.getByTestId('agent-assigned')).toHaveText('0');

  const created = await api('POST', '/api/tickets', { subject: 'Printer offline', body: 'It shows offline since the update.', requester: { email: 'ops@customer.test' } }, '');
  expect(created.status).toBe(201);

  // Routed to Omar (the only agent online): the panel follows within a second, without a reload.
  await expect(row.getByTestId('agent-load')).toHaveText('1 / 10', { timeout: 2_000 });
  await expect(row.getByRole('meter')).toHaveAttribute('aria-valuenow', '1');
  await expect(row.getByTestId('agent-assigned')).toHaveText('1');
  expect((await api('GET', `/api/tickets/${created.body.number}`)).body.assigneeId).toBeTruthy();
});
