import { expect, test, type Page } from '@playwright/test';
import { spawnServer, type SpawnedServer } from '../support/spawned-server';

const ADMIN = { email: 'admin@e2e.local', password: 'admin-password-1' };
const AGENT = { email: 'dana@e2e.local', password: 'dana-password-1', name: 'Dana Agent', role: 'agent', level: 1 };

let server: SpawnedServer;
let adminToken: string;

async function api(method: string, path: string, body?: unknown, token = adminToken) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

const intake = (subject: string) =>
  api('POST', '/api/tickets', { subject, body: `${subject}: details`, requester: { email: 'erin@customer.test', name: 'Erin' } }).then((r) => r.body as { number: number; id: string });

async function signIn(page: Page) {
  await page.goto(server.url);
  await page.getByLabel('Email').fill(AGENT.email);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
}

const openTicket = (page: Page, number: number) => page.getByTestId('queue-row').filter({ hasText: `#${number}` }).click();

test.beforeAll(async () => {
  test.setTimeout(120_000); // the server's first start compiles it (tsx): slow on a busy machine
  server = await spawnServer({ TIERDESK_ADMIN_EMAIL: ADMIN.email, TIERDESK_ADMIN_PASSWORD: ADMIN.password });
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  adminToken = ((await login.json()) as { token: string }).token;
  expect((await api('POST', '/api/agents', AGENT)).status).toBe(201);
});

test.afterAll(async () => {
  await server?.stop();
});

test('an intake ticket is routed to the agent at the desk: it appears in My tickets; they reply and set it Fixed', async ({ page }) => {
  await signIn(page);
  const ticket = await intake('Cannot print invoices');
  // Dana is the only agent online in General at L1: routing gives her the ticket at once.
  await expect(page.getByRole('button', { name: 'My tickets' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('queue-row').filter({ hasText: `#${ticket.number}` })).toBeVisible();

  await openTicket(page, ticket.number);
  await expect(page.getByTestId('ticket-assignee')).toHaveText('Me');
  await page.getByLabel('Reply').fill('We are looking into it.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('We are looking into it.')).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption('fixed');

  await expect
    .poll(async () => (await api('GET', `/api/tickets/${ticket.number}`)).body, { timeout: 10_000 })
    .toMatchObject({ status: 'fixed', messages: [{ kind: 'customer' }, { kind: 'auto_reply', authorId: null }, { kind: 'reply', body: 'We are looking into it.' }] });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
});

test('offline, a reply and a status change are kept and reach the server after reconnect', async ({ page, context }) => {
  await signIn(page);
  const ticket = await intake('VPN disconnects');
  await openTicket(page, ticket.number);
  await page.getByLabel('Status', { exact: true }).selectOption('in_progress');
  await expect.poll(async () => (await api('GET', `/api/tickets/${ticket.number}`)).body.status).toBe('in_progress');

  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');
  await page.getByLabel('Reply').fill('Please restart the VPN client.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByLabel('Status', { exact: true }).selectOption('waiting_for_customer');
  await expect(page.getByText('Please restart the VPN client.')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toContainText('2');
  // Nothing reached the server while offline.
  expect((await api('GET', `/api/tickets/${ticket.number}`)).body.status).toBe('in_progress');

  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
  await expect
    .poll(async () => (await api('GET', `/api/tickets/${ticket.number}`)).body, { timeout: 15_000 })
    .toMatchObject({ status: 'waiting_for_customer', messages: [{ kind: 'customer' }, { kind: 'auto_reply', authorId: null }, { kind: 'reply', body: 'Please restart the VPN client.' }] });
});
